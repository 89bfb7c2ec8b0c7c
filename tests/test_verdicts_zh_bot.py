"""Simplified Chinese as a support chatbot (智能客服) and e-commerce chat agents (淘宝/京东/拼多多) write it.

Held-out probes of ~30 replies each, written for these tests: the bot's templated greeting
(您好，我是智能客服小X，很高兴为您服务), non-understanding (抱歉，我没有理解您的意思 / 小X还在学习中),
loops (请问还有什么可以帮您), hand-off to a human (正在为您转接人工客服 / 人工客服繁忙，请稍后再试 /
请拨打人工热线), canned policy (根据平台规则…), FAQ links, confirmations (已为您提交工单，预计24小时内处理),
and shop chat (亲, 哦, 呢, 宝宝, 小二; 亲亲这边帮您催一下物流哈, 给您申请了5元无门槛券作为补偿,
亲这个是不支持7天无理由的哦, 快递的问题您找快递哈), good and bad, polite to curt. Each verdict was
decided from domain.md before the reply was run. Every ``*_misfire`` case read wrongly before its
fix; every ``*_stays`` case is a near-miss guard that must keep its reading.

Misread per round (before that round's fixes): 10/30, 8/31, 12/30, 13/30.

Every fix was checked against every STC-3 helpdesk reply (6,316 distinct replies) read before
and after it; only changes that are right by domain.md were kept.

* Round 1 phrase families (rules/behaviours.yaml): the marketplace's rules cited (根据平台规则,
  都是平台规定的) hide behind policy; 不支持7天无理由 / 不支持退货 refuses; the buyer sent to the courier,
  the seller or after-sales (您找快递哈, 请联系售后) passes the buck; 只是售前客服 is not my job; 其他买家都没…
  and 现在已下班 are the §5 phrases; the bot's 还在学习中 / 无法回答您 is 我不会; 人工客服繁忙 is an
  excuse; 请明天再来咨询 stalls; 人工热线 is a hand-over. Round 1 audit: four helpdesk replies changed
  reading in a first draft, all wrongly, and the draft was narrowed until none did: 咨询人数较多 is
  how real desks explain a busy line (因为咨询人数过多导致线忙), not an excuse, and a bare 您联系售后
  is in 请您私信您联系售后时所留电话, which asks a fact.
* Round 2 families: what the order record shows (系统显示, 物流显示, 派送中) gives information (§3.3
  what and when); 后面再处理 stalls; the shop page the buyer should have read (页面已经写清楚, 下单前没看)
  blames them; 您直接联系厂家 passes the buck; 按规矩办事 hides behind policy; 已受理 is on record; and
  the bot's 暂时无法处理您的问题 is 我做不了 (negative language), no longer an outright refusal, when it
  hands over at once. Round 2 audit: one helpdesk reply changed in a draft, wrongly (如果无法解决您的
  问题，点击… is a condition), so 无法解决您的问题 was left out; none changes now.
* Round 3 families: 已经回复过您了 / 往上翻 argues ("I told you"); 退货还是换货 and the bot's 请您选择：
  menu offer options; 使用方法不对 / 按照说明书来操作就不会… blames before the facts; 超出了我的业务范围 is
  not my job (超出我的权限 is not: escalating beyond one's authority is §4; 超出了我的服务范围 is left, see
  below); 不在售后范围 / 不在保修范围
  refuses; 这边不太清楚 is 我不知道; 您可以问问快递 passes the buck (帮您问问 is action and wins it); 单量
  太大 / 爆仓 is an excuse; 再问一次 / 到底要退还是 is commanding (decided before as rudeness or
  arguing; read now as §5 commanding tone). Code (simulator/text/matcher.py): a refusal after a
  condition whose subject is the agent (您要是还不满意我们也没有办法了) still refuses, and 还是 before a
  refusal word is "still", not the 是 that states a rule (如果重启后还是不行… names an outcome).
  Round 3 audit: 2 helpdesk replies changed, both right: 如果还是不可以解决，请您… and 如果还是不可以
  请您…私信 had read as refusals and now give the next step.
* Round 4 families: 质量都是经过检验的 denies before any check; 价保已经通过 / 退差价 compensates; 由我全程负责
  owns; the stock and when (仓库没货, 到货后), self-service (自助申请, 在订单页面) and 先重启 give
  information; 请示一下主管 and 重新发货 are action; 问了好几遍了，答案都是一样的 argues; 换成同款 offers an
  alternative; 属于个例 / 个别现象 is 怎么别人都没问题; 申请已被驳回 / 审核不通过 refuses; 请联系在线客服 passes the
  buck; 又不是不给您处理 brushes off. Round 4 audit: a draft with bare 重启手机 / 重启路由 changed 31 helpdesk
  replies, 7 wrongly (a restart asked about: 重启手机后是否能够改善呢？), so only 先重启 was kept; 12 change
  now: 11 gain gives_information, all right (到货后第一时间优先发货, 可自助办理, 请在订单页面提交售后, 建议您先重启),
  and 您好 请您放心 这种情况属个别现象 reads as the §5 phrase: right by §5 (the customer hears "only you"),
  though the 请您放心 before it makes it the nearest call of the four rounds.
* Left (strict xfail, with the reason): 没有视频的话没法处理 — 没有 within four characters of 没法处理
  cancels it, so the obstacle reads as nothing; 您到底要退还是不要退 still reads as a refund offered too (退
  还是 spells 退还, a compensation and need phrase); 超出了我的服务范围 — 服务范围 is a scenario need phrase
  (renewal-fee, contract terms), which a negative phrase may not hold.
"""

