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
