"""Wrong verdicts from a further QA review, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that
must keep their reading (false-positive guards, in zh, Traditional zh and en).
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "general-complaint"


def read(rules, text, scenario=SC):
    return read_reply(rules, scenario, text)


def counted(rules, text, scenario=SC):
    return read(rules, text, scenario).present


def needs_met(rules, text, scenario=SC):
    return {n.need for n in read(rules, text, scenario).need_hits}


# ------------------------------------------------ 1. a need phrase inside a refusal
# §5 refusing outright (这是不可能的): naming what the customer needs in order to refuse it
# does not meet the need, and the refusal counts.

REFUSED_NEED = [
    "We can't reconnect your line.",
    "We are unable to reconnect your line.",
    "复机是不可能的",
    "復機是不可能的",
    "您的钱没有入账，我也没办法复机",
    "不能给您复机",
    "我不能给您复机。",
    "無法給您復機",
    "Reconnecting your line is not possible.",
]


@pytest.mark.parametrize("text", REFUSED_NEED)
def test_refused_need_is_not_met_verdict(rules, text):
    reading = read(rules, text, "billing-error")
    assert "restore_line" not in {n.need for n in reading.need_hits}, text
    assert not {"refusal", "forbidden_phrase"}.isdisjoint(reading.present), reading.present


@pytest.mark.parametrize("text", ["不能给您复机", "We can't reconnect your line.", "无法为您恢复服务"])
def test_refusing_a_need_is_one_refusal_verdict(rules, text):
    reading = read(rules, text, "billing-error")
    counted_hits = [h for h in reading.hits if h.counts_as]
    assert [h.counts_as for h in counted_hits] == ["refusal"], counted_hits


@pytest.mark.parametrize(("text", "need"), [
    ("我现在就给您复机，十分钟内恢复。", "restore_line"),
    ("We'll reconnect your line within the hour.", "restore_line"),
    ("不是不能复机，我马上帮您办。", "restore_line"),
])
def test_granted_need_stays(rules, text, need):
    assert need in needs_met(rules, text, "billing-error")


@pytest.mark.parametrize("text", [
    "我们不能再让您白跑了",            # a promise, not a refusal
    "We can't let you down again.",
    "如果不能复机，我下午三点前给您回电。",  # a condition names an outcome (§3.3)
    "是不是不能复机？",                 # a question asks (§3.1)
    "您的号码还没有复机，我马上帮您处理。",  # a state, not a refusal
])
def test_negated_need_without_refusal_stays(rules, text):
    assert "refusal" not in counted(rules, text, "billing-error")


# ------------------------------------------------ 2. "you should have…" with words between
# §1 独断型 "you should have…", 自我型 "any hint that they are to blame"; §5 lecturing,
# implying the customer is at fault.

SHOULD_HAVE = [
    "您当时签合同的时候应该看清楚条款的。",
    "您當時簽合同的時候應該看清楚條款的。",
    "你当初就应该问清楚",
    "您买之前就应该问一下客服的",
    "你下单的时候本来应该仔细核对地址",
    "You were supposed to read the contract.",
]


@pytest.mark.parametrize("text", SHOULD_HAVE)
def test_should_have_lectures_verdict(rules, text):
    assert "lecture" in counted(rules, text)


@pytest.mark.parametrize("text", [
    "您应该会在明天收到",            # a forecast
    "您明天应该就能收到",
    "应该是系统问题",                # a guess, no subject
    "您应该是付了两次吧",
    "您的合同上应该写了",            # 的: the contract is the subject
    "您买的东西应该送到了",
    "我们当时应该提醒您的",          # the company blames itself
    "您不应该承担这个费用",          # sides with the customer
    "您现在应该可以登录了",
    "您这边应该收到短信了",
])
def test_should_without_lecture_stays(rules, text):
    assert "lecture" not in counted(rules, text)


# ------------------------------------------------ 3. passing the customer elsewhere
# §4 首问负责制 (不得推诿); §5 hand over quickly to the right department — owned.

PASSED_ON = [
    "这个要找技术部，你打另一个电话吧。",
    "這個要找技術部，你打另一個電話吧。",
    "这个您打客服吧",
    "That's handled by another team, call them.",
    "That's handled by a different department.",
    "Just call them, they'll sort it out.",
]


@pytest.mark.parametrize("text", PASSED_ON)
def test_sending_elsewhere_passes_the_buck_verdict(rules, text):
    assert "pass_the_buck" in counted(rules, text)


def test_bare_department_is_an_unowned_handover_verdict(rules):
    assert "unowned_handover" in counted(rules, "这个要找技术部。")


@pytest.mark.parametrize("text", [
    "这个要找技术部，我来联系，今天下午三点前给您回电。",
    "我帮您联系他们，今天下午三点前给您回电。",
    "I'll call them and call you back by 3 pm.",
    "您有另一个电话吗？",
])
def test_owned_handover_stays(rules, text):
    present = counted(rules, text)
    assert "pass_the_buck" not in present and "unowned_handover" not in present, present


# ------------------------------------------------ 4. a refusal, then a stock kind word
# §1 独断型 is angered fastest by being refused; §5 我做不了 sounds like resistance (offer a
# solution instead). The empathy after it must not leave them calmer.

@pytest.mark.parametrize("text", [
    "我做不了，但是我理解您的心情。",
    "我辦不了，但是我理解您的心情。",
    "我们做不了，不过我完全理解您。",
    "I can't do that, but I understand how you feel.",
    "I can't change that. I completely understand your frustration.",
])
def test_refusal_then_empathy_angers_the_domineering_customer_verdict(rules, text):
    state = start(rules, SC, "domineering", lang="en")
    assert step(state, text).state.anger > state.anger


# ------------------------------------------------ 6. commanding tone
# §5 commanding tone (use requests and questions instead), the same in zh and en.

@pytest.mark.parametrize(("text", "behaviour"), [
    ("你先把单号给我。", "rush_calm_down"),
    ("你先把單號給我。", "rush_calm_down"),
    ("把截图发过来。", "rush_calm_down"),
    ("Give me the order number first.", "rush_calm_down"),
    ("You need to go to the store yourself.", "rush_calm_down"),
    ("You'll have to wait.", "rush_calm_down"),
    ("您就等着吧。", "rush_calm_down"),
    ("The system is processing it, just wait.", "vague"),
])
def test_commanding_tone_verdict(rules, text, behaviour):
    assert behaviour in counted(rules, text)


@pytest.mark.parametrize("text", [
    "请您把单号发给我，我马上帮您查。",     # a request
    "麻烦您把截图发给我好吗？",
    "我把单号发给您。",                     # the agent acts
    "Could you send me the receipt?",
    "Please send me the order number.",
])
def test_requests_stay(rules, text):
    assert "rush_calm_down" not in counted(rules, text)


# ------------------------------------------------ 5. a stock apology with nothing behind it
# §2.2 lists 给您添麻烦了 as acknowledging the feelings, so it meets the feelings need; but
# §1 分析型 "empty apologies without substance": substance moves the problem, and the
# friendly type must not be served perfunctorily (§1: do not relax).

STOCK = ["不好意思，给您添麻烦了。", "不好意思，給您添麻煩了。", "Sorry for the trouble."]


@pytest.mark.parametrize("text", STOCK)
def test_stock_apology_is_empty_verdict(rules, text):
    reading = read(rules, text)
    assert "empty_apology" in reading.present
    assert "apologise" in {n.need for n in reading.need_hits}  # §2.2: the acknowledgement is credited


@pytest.mark.parametrize("text", STOCK)
def test_stock_apology_barely_moves_the_analytical_customer_verdict(rules, text):
    state = start(rules, SC, "analytical", lang="en")
    assert step(state, text).state.anger >= state.anger - 2


@pytest.mark.parametrize("text", STOCK)
def test_stock_apology_does_not_settle_the_friendly_customer_verdict(rules, text):
    state = start(rules, SC, "friendly", lang="en")
    assert step(state, text).state.anger > 15


@pytest.mark.parametrize("text", [
    "非常抱歉，给您添麻烦了，请问是哪一天办理的？",
    "Sorry for the trouble. I'm Lee and I'll take care of this.",
    "不好意思给您添麻烦了，我来帮您处理。",
])
def test_apology_with_substance_stays(rules, text):
    assert "empty_apology" not in counted(rules, text)


# ------------------------------------------------ 8. the money named in a refusal
# §1 compensation where it is due; §5 refusing outright, 这不归我管; §4 不得推诿: a clause
# that pushes the case away mentions the refund as its topic and gives nothing.

REFUND_PUSHED_AWAY = [
    "滞纳金退款我不管",
    "滯納金退款我不管。",
    "退款的事你别问我",
    "退款不是我们负责的，你找银行",
    "Refunds are not my department.",
]


@pytest.mark.parametrize("text", REFUND_PUSHED_AWAY)
def test_refund_named_while_pushing_the_case_away_is_no_compensation_verdict(rules, text):
    reading = read(rules, text, "billing-error")
    assert "compensation" not in reading.present, reading.present
    assert "credit_and_refund" not in {n.need for n in reading.need_hits}
    assert not {"not_my_job", "pass_the_buck", "refusal"}.isdisjoint(reading.present), reading.present


REFUND_GIVEN = ["我马上给您退款。", "我们会尽快给您退款。", "退款我今天就给您办好。", "I'll refund you today."]


@pytest.mark.parametrize("text", REFUND_GIVEN)
def test_refund_offered_stays_compensation_stays(rules, text):
    assert "compensation" in counted(rules, text, "billing-error")


@pytest.mark.parametrize(("text", "expected"), [
    ("这事我不管。", True), ("退款的事我不管了", True), ("我不管多晚都会给您回电。", False),
    ("不管怎样，我都会帮您处理。", False), ("Don't ask me, I just work here.", True),
    ("That's all I know.", False),
])
def test_not_my_job_at_the_end_of_a_clause_only_verdict(rules, text, expected):
    assert ("not_my_job" in counted(rules, text)) is expected, text


@pytest.mark.parametrize(("text", "expected"), [
    ("Be careful next time.", True), ("Please be more careful next time.", True), ("下次小心一点。", True),
    ("您以后注意。", True), ("我们以后会注意的，非常抱歉。", False), ("Next time, please contact me directly.", False),
])
def test_be_careful_next_time_is_a_lecture_verdict(rules, text, expected):
    # §5 lecturing the customer; §1 独断型 "you should have…": advice on what they did wrong.
    assert ("lecture" in counted(rules, text)) is expected, text