from __future__ import annotations

import pytest
from verdicts import deltas, present

# ------------------------------------------------------------------ round 1 (10 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 我不会 / 我做不了: the bot that cannot answer (bring in the colleague who can).
    ("小蜜还在学习中，暂时无法回答您的问题哦。", "negative_language"),
    # §5 excuses (人手不够, 来电太多): the chat desk busy as the answer.
    ("人工客服繁忙，请稍后再试。", "excuse"),
    # §4 不得推诿 unless owned with a time: the hotline for a human.
    ("如需人工服务，请拨打人工热线400-800-1234。", "unowned_handover"),
    # §5 我们向来都是这么做的: the platform's rules named instead of a reason.
    ("根据平台规则，该商品不支持退款。", "hide_behind_policy"),
    ("亲，这个我们也没办法呢，都是平台规定的。", "hide_behind_policy"),
    # §5 refusing outright.
    ("亲这个是不支持7天无理由的哦。", "refusal"),
    # §4 不得推诿: the buyer sent to the courier.
    ("快递的问题您找快递哈。", "pass_the_buck"),
    # §5 对不起，我们下班了.
    ("您好，人工客服工作时间为9:00-21:00，现在已下班，请明天再来咨询。", "forbidden_phrase"),
    ("您好，人工客服工作时间为9:00-21:00，现在已下班，请明天再来咨询。", "delay"),
    # §5 怎么别人都没问题？ said of the shop's other buyers.
    ("亲，同款商品其他买家都没有反馈这个问题哦。", "forbidden_phrase"),
    # §5 这不归我管: pre-sales only.
    ("不好意思亲，这边只是售前客服，售后问题请联系售后客服哦。", "not_my_job"),
    ("不好意思亲，这边只是售前客服，售后问题请联系售后客服哦。", "pass_the_buck"),
])
def test_round1_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round1_courier_brush_off_angers_every_customer_stays(rules):
    # It angered before its fix too (nothing in it met the need); it must keep doing so.
    assert all(d > 0 for d in deltas(rules, "快递的问题您找快递哈。"))


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the new families.
    ("因为咨询人数过多导致线路繁忙，给您带来不便非常抱歉。", "apology", "excuse"),
    ("请问您联系售后的时候留的是哪个电话？", "fact_question", "pass_the_buck"),
    ("我帮您联系快递，今天下午五点前给您回复。", "time_commitment", "pass_the_buck"),
    ("平台规定7天内发货，我马上帮您催一下。", "concrete_action", "hide_behind_policy"),
    ("手机重启以后您再试一下，不行的话我帮您报修。", None, "delay"),
    ("这个问题我来负责，不会让您找快递的。", "ownership", "pass_the_buck"),
    # Bot and shop replies that read already.
    ("您好，我是智能客服小蜜，很高兴为您服务。", "introduce_self", "refusal"),
    ("请问还有什么可以帮您？", "willing_to_serve", "fact_question"),
    ("正在为您转接人工客服，请稍候。", "handover", "pass_the_buck"),
    ("已为您提交工单，工单号20261202001，预计24小时内处理完毕。", "time_commitment", "vague"),
    ("亲，亲亲这边帮您催一下物流哈，有消息第一时间通知您哦。", "follow_up", "rudeness_sarcasm"),
    ("亲，给您申请了5元无门槛券作为补偿，您看可以吗？", "compensation", "refusal"),
    ("宝宝别着急哈，小二马上帮您查一下。", "acknowledge_feelings", "rush_calm_down"),
    ("这个不是我们的问题哦，是您自己选错尺码了。", "blame_customer", "ownership"),
    ("亲，您说的问题已经反馈给相关部门了，请耐心等待哦。", "unowned_handover", "time_commitment"),
    ("非常抱歉让您久等了，我是人工客服小李，工号8023，这个问题由我来跟进。", "ownership", "empty_apology"),
    ("亲，您可以申请退货退款，或者我们给您补发一件，您看哪种方便呢？", "offer_options", "refusal"),
    ("亲，您的反馈我们已经收到了，感谢您的支持。", "thank_complaint", "concrete_action"),
    ("抱歉给您带来不便，我们会尽快处理的。", "vague", "time_commitment"),
])
def test_round1_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 2 (8 of 31 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §3.3 give information (what, when): what the order record shows now.
    ("亲，您的快递已经在派送中了哦，预计明天送达呢。", "gives_information"),
    ("亲，系统显示您的订单已经退款成功了，钱会原路返回到您的支付宝哦。", "gives_information"),
    # §5 delaying: the problem put off to some later time.
    ("亲，您可以先确认收货，问题我们后面再处理哦。", "delay"),
    # §5 implying the customer is at fault: the shop page they should have read.
    ("亲，拍下的时候页面已经写清楚了不支持退换的哦，您下单前没看吗？", "blame_customer"),
    # §4 不得推诿: sent to the maker.
    ("这个是厂家直发的，质量问题您直接联系厂家售后吧。", "pass_the_buck"),
    # §5 我们向来都是这么做的.
    ("亲，我们这边也是按规矩办事，您理解一下哈。", "hide_behind_policy"),
    # §5 take notes: the complaint is on record.
    ("您的投诉我们已经受理，工单号为A20261202，请留意短信通知。", "concrete_action"),
])
def test_round2_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


