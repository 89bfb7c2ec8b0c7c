"""Fourth round of weak verdicts, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that
must keep their reading. The last part is a held-out probe: replies written fresh for this
round, each with the verdict domain.md gives it, written down before they were run.
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"
PERSONAS = ["analytical", "domineering", "friendly", "self-centered"]


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


def first(rules, text, persona, scenario=SC):
    return step(start(rules, scenario, persona), text)


# ------------------------------------------------ 1. a buried jab cancels the kind words
# §5 "Phrases to avoid (服务忌语) — each is a known trigger"; mocking or minimising the
# customer, lecturing, a commanding "calm down". An apology and a fix in the same reply do not
# buy the jab off: the reply leaves the customer no calmer (rules/engine.yaml ``jabs``).

BURIED_JABS = [
    "I'm so sorry, I'll fix it by 3pm today. Calm down, it's not a big deal.",
    "非常抱歉，今天下午三点前给您处理好。您别激动，这又不是什么大事",
    "非常抱歉，今天下午三點前給您處理好。您別激動，這又不是什麼大事",
    "Sorry about this, I've logged it and I'll call you back before 5 pm. You really should have read the manual though.",
    "我理解您的心情，这件事由我负责，明天上午十点前给您回电。您应该早点联系我们的。",
    "真的很抱歉，我马上帮您查，今天下午四点前回复您。怎么别人都没问题？",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("text", BURIED_JABS)
def test_a_buried_jab_leaves_the_customer_no_calmer_verdict(rules, persona, text):
    turn = first(rules, text, persona)
    assert turn.anger_after >= turn.anger_before, turn.changes
    jab = [c for c in turn.changes if c.rule == "jab"]
    # The trainee sees why: the rule, its section and the quoted jab.
    assert len(jab) == 1 and jab[0].quote and jab[0].section.startswith("§5"), turn.changes
    assert jab[0].quote in text or jab[0].quote.lower() in text.lower()


@pytest.mark.parametrize("text", BURIED_JABS[1:3])
def test_the_chinese_jab_and_fix_are_both_read_verdict(rules, text):
    present = counted(rules, text)
    assert {"rudeness_sarcasm", "rush_calm_down", "time_commitment"} <= present, present


# The same replies without the jab still calm every customer type; a minimising word that is
# about the fix (§3 别担心，这个很容易解决) is no jab.
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("text", [
    "I'm so sorry, I'll fix it by 3pm today.",
    "非常抱歉，今天下午三点前给您处理好。",
    "别担心，不是什么大问题，今天下午三点前给您处理好。",
    "Don't worry, it's not a big deal to fix: I'll have it done by 3pm today.",
])
def test_kind_words_without_a_jab_still_calm_stays(rules, persona, text):
    turn = first(rules, text, persona)
    assert turn.anger_after < turn.anger_before, turn.changes
    assert not [c for c in turn.changes if c.rule == "jab"]


def test_a_second_bad_phrase_never_calms_more_than_one_verdict(rules):
    # Found by tests/test_properties.py: a forbidden phrase that brought the total to within
    # a rounding error of zero skipped the drift, so adding it lowered anger.
    sc, text = "late-fix-release", "我理解您的心情第一种您应该"
    without = first(rules, text, "self-centered", sc)
    with_bad = first(rules, text + "。这是不可能的", "self-centered", sc)
    assert with_bad.anger_after >= without.anger_after


def test_a_jab_alone_costs_what_it_always_cost_stays(rules):
    # Nothing to cancel: no jab row, only the jab's own move (and the drift).
    turn = first(rules, "您别激动，这又不是什么大事", "analytical")
    assert turn.anger_after > turn.anger_before
    assert not [c for c in turn.changes if c.rule == "jab"]


# ------------------------------------------------ 2. a promise nobody owns earns no follow-up
# §4 首问负责制 (whoever takes it owns it) and §2.3 (say 我, not 我们; a named person sees it
# through): "someone will call you back" is the unnamed someone's promise. It earns no
# follow-up credit and meets no "promise to follow up" need; the hand-over costs as before.

UNOWNED = [
    "Someone will call you back.",
    "Somebody will get back to you about this.",
    "会有人联系您",
    "稍后会有专人给您回电，请留意来电",
    "會有專人與您聯繫，請留意來電",
    "后续会有工作人员与您联系，敬请您留意，谢谢！",
]


@pytest.mark.parametrize("text", UNOWNED)
def test_an_unowned_promise_earns_no_follow_up_verdict(rules, text):
    reading = read_reply(rules, SC, text)
    assert "unowned_handover" in reading.present, reading.present
    assert "follow_up" not in reading.present, reading.present
    # …nor the scenario's "promise to follow up" need by its phrase (给您回电, call you back).
    assert "fix_with_time" not in {n.need for n in reading.need_hits}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("text", UNOWNED[:4])
def test_an_unowned_promise_calms_nobody_verdict(rules, persona, text):
    turn = first(rules, text, persona)
    assert turn.anger_after > turn.anger_before, turn.changes
    assert not [c for c in turn.changes if c.amount < 0], turn.changes


@pytest.mark.parametrize(("text", "behaviour"), [
    ("I'll call you back before 5 pm today.", "follow_up"),        # owned
    ("我会给您回电", "follow_up"),
    ("会有工作人员与您联系，如有问题随时联系我", "follow_up"),          # 随时联系我 is the trainee's own
    ("我已安排工程师今天下午三点前给您回电", "time_commitment"),      # §7 arrange an engineer to call back
    ("Someone from billing will call you back by 5 pm today.", "time_commitment"),  # timed: as before
])
def test_owned_follow_ups_stay(rules, text, behaviour):
    assert behaviour in counted(rules, text)


# ------------------------------------------------ 3. real-data leftovers
# §5 mocking: a typed laugh mocks alone or beside a rebuke, not in a reply that only helps.

@pytest.mark.parametrize("text", ["呵呵，好的，马上帮您处理", "呵呵，好的，馬上幫您處理", "呵呵，不客气，我已经帮您登记了",
                                  "Haha, no worries, I'll check that right away."])
def test_a_friendly_chuckle_is_no_mockery_verdict(rules, text):
    present = counted(rules, text)
    assert "rudeness_sarcasm" not in present and "concrete_action" in present, present


@pytest.mark.parametrize("text", ["呵呵，随便您", "您自己没看说明书吧，呵呵", "呵呵", "这是公司规定，呵呵。", "lol whatever",
                                  "呵呵，那您再等等吧"])
def test_a_mocking_laugh_stays(rules, text):
    assert "rudeness_sarcasm" in counted(rules, text)


# §1 compensation is what is given where it is due: a promotion named or explained gives nothing.
@pytest.mark.parametrize("text", ["这个优惠活动已经结束了", "這個優惠活動已經結束了", "优惠券的使用规则是满100元可用。",
                                  "The discount code expired last week."])
def test_a_promotion_named_is_no_compensation_verdict(rules, text):
    assert "compensation" not in counted(rules, text)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("给您一张优惠券作为补偿", "compensation"), ("給您一張優惠券作為補償", "compensation"),
    ("我给您申请一张50元代金券", "compensation"), ("I'll give you a discount on your next bill.", "compensation"),
    ("这个套餐不能优惠。", "refusal"),
])
def test_compensation_and_its_refusal_stay(rules, text, behaviour):
    assert behaviour in counted(rules, text)


# §3.1 asking about the facts vs §3 "promise an answer by an agreed time": a past date asked
# about agrees no time.
@pytest.mark.parametrize("text", ["您是3月5号下的单吗？", "您是3月5号下的单吗？我现在就帮您查", "請問您是昨天下午三點打的電話嗎？我馬上幫您查",
                                  "Did you place the order on Monday at 3pm? I'll check it right away."])
def test_a_date_asked_about_is_no_time_commitment_verdict(rules, text):
    present = counted(rules, text)
    assert "time_commitment" not in present and "concrete_time" not in present, present


@pytest.mark.parametrize("text", ["3月5号前给您答复", "您是3月5号下的单吗？我3月6号前给您答复。", "明天上午十点给您回电可以吗？",
                                  "Shall I call you back by 5pm today?"])
def test_a_time_agreed_stays(rules, text):
    assert "time_commitment" in counted(rules, text)



# ------------------------------------------------ 4. held-out probe
# Replies written fresh for this round (Traditional Chinese, Cantonese, English of several
# registers, long helpdesk replies, curt replies, good and bad moves mixed), each with what
# domain.md says it does, written down before it was run: the behaviours it must show and
# must not show. ANY_NEG: some §5 behaviour; NO_POS: nothing calming. Four were misread at
# first; three were fixed by the general changes tested just below, and one is left (xfail).

PROBE = [
    ('您好，我是客服小林，這件事由我負責跟進，今天下午五點前給您回電。', {'introduce_self', 'ownership', 'time_commitment'}, {'unowned_handover'}),
    ('非常抱歉讓您久等了，請問您的訂單號是多少？', {'fact_question', 'hold_politely'}, {'empty_apology'}),
    ('這是公司規定，我們也沒辦法。', {'hide_behind_policy'}, set()),
    ('您的心情我完全可以理解，換作是我也會著急。', {'acknowledge_feelings'}, set()),
    ('請您冷靜一點，這種小事不用這麼生氣。', {'rudeness_sarcasm', 'rush_calm_down'}, set()),
    ('因為系統升級導致扣款重複，我已經幫您申請退款，三個工作日內到帳。', {'compensation', 'explain_reason', 'time_commitment'}, set()),
    ('您確定您真的有繳費嗎？', {'doubt_customer'}, {'fact_question'}),
    ('我們會盡快處理，請耐心等待。', {'vague'}, {'time_commitment'}),
    ('會有專人跟您聯絡。', {'unowned_handover'}, {'follow_up'}),
    ('這個優惠活動只到上個月底，不過我可以幫您申請一張補償的代金券。', {'compensation'}, set()),
    ('唔好意思呀，我而家即刻幫你查下。', {'apology', 'concrete_action'}, {'negative_language', 'refusal'}),
    ('呢個唔關我事，你搵返銷售啦。', {'not_my_job'}, set()),
    ('我明白你好嬲，聽日上晝十點前我一定覆你。', {'acknowledge_feelings', 'time_commitment'}, set()),
    ('我哋冇辦法退款。', {'refusal'}, {'compensation'}),
    ('你自己用錯咗先會咁。', {'blame_customer'}, set()),
    ('唔使擔心，我幫你跟進到底。', {'ownership', 'reassure'}, set()),
    ('你係咪記錯咗？', {'doubt_customer'}, set()),
    ("Hi there, I'm really sorry about the double charge. I've refunded the extra £20 and you'll see it within 3 working days.", {'apology', 'compensation', 'time_commitment'}, {'empty_apology'}),
    ('Per our terms and conditions, refunds are not available after 14 days.', {'refusal'}, {'compensation'}),
    ('ok', {'too_short'}, set()),
    ('Whatever. Not my problem.', {'not_my_job', 'rudeness_sarcasm'}, set()),
    ('I completely understand how frustrating this must be. Let me look into it right now.', {'acknowledge_feelings', 'concrete_action'}, set()),
    ('Someone from the technical team will be in touch.', {'unowned_handover'}, {'follow_up'}),
    ('Could you tell me when you first noticed the problem?', {'fact_question'}, set()),
    ("We've always done it this way, sir.", {'hide_behind_policy'}, set()),
    ("My name is Priya and I'll personally make sure this is fixed by Friday.", {'introduce_self', 'ownership'}, set()),
    ('Sorry for the inconvenience.', {'apology', 'empty_apology'}, set()),
    ('You should have backed up your data before the upgrade.', {'lecture'}, set()),
    ("To be honest I don't know why that happened, but I'll find out and call you back by 4pm today.", {'forbidden_phrase', 'time_commitment'}, set()),
    ('yo sorry bout that, ill sort it asap', {'apology', 'vague'}, set()),
    ("I hear you, and you're right to be annoyed. Here's what I can do: option one is a free repair visit tomorrow morning, option two is a replacement unit. Which would you prefer?", {'acknowledge_feelings', 'compensation', 'offer_options'}, set()),
    ('Are you sure you actually paid?', {'doubt_customer'}, set()),
    ("Let me just check I've got this right: the engineer never turned up on Tuesday, is that correct?", {'check_understanding'}, set()),
    ("I can't do anything about that.", {'negative_language'}, set()),
    ("Thanks for flagging this. I've logged it with our developers and I'll update you on Monday.", {'concrete_action', 'thank_complaint', 'time_commitment'}, set()),
    ("Lol, you're overreacting.", {'rudeness_sarcasm'}, set()),
    ('Haha, good question! Let me check that for you.', {'concrete_action'}, {'rudeness_sarcasm'}),
    ("Did you buy it on 3 March? I'll pull up the order.", {'concrete_action'}, {'time_commitment'}),
    ('您好，非常感谢您的耐心等待。关于您反映的宽带掉线问题，经过核实，是您所在小区的光缆在施工中被挖断导致的。我们已经安排维修师傅今天下午四点前到现场抢修，修好后我会第一时间给您回电。给您带来的不便，我们深表歉意。', {'apology', 'concrete_action', 'explain_reason', 'thank_complaint', 'time_commitment'}, {'empty_apology', 'unowned_handover'}),
    ('亲，您反馈的问题我们已经收到，稍后会有工作人员与您联系，请保持电话畅通，谢谢！', {'unowned_handover'}, {'follow_up', 'time_commitment'}),
    ('您好，您的订单已经发货，物流单号为SF1234567890，预计明天送达。如有疑问可以随时联系我，祝您生活愉快。', {'follow_up'}, set()),
    ('尊敬的客户您好，由于近期订单太多，发货会有延迟，我们会尽量在一周内为您发出，敬请谅解。', {'apology', 'excuse'}, set()),
    ('您好，很抱歉给您带来不好的体验。您说的情况我已经记录下来，并反馈给了产品部门，我们会持续优化，避免类似问题再次发生。', {'apology', 'concrete_action', 'prevention'}, {'empty_apology'}),
    ('您好，这个问题需要您自己去营业厅办理，我们这边处理不了。', {'pass_the_buck'}, set()),
    ('Dear customer, thank you for contacting us. We are sorry to hear about your experience. Your case has been passed to the relevant department and you will hear from us in due course.', {'apology', 'thank_complaint', 'unowned_handover', 'vague'}, {'time_commitment'}),
    ("Good morning Mr Chen, I'm Tom, the duty manager. First, I'm sorry the engineer didn't arrive yesterday; that was our mistake. I've booked him for 9am tomorrow and I'll ring you at 8:30 to confirm he's on his way.", {'apology', 'concrete_action', 'introduce_self', 'ownership', 'time_commitment'}, {'empty_apology'}),
    ('不行。', {'refusal'}, set()),
    ('等着吧', {'ANY_NEG'}, {'time_commitment'}),
    ('知道了', set(), {'acknowledge_feelings'}),
    ('No.', {'too_short'}, {'compensation'}),
    ('Fine.', set(), set()),
    ('查了，没问题。', set(), {'NO_POS'}),
    ('已退。', {'compensation'}, set()),
    ('我理解您的心情，但是规定就是这样，我也没办法。', {'acknowledge_feelings', 'but_reversal', 'hide_behind_policy'}, set()),
    ('非常抱歉，我马上帮您处理，不过您下次注意一点。', {'apology', 'concrete_action', 'lecture'}, set()),
    ("I'm sorry, I'll refund you today. But honestly, you should have read the terms.", {'apology', 'compensation', 'lecture'}, set()),
    ('我是客服小张，这事交给我。不过说实话，别的客户都没遇到过这个问题。', {'forbidden_phrase', 'introduce_self', 'ownership'}, set()),
    ('好的好的，您先别急，我帮您看一下，您是不是操作错了？', {'acknowledge_feelings', 'blame_customer'}, set()),
    ('哈哈，这个问题很简单，我现在就帮您改好。', {'concrete_action'}, {'rudeness_sarcasm'}),
    ('呵呵，您自己看说明书吧。', {'rudeness_sarcasm'}, set()),
    ("Sorry! I'll get it fixed by 5pm today, calm down.", {'apology', 'rush_calm_down', 'time_commitment'}, set()),
    ('您好，优惠券的有效期是30天，过期后系统会自动作废。', set(), {'compensation'}),
    ('请问您是上周三打的客服电话吗？我查一下当时的记录。', {'concrete_action', 'fact_question'}, {'time_commitment'}),
    ('給您一張50元優惠券作為補償，您看可以嗎？', {'compensation'}, set()),
    ('我们会有人跟进的，您放心。', {'reassure', 'unowned_handover'}, {'follow_up'}),
]
# 已退 ("refunded.") is a curt refund (§1 compensation) but too short to read safely: 已退 also
# starts 已退出 (logged out) and 已退回 (sent back). Its brevity is flagged (too_short) instead.
LEFT = {"已退。"}


@pytest.mark.parametrize(("text", "must", "must_not"), [
    pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason="left unfixed, see LEFT"))
    if case[0] in LEFT else case
    for case in PROBE
])
def test_held_out_probe(rules, text, must, must_not):
    present = counted(rules, text)
    negative = rules.negative_ids & present
    positive = {p for p in present if p in rules.rules and rules.rules[p].polarity == "positive"}
    for want in must:
        assert (negative if want == "ANY_NEG" else want in present), (want, sorted(present))
    for unwanted in must_not:
        assert not (positive if unwanted == "NO_POS" else unwanted in present), (unwanted, sorted(present))


def test_the_probe_is_large_and_mixed():
    assert len(PROBE) >= 60
    assert sum(any("\u4e00" <= c <= "\u9fff" for c in t) for t, _, _ in PROBE) >= 25
    assert sum(t.isascii() for t, _, _ in PROBE) >= 20


# Misreadings the probe found, fixed generally.
# §5 implying the customer is at fault: guessing they did it wrong (您是不是操作错了？, 你自己用錯咗)
# instead of asking how they did it (请问当时是怎么操作的？).
@pytest.mark.parametrize("text", ["您是不是操作错了？", "你自己用錯咗先會咁。", "是不是用错了？", "您操作錯了吧"])
def test_guessing_the_customer_did_it_wrong_is_blame_verdict(rules, text):
    assert "blame_customer" in counted(rules, text)


@pytest.mark.parametrize("text", ["请问当时是怎么操作的？", "我们这边操作错了，非常抱歉"])
def test_asking_how_or_owning_the_error_is_no_blame_stays(rules, text):
    assert "blame_customer" not in counted(rules, text)


# §2.3 "I will see it through": "I'll get it fixed" owns the fix, as "I'll get it sorted" does.
@pytest.mark.parametrize("text", ["I'll get it fixed by 5pm today.", "I will get this fixed by tomorrow morning."])
def test_getting_it_fixed_is_owned_verdict(rules, text):
    assert {"ownership", "time_commitment"} <= counted(rules, text)
