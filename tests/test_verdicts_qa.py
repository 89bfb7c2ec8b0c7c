"""Wrong verdicts from a further QA review, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that
must keep their reading (false-positive guards, in zh, Traditional zh and en).
"""

from __future__ import annotations

import pytest

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