def test_round2_bot_that_hands_over_does_not_refuse_misfire(rules):
    # §5 我做不了 → bring in the colleague who can: the bot does exactly that, so it refuses
    # nothing; 暂时无法处理 is still 我做不了 said aloud (negative language).
    got = present(rules, "小智暂时无法处理您的问题，已为您转接人工客服，请稍等片刻。")
    assert "refusal" not in got
    assert {"handover", "negative_language"} <= got


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the new families.
    ("如果以上方法无法解决您的问题，我帮您安排师傅上门。", "concrete_action", "negative_language"),
    ("亲，这个订单暂时不能退款哦。", "refusal", "negative_language"),
    ("我帮您联系厂家售后，今天下午三点前给您回复。", "time_commitment", "pass_the_buck"),
    ("请问您之前联系厂家了吗？", "fact_question", "pass_the_buck"),
    ("我们会把商品页面写得更清楚，避免再出现误会。", "prevention", "blame_customer"),
    # Shop and bot replies that read already.
    ("亲亲，这边已经帮您备注加急发货了，今天下午6点前一定发出哈。", "time_commitment", "vague"),
    ("亲，这边看了一下，是快递的原因导致延误的，不是我们的问题哦。", "deny_responsibility", "ownership"),
    ("非常抱歉给您带来困扰，我是您的专属客服小美，这个订单我会全程跟进，明天上午10点前给您答复。",
     "ownership", "empty_apology"),
    ("亲，这款是特价商品，不退不换的哦。", "refusal", "compensation"),
    ("亲，您自己没选运费险，这个运费只能您自己承担了哦。", "blame_customer", "compensation"),
    ("对于给您带来的不愉快我们深感抱歉，我们会加强对客服人员的培训，避免再次发生。", "prevention", "empty_apology"),
    ("亲，这边给您两个方案：一是退货退款，二是补发新品，您看选哪个呢？", "offer_options", "refusal"),
    ("亲，因为仓库这两天在盘点，所以发货慢了一些，今天已经安排发出了。", "explain_reason", "excuse"),
    ("真的非常抱歉，这是我们发错货了，我现在就给您补发正确的商品，运费我们承担。", "ownership", "empty_apology"),
])
def test_round2_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    assert not_want not in got


