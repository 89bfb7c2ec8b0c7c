"""More wrong verdicts from QA review, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case failed before its fix; the ``*_stays`` cases are look-alikes that
must keep their reading (false-positive guards, in zh, Traditional zh and en).
"""

from __future__ import annotations

import pytest

from simulator.engine.step import read_reply

SC = "general-complaint"


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


# ------------------------------------------------ 1. negation stops at a new clause
# §5 "avoid negations": a negation belongs to its clause. A connective followed by a new
# subject (and I…, 而且我…) starts one, so §2.2 empathy after it stands.

NEW_CLAUSE = [
    ("That's not acceptable and I completely understand your frustration.", "acknowledge_feelings"),
    ("That should never have happened and I completely understand your frustration.",
     "acknowledge_feelings"),
    ("It isn't right but I understand how you feel.", "acknowledge_feelings"),
    ("这样不对而且我理解您的心情", "acknowledge_feelings"),
    ("這樣不對而且我理解您的心情", "acknowledge_feelings"),
    ("I'm not sorry and I won't refund you.", "refusal"),  # won't refund is its own refusal
    ("I don't and we won't refund that.", "refusal"),
]


@pytest.mark.parametrize(("text", "expected"), NEW_CLAUSE)
def test_negation_stops_at_a_new_clause_verdict(rules, text, expected):
    assert expected in counted(rules, text)


# Negators joined by a connective negate once (§5 refusing outright), not twice by parity.
COORDINATED = ["I do not and will not refund you.", "I can't and won't refund you.", "我们不会也不能给您退款",
               "我們不會也不能給您退款"]


@pytest.mark.parametrize("text", COORDINATED)
def test_coordinated_negators_refuse_once_verdict(rules, text):
    present = counted(rules, text)
    assert "refusal" in present and "compensation" not in present, present


@pytest.mark.parametrize(("text", "absent"), [
    ("I don't understand why that happened.", "acknowledge_feelings"),   # plain negation
    ("我不理解您为什么这么说", "acknowledge_feelings"),
    ("我們不能給您退款", "compensation"),
    ("we can't really offer a refund", "compensation"),
    ("I don't think I understand what you need.", "acknowledge_feelings"),
])
def test_real_negation_stays(rules, text, absent):
    assert absent not in counted(rules, text)


def test_stacked_negators_still_count_by_parity_stays(rules):
    # 不是不能 (stacked, nothing between) is no refusal; "not … and it's not" is no new clause
    # for 退款 either.
    assert "refusal" not in counted(rules, "不是不能退款，我来帮您申请")
