"""Misreadings found by auditing real helpdesk replies (STC-3, benchmarks/stc3.py).

Each ``*_misfire`` case paraphrases a kind of real reply the rules used to punish for a phrase
read in the wrong sense; it failed before its fix. Each ``*_still_caught`` case is the wrong
move the misfire resembles, which must keep its reading. The texts are paraphrases written
for these tests, not quotes from the data.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"


def counted(rules, text):
    return read_reply(rules, SC, text).present


# --------------------------------------------------- 1. chat emoji codes are pictures
# §5 mocking: typed 呵呵 mocks; Weibo's smiley code [呵呵] after a polite line does not.

EMOJI = ["好的，已经帮您登记了，谢谢！[呵呵]", "请私信您的手机号，方便我们核查[呵呵]", "[呵呵][呵呵]"]


@pytest.mark.parametrize("text", EMOJI)
def test_emoji_code_is_no_mockery_misfire(rules, text):
    assert "rudeness_sarcasm" not in counted(rules, text)


@pytest.mark.parametrize("text", ["呵呵，那您再等等吧", "呵呵，随便您"])
def test_typed_mockery_still_caught(rules, text):
    assert "rudeness_sarcasm" in counted(rules, text)


# --------------------------------------------------- 2. a refusal word that refuses nothing
# §5 refusing outright. "If it still fails, do X" gives the next step (§3.3); a question
# about what went wrong asks for the facts (§3.1).

NOT_REFUSING = [
    "您可以先重启一下，如仍无法解决，请点这个链接报修。",
    "建议您换张卡试试，如果都不行的话请再联系我们。",
    "如果重启以后依然不可以，可以到附近的维修点检测。",
    "若不行，请把您的账号发给我们。",
    "请问是升级以后就不可以用了吗？",
    "请问工作人员有说明不能办理的原因吗？",
]


@pytest.mark.parametrize("text", NOT_REFUSING)
def test_conditional_or_questioned_refusal_misfire(rules, text):
    assert "refusal" not in counted(rules, text)


REFUSING = [
    "这个是不可以的。",
    "不行，退款办不了。",
    "合约期内，是不能办理销户的。",
    "如果办理了合约，在合约期内是无法办理销户的。",  # a rule stated with 是 still refuses
    "这个问题无法解决，请您理解。",
]


@pytest.mark.parametrize("text", REFUSING)
def test_refusal_still_caught(rules, text):
    assert "refusal" in counted(rules, text)


def test_conditional_refusal_no_longer_angers_the_domineering_customer_misfire(rules):
    turn = step(start(rules, SC, "domineering"), "您先重启试试，如仍无法解决，请把账号发给我，我马上帮您查。")
    assert not any(c.rule == "refusal" for c in turn.changes)


# --------------------------------------------------- 3. sending away, or a reason, asked about
# §4 首问负责制: asking where the customer got their SIM card is no sending-away; §3 给出原因:
# asking what caused it is a question (credited as one), not an explanation.


@pytest.mark.parametrize("text", ["请问您的卡是自己剪的，还是到营业厅换的呢？", "请问您到营业厅是想办理什么业务？"])
def test_counter_asked_about_misfire(rules, text):
    assert "pass_the_buck" not in counted(rules, text)


@pytest.mark.parametrize("text", ["请您到营业厅办理吧。", "这个您去营业厅问吧"])
def test_sending_to_the_counter_still_caught(rules, text):
    assert "pass_the_buck" in counted(rules, text)


@pytest.mark.parametrize("text", ["请问您做了什么操作导致的闪退？", "请问是因为什么送修的呢？"])
def test_reason_asked_for_misfire(rules, text):
    assert "explain_reason" not in counted(rules, text)


@pytest.mark.parametrize("text", ["闪退是因为版本太旧导致的，请升级到最新版。", "由于线路检修，今天网速会慢一些。"])
def test_reason_given_still_caught(rules, text):
    assert "explain_reason" in counted(rules, text)


# --------------------------------------------------- 4. 尽快 that promises nothing
# §5 vague language is about when the company will act. 尽快 as the reply's purpose, or asked
# of the customer, is neither; 我们会尽快处理 still is.


@pytest.mark.parametrize("text", [
    "为了尽快解决您的问题，请您提供一下订单号。",
    "为了帮您尽快核实，请私信您的手机号码。",
    "您的号码已经停机，建议您尽快充值。",
    "请您尽快把手机寄回来，我们收到就检测。",
])
def test_purpose_or_advice_is_not_vague_misfire(rules, text):
    assert "vague" not in counted(rules, text)


@pytest.mark.parametrize("text", [
    "我们会尽快处理的。",
    "已经反馈了，会尽快给您答复。",
    "请您耐心等待。",                 # asked of the customer, waiting is still the stall
    "为了这个问题，我们尽快处理。",   # a new clause: the company's promise, still vague
])
def test_vague_promise_still_caught(rules, text):
    assert "vague" in counted(rules, text)


# --------------------------------------------------- 5. narrower phrases and non-negators

@pytest.mark.parametrize("text", ["请问您用的是自带相机还是第三方的应用？", "可能是第三方软件的兼容问题，建议先卸载试试。"])
def test_third_party_diagnosis_is_no_denial_misfire(rules, text):
    assert "deny_responsibility" not in counted(rules, text)


def test_blaming_a_third_party_still_caught(rules):
    assert "deny_responsibility" in counted(rules, "这是第三方的责任，跟我们没关系。")


@pytest.mark.parametrize("text", ["非人为损坏的话，一年内可以免费保修。", "保修期内非人为损坏都可以免费维修。"])
def test_warranty_term_is_no_blame_misfire(rules, text):
    assert "blame_customer" not in counted(rules, text)


@pytest.mark.parametrize("text", ["这是人为损坏，不在保修范围。", "检测结果属于人为损坏。"])
def test_damage_blamed_on_the_customer_still_caught(rules, text):
    assert "blame_customer" in counted(rules, text)


@pytest.mark.parametrize("text", ["给您带来不好的体验很抱歉", "给您带来不佳的感受很抱歉"])
def test_bad_experience_apology_is_an_apology_misfire(rules, text):
    present = counted(rules, text)
    assert "apology" in present and "deny_responsibility" not in present, present


def test_refused_apology_still_caught(rules):
    assert "deny_responsibility" in counted(rules, "我不会道歉的")


def test_unaffected_discount_is_no_refusal_misfire(rules):
    assert "refusal" not in counted(rules, "换套餐不影响优惠的办理。")


def test_refused_discount_still_caught(rules):
    assert "refusal" in counted(rules, "这个套餐不能优惠。")


# --------------------------------------------------- 6. a private message the agent sends
# §4 贯彻落实 / §3 call back: "I'll contact you by private message" is the agent's own
# follow-up, not a hand-over (the customer is sent nowhere). Asking the customer to write a
# private message, or "someone will contact you", is still no follow-up of the agent's.

@pytest.mark.parametrize("text", [
    "您好，团长私信联系您",
    "稍后小编将私信与您联系，请您留意。",
    "上市后我们会私信通知您。",
    "已私信回复您~",
    "I'll send you a private message with the details.",
])
def test_agent_contacting_by_private_message_is_a_follow_up_misfire(rules, text):
    present = counted(rules, text)
    assert "follow_up" in present and "unowned_handover" not in present, present


@pytest.mark.parametrize("text", [
    "请您私信提供您的手机号码。",
    "请私信联系我们的客服。",
    "稍后会有工作人员私信联系您。",          # somebody unnamed
])
def test_sent_to_a_private_message_still_no_follow_up(rules, text):
    assert "follow_up" not in counted(rules, text)


# --------------------------------------------------- 7. 应 of 应用 (an app) is no "should"
# §5 lecturing / §1 "you should have…": 管理应用 ("a management app") holds 理应 by accident.

@pytest.mark.parametrize("text", [
    "我们不建议您安装第三方安全管理应用，安装后可能会影响系统稳定。",
    "您可以卸载手机里的清理应用再试试。",
])
def test_an_app_is_no_lecture_misfire(rules, text):
    assert "lecture" not in counted(rules, text)


@pytest.mark.parametrize("text", ["您理应先看清楚条款的。", "您当初就应该问清楚。"])
def test_you_should_have_still_lectures(rules, text):
    assert "lecture" in counted(rules, text)


# --------------------------------------------------- 8. a question without its question mark
# §3.1 获取信息: 请问…不能播放是什么情况呢，… asks what went wrong, in a clause the writer closed
# with a comma. It refuses nothing (§5), and its question still counts.

@pytest.mark.parametrize("text", [
    "您好，请问音乐app不能播放歌曲具体是什么情况呢，会有什么提示吗？",
    "请问是从哪天开始不能上网的，有没有换过手机？",
    "是一直都无法登录吗，还是偶尔？",
])
def test_question_closed_by_a_comma_is_no_refusal_misfire(rules, text):
    present = counted(rules, text)
    assert "refusal" not in present and "asks_questions" in present, present


@pytest.mark.parametrize("text", ["这个是不能退的呢，请您理解。", "不能退款，这是规定。"])
def test_stated_refusal_before_a_comma_still_caught(rules, text):
    assert "refusal" in counted(rules, text)


# --------------------------------------------------- 9. 把…发我一下 / 发给我吧 is a request
# §5 commanding tone (use requests and questions instead): 一下 and 吧 after the verb soften an
# order into the request the brief asks for; a bare 把…给我 still commands.

@pytest.mark.parametrize("text", [
    "您把账号发我一下，我帮您看一下。",
    "方便的话您打开这个链接，把您的IP地址发给我吧",
    "把截图发过来一下哦，我帮您核对。",
])
def test_softened_request_is_no_command_misfire(rules, text):
    assert "rush_calm_down" not in counted(rules, text)


@pytest.mark.parametrize("text", ["你先把单号给我。", "把截图发过来。", "你把账号发我，快点。"])
def test_bare_order_still_commands(rules, text):
    assert "rush_calm_down" in counted(rules, text)


# --------------------------------------------------- 10. an apology with notes taken or a chase made
# §1 empty apologies are apologies with nothing behind them. Recording the case in detail
# (§5 take notes), chasing it (§5 show urgency) and checking it for the customer (§7 track it
# now) are something behind them.

@pytest.mark.parametrize("text", [
    "您好，抱歉给您带来不便，小沃已将您的问题详细记录并反馈处理人员。",
    "抱歉给您的使用带来了不便，您反映的问题已再次记录交工作人员核实。",
    "非常抱歉给您带来的不便，您的订单也已经加急催促了。",
    "非常抱歉给您添麻烦了，请把宽带账号私信给小编，以便为您查询核实。",
])
def test_apology_with_notes_or_a_chase_is_not_empty_misfire(rules, text):
    present = counted(rules, text)
    assert "empty_apology" not in present and "concrete_action" in present, present


@pytest.mark.parametrize("text", ["非常抱歉，给您添麻烦了。", "小编能够理解您的心情，给您带来不便敬请谅解。"])
def test_stock_apology_still_empty(rules, text):
    assert "empty_apology" in counted(rules, text)


# --------------------------------------------------- 11. 哈哈 / 嘿嘿 in a friendly aside
# §5 mocking the customer: 呵呵 is the chat brush-off and mocks unless the reply helps; a
# hearty 哈哈 or 嘿嘿 laughs with the customer unless it sits beside a harmful move.

@pytest.mark.parametrize("text", [
    "哈哈，那段时光清晰可见啊",
    "亲很专业啊，哈哈",
    "嘿嘿，可以了就好，祝使用愉快。",
    "看这热闹场面，喜庆呢，哈哈哈",
    "Haha, glad it works now, enjoy!",
])
def test_hearty_laugh_in_a_friendly_aside_is_no_mockery_misfire(rules, text):
    assert "rudeness_sarcasm" not in counted(rules, text)


@pytest.mark.parametrize("text", [
    "这个不归我管，嘿嘿",
    "您自己没看说明书吧，哈哈",
    "哈哈，那您再等等吧",
    "呵呵，知道了",
])
def test_laugh_beside_a_rebuke_still_mocks(rules, text):
    assert "rudeness_sarcasm" in counted(rules, text)


# --------------------------------------------------- 12. 可能会 describing what may happen
# §5 打太极 is a hedged promise (我们可能会明天回电, 后续版本可能会加入): the company may not do it. A
# 可能会 that says what may happen to the phone, the line or the data explains a cause or warns of
# a risk early (§3 give reasons; §5 delivering bad news: tell it early); it hedges no promise.

@pytest.mark.parametrize("text", [
    "如果手机里装了清理类应用，可能会误删系统文件，导致死机。",
    "充电的时候屏幕确实可能会有这个情况，换原装充电器试试。",
    "高峰时段网速可能会受到影响，建议您错峰使用。",
    "月初出账期间查询的数据可能会不准确，建议您3号以后再查。",
    "听筒附近有灰尘的话，可能会触发防误触功能，请用软布擦一下。",
])
def test_what_may_happen_is_no_hedge_misfire(rules, text):
    assert "vague" not in counted(rules, text)


@pytest.mark.parametrize("text", [
    "我们可能会明天给您回电。",
    "后续版本可能会加入这个功能。",
    "之后可能会有人联系您。",
    "这个问题我们可能会考虑一下。",
    "退款可能会晚几天到账。",
])
def test_hedged_promise_still_vague(rules, text):
    assert "vague" in counted(rules, text)


def test_hedged_time_still_voids_the_commitment(rules):
    # A hedge voids the time it goes with (§3: a hedged time is no commitment).
    assert "time_commitment" not in counted(rules, "我们可能会在明天下午三点前给您回电。")


# --------------------------------------------------- 13. urgency, upgrades and questions
# §5 right behaviours "show urgency": the agent's own 抓紧时间解决 commands nobody. §5 我们的系统
# 出故障了: a fix promised for a coming upgrade is no fault offered as an excuse. §3.1: asking how
# often or since when it happens (是百分百出现吗？一直都是这样的吗？) neither over-promises nor
# hides behind a rule.

@pytest.mark.parametrize("text, wrong", [
    ("信号问题我们已经反馈给相关部门，会抓紧时间解决。", "rush_calm_down"),
    ("我们这边抓紧时间为您处理，请稍等。", "rush_calm_down"),
    ("感谢您的建议，我们会在后续系统升级中不断优化。", "excuse"),
    ("这个问题会在下一版本系统升级中改善。", "excuse"),
    ("请问这种情况是百分百出现吗？", "over_promise"),
    ("在家里使用时一直都是这样的吗？", "hide_behind_policy"),
])
def test_urgency_upgrades_and_questions_misfire(rules, text, wrong):
    assert wrong not in counted(rules, text)


@pytest.mark.parametrize("text, right", [
    ("请您抓紧时间，后面还有人排队。", "rush_calm_down"),
    ("系统升级中，现在办不了。", "excuse"),
    ("您放心，百分百给您修好。", "over_promise"),
    ("我们一直都是这样处理的。", "hide_behind_policy"),
])
def test_urgency_upgrades_and_questions_still_caught(rules, text, right):
    assert right in counted(rules, text)


# --------------------------------------------------- 14. "see whether it improves"
# §1 / §4 prevention is a change so it does not happen again; asking the customer to see whether
# a step helped (查看是否会有所改善) tests the fix, it promises nothing.

@pytest.mark.parametrize("text", [
    "建议您清除缓存后再试，查看是否会有所改善。",
    "您先卸载重装一下，看看有没有改善。",
    "请问升级到最新版本后是否有改善呢？",
])
def test_whether_it_improves_is_no_prevention_misfire(rules, text):
    assert "prevention" not in counted(rules, text)


@pytest.mark.parametrize("text", ["我们会针对不足之处进行改善。", "我们会改进流程，避免再次发生。"])
def test_promised_improvement_still_prevention(rules, text):
    assert "prevention" in counted(rules, text)


# --------------------------------------------------- 15. "please tell us your…"
# §4 贯彻落实: 核实后告知您 promises to tell the customer; 请告知您的订单号 asks them to tell (§3.1).

@pytest.mark.parametrize("text", ["请告知您的订单号，我帮您查。", "烦请告知您的号码归属地。", "请告知您手机的系统版本。"])
def test_please_tell_us_is_no_follow_up_misfire(rules, text):
    assert "follow_up" not in counted(rules, text)


@pytest.mark.parametrize("text", ["核实后我会第一时间告知您结果。", "有进展我会告知您。"])
def test_telling_them_later_still_follows_up(rules, text):
    assert "follow_up" in counted(rules, text)


# --------------------------------------------------- 16. a free line is no compensation
# §1 compensation is given for the trouble; 拨打免费服务热线 / 发送短信免费查询 tells the customer how
# to reach us (§3.3) and gives nothing. 免费为您维修 still gives.

@pytest.mark.parametrize("text", [
    "您也可以拨打免费服务热线8008209918咨询。",
    "发送CXLL到10010免费查询流量使用情况。",
    "本地拨打是免费的，晚上可以打这个电话报障。",
])
def test_a_free_line_is_no_compensation_misfire(rules, text):
    assert "compensation" not in counted(rules, text)


@pytest.mark.parametrize("text", ["这次维修给您免费。", "我们给您退款，并补偿您一个月的费用。"])
def test_given_for_the_trouble_still_compensation(rules, text):
    assert "compensation" in counted(rules, text)


# --------------------------------------------------- 17. a question beside a vague promise
# §5 你怎么能这么做？: a question asked with a jab at the customer (rules/engine.yaml jabs) is
# rhetorical and earns nothing; beside a vague promise or a hand-over it still asks (§3.1).

@pytest.mark.parametrize("text", [
    "我们会尽快核实的。请问您的手机遇到了什么问题呢？",
    "方便私信提供一下手机号码吗？",
    "请问出了什么问题？请您私信我描述一下，我可以给您转给相关负责人。",
])
def test_question_beside_a_vague_promise_still_asks_misfire(rules, text):
    assert "asks_questions" in counted(rules, text)


@pytest.mark.parametrize("text", ["你怎么一点常识都没有？", "您自己没看说明书吗？", "你听我说，这能怪我们吗？"])
def test_question_with_a_jab_is_rhetorical(rules, text):
    assert "asks_questions" not in counted(rules, text)


# --------------------------------------------------- 18. a detail named, not asked for
# §3.1 获取信息: a detail the desk needs (订单号, 截图, 具体情况, "order number") is fact-finding where
# it is asked for: in a question, after a request in its sentence, or with a question word or a
# "send it" after it. Stated, it asks nothing (the lexicon's ``asked_only``).

@pytest.mark.parametrize("text", [
    "您的订单号已经处理了，请耐心等待。",
    "手机上那几处损坏的截图已经私信给您了。",
    "从截图来看，系统空间确实不多了。",
    "建议先退出您的账号，再更新一下。",
    "具体情况还需要以检测为准。",
    "Your order number is 12345 and it has shipped.",
    "The screenshot shows the update failed.",
])
def test_a_detail_named_is_no_fact_question_misfire(rules, text):
    assert "fact_question" not in counted(rules, text)


@pytest.mark.parametrize("text", [
    "请提供您的订单号。",
    "您订单号多少？我帮您查下。",
    "您订单号发我下，我帮您查下。",
    "可以将订单号通过私信发送给我。",
    "麻烦您私信给我们您的邮箱类型、配置页面截图和手机系统版本号。",
    "我们需要向您了解一些具体情况。",
    "What's your order number?",
    "Could you send me a screenshot of the error message?",
    "Please share your booking reference.",
])
def test_a_detail_asked_for_is_still_a_fact_question(rules, text):
    assert "fact_question" in counted(rules, text)


# --------------------------------------------------- 19. a time reported or asked about
# §3 "promise an answer by an agreed time": a time in a clause that reports what was done or asks
# the customer is no promise, and makes no time_commitment; a later time in the reply still can.

@pytest.mark.parametrize("text", [
    "今天下午13点多工作人员有联系过您,但您电话无人接听,工作人员会再次联系您的。",
    "您的退款已经在4月27号办理成功，我会跟进。",
])
def test_a_time_reported_is_no_promise_misfire(rules, text):
    present = counted(rules, text)
    assert "concrete_time" not in present and "time_commitment" not in present


@pytest.mark.parametrize("text", [
    "请问您在1月31号前有无收到短信通知呢？",
    "请问您今天总共充了几次？",
    "Did you call us at 3pm yesterday? I'll look into it.",
])
def test_a_time_asked_about_is_no_promise_stays(rules, text):
    present = counted(rules, text)
    assert "concrete_time" not in present and "time_commitment" not in present


@pytest.mark.parametrize("text", [
    "您的退款已经在4月27号办理成功，预计3-5个工作日到账，我会跟进。",   # the later time is promised
    "登记成功后，我们会在48小时内联系您处理。",                        # 成功后: after, not done
    "帮您查了下 订单已经发往库房 我今天帮您联系负责人安排发货",         # a space parts chat clauses
    "I'll call you back at 3pm today.",
    "我們已經為您安排技術人員明天上午到府維修。",                      # arranged for a coming time
])
def test_a_promised_time_still_commits(rules, text):
    assert "time_commitment" in counted(rules, text)