# ------------------------------------------------------------------ round 3 (12 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 arguing, "I told you": already answered, scroll up.
    ("这个问题已经回复过您了哦，请您往上翻一下聊天记录。", "argue"),
    # §3.3 a small number of options: the shop's either-or and the bot's menu.
    ("亲，您这边是要退货还是换货呢？", "offer_options"),
    ("您好，为了更快地帮您解决问题，请您选择：A. 我要退款 B. 我要换货 C. 其他问题", "offer_options"),
    # §5 implying the customer is at fault before the facts are clear.
    ("亲，您是不是使用方法不对呀？按照说明书来操作就不会有问题的哦。", "blame_customer"),
    # §5 这不归我管.
    ("抱歉，您的问题超出了我的业务范围。", "not_my_job"),
    # §5 refusing outright: put outside the after-sales or warranty cover.
    ("亲，商品签收后超过15天就不在售后范围内了哦。", "refusal"),
    ("亲，您这个属于人为损坏，不在保修范围内哦。", "refusal"),
    # §5 我不知道, and §4 不得推诿.
    ("亲，不好意思哦，这边不太清楚呢，您可以问问快递那边。", "forbidden_phrase"),
    ("亲，不好意思哦，这边不太清楚呢，您可以问问快递那边。", "pass_the_buck"),
    # §5 excuses (订单太多): the courier's volume guessed as the cause.
    ("亲，物流那边可能是最近单量太大了，您再等等哦。", "excuse"),
    # §5 commanding tone: the either-or demanded (decided before as rudeness or arguing; the
    # commanding-tone family it now reads as is the §5 line it breaks).
    ("再问一次，您到底要退还是不要退？", "rush_calm_down"),
    # §5 refusing outright: the agent refuses inside the condition (matcher.py).
    ("亲，我们已经尽力了，您要是还不满意我们也没有办法了。", "refusal"),
])
def test_round3_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "退 followed by 还是 spells 退还 (a refund returned), a compensation phrase and dongle-defect's need "
    "phrase, so the either-or demanded reads as a refund offered; a phrase to outbid it would hold "
    "退还 and meet that need too (lint need-phrase-in-negative)."))
def test_round3_either_or_demanded_gives_nothing_left(rules):
    assert "compensation" not in present(rules, "再问一次，您到底要退还是不要退？")


@pytest.mark.parametrize("text", [
    # §3.3: "if it still fails, do X" names an outcome; 还是 is "still", no rule stated with 是.
    "如果重启后还是不行我们就安排师傅上门。",
    "如果还是不可以，请您把联系方式私信给我们。",
])
def test_round3_still_fails_is_no_refusal_misfire(rules, text):
    assert "refusal" not in present(rules, text)


@pytest.mark.xfail(strict=True, reason=(
    "§5 这不归我管 as the bot says it, but 服务范围 is renewal-fee's need phrase (the contract terms "
    "explained, §7), and a negative phrase holding a need phrase would meet that need too (lint "
    "need-phrase-in-negative); 业务范围 / 能力范围 read, 服务范围 is left."))
def test_round3_out_of_my_service_scope_left(rules):
    assert "not_my_job" in present(rules, "抱歉，您的问题超出了我的服务范围。")


@pytest.mark.xfail(strict=True, reason=(
    "没有…的话 is a condition the matcher does not know, and its 没有 sits within four characters of "
    "没法处理, so the two negations cancel; the obstacle (§5 putting obstacles in the way) reads as "
    "nothing. Teaching the negator scope to stop at 的话 is a matcher change left for later."))
def test_round3_no_video_no_service_left(rules):
    assert "refusal" in present(rules, "亲，麻烦您提供一下开箱视频哦，没有视频的话没法处理呢。")


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the new families and of the matcher change.
    ("如果您还是不满意我们也没办法给您退款。", "refusal", None),
    ("如果我们无法处理，我会马上帮您转给主管。", "concrete_action", "refusal"),
    ("如果修不好我们就给您换新的。", "offer_options", "refusal"),
    ("超出我的权限了，我马上帮您向主管申请。", "concrete_action", "not_my_job"),
    ("我帮您问问快递那边，今天下午四点前回复您。", "time_commitment", "pass_the_buck"),
    ("您的包裹不在我们的派送范围内吗？我帮您查一下。", "concrete_action", "refusal"),
    ("请问您收到的是哪个颜色？", "fact_question", "offer_options"),
    # Shop and bot replies that read already.
    ("您好，京东客服很高兴为您服务，请问您的订单号是多少？", "fact_question", None),
    ("亲，我们是正品保证的，假一赔十，您放心哈。", "reassure", None),
    ("亲，您说的这个情况我们需要核实一下，核实后会第一时间联系您。", "follow_up", "time_commitment"),
    ("好的亲，这边已经帮您登记了，会在3个工作日内给您处理结果哦。", "time_commitment", None),
    ("检测到您情绪比较激动，建议您冷静后再来咨询。", "rush_calm_down", "acknowledge_feelings"),
    ("亲，退款是需要走流程的，您耐心等等哈。", "hide_behind_policy", "time_commitment"),
    ("亲爱的顾客，您好！您反馈的问题我们已经转交给技术部门，技术人员会在48小时内联系您。",
     "time_commitment", "unowned_handover"),
    ("非常理解您的心情，请问您方便留个电话吗？我们的售后专员会在今天下午4点前给您回电。",
     "time_commitment", None),
])
def test_round3_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    if not_want:
        assert not_want not in got


# ------------------------------------------------------------------ round 4 (13 of 30 misread)

@pytest.mark.parametrize(("text", "behaviour"), [
    # §5 insisting on being right: the goods declared sound before any check.
    ("亲，没有问题的哦，质量都是经过检验的。", "deny_responsibility"),
    # §1 compensation where it is due: the price protection paid out.
    ("亲，您申请的价保已经通过了，差价3元会退到您的账户。", "compensation"),
    # §2.3 这件事由我负责跟进.
    ("您好，您的问题我已经了解清楚了，我是售后专员张敏，接下来由我全程负责您的退款，今天18点前办结。", "ownership"),
    # §3.3 give information: self-service, the stock and when, the first step.
    ("亲，发票的话需要您在订单页面自助申请哦。", "gives_information"),
    ("亲，目前仓库没货了，预计下周三到货，到货后优先给您发。", "gives_information"),
    ("您好，根据您的描述，建议您先重启路由器，如果还是不行，我给您安排师傅上门。", "gives_information"),
    # §7 confirm with the responsible manager while the customer waits; §5 show urgency.
    ("您好，亲，您这个问题我需要请示一下主管，十分钟内回复您，请您稍等不要走开哦。", "concrete_action"),
    ("对不起对不起，给您添麻烦了，我们立刻重新发货。", "concrete_action"),
    # §5 arguing: "you asked that already".
    ("这个问题您问了好几遍了，答案都是一样的。", "argue"),
    # §3.3 options: an alternative offered.
    ("亲，实在不好意思，这个颜色已经断货了，给您换成同款黑色可以吗？", "offer_options"),
    # §5 怎么别人都没问题？ as 个例.
    ("亲，您这情况属于个例哦。", "forbidden_phrase"),
    # §5 refusing outright, and §4 不得推诿 to the live chat.
    ("您的退款申请已被驳回，如有疑问请联系在线客服。", "refusal"),
    ("您的退款申请已被驳回，如有疑问请联系在线客服。", "pass_the_buck"),
    # §5 assuming the customer is easy to brush off.
    ("亲，别急嘛，又不是不给您处理。", "rudeness_sarcasm"),
])
def test_round4_misfire(rules, text, behaviour):
    assert behaviour in present(rules, text)


@pytest.mark.parametrize(("text", "want", "not_want"), [
    # Near misses of the new families: a restart asked about is no step given.
    ("重启手机后是否能够恢复呢？", None, "gives_information"),
    ("请问您之前是否问过在线客服？", "fact_question", "pass_the_buck"),
    ("审核通过后，退款会在24小时内到账。", "compensation", "refusal"),
    ("我们这批货的质量我马上让质检部门复查，今天下午给您结果。", "time_commitment", "deny_responsibility"),
    # Shop and bot replies that read already.
    ("亲，我这边马上帮您拦截快递，拦截成功后第一时间告诉您。", "follow_up", None),
    ("小助手已将您的问题反馈给专属客服，专属客服将在2小时内与您联系。", "time_commitment", "unowned_handover"),
    ("这个价格就是这样的，嫌贵您可以不买。", "rudeness_sarcasm", None),
    ("非常抱歉，由于我们的疏忽给您发错了型号，这是我们的错。", "ownership", None),
    ("亲，我理解您的心情，但是规定就是规定，没办法的。", "hide_behind_policy", None),
    ("亲，这边已经帮您把运费险理赔申请提交了，理赔款会在72小时内到账。", "time_commitment", None),
])
def test_round4_stays(rules, text, want, not_want):
    got = present(rules, text)
    if want:
        assert want in got
    if not_want:
        assert not_want not in got
