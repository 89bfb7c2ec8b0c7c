"""Hong Kong trainees type Cantonese in Traditional characters: the same rules must read it.

Each case is a reply a Cantonese-speaking agent would write, with the behaviours domain.md
gives it (§2 apology and feelings, §3 facts, options and times, §4 ownership, §5 forbidden
and blaming language). Folding (``simulator/text/folding.yaml``) turns the Cantonese words
into Mandarin ones; the lexicon, written in Mandarin, does the rest.
"""

from __future__ import annotations

import pytest

from simulator.content import load_content
from simulator.engine import Rulebook
from simulator.engine.step import read_reply

RULES = Rulebook(load_content())

CASES = [
    ("對唔住，令你咁唔開心。", {"apology"}),
    ("唔好意思，我明白你嘅感受。", {"apology", "acknowledge_feelings"}),
    ("我完全明白你點解咁嬲。", {"acknowledge_feelings"}),
    ("唔好嬲，我哋一定幫你搞掂。", {"acknowledge_feelings"}),
    ("呢件事我會負責跟進到底。", {"ownership"}),
    ("我而家即刻幫你處理。", {"concrete_action"}),  # urgency, not an agreed time (§3)
    ("我聽日下晝三點前一定覆你。", {"time_commitment"}),
    ("請問你幾時落嘅單？", {"fact_question"}),
    ("你嘅訂單號碼係幾多？", {"fact_question"}),
    ("我哋可以幫你換新機，或者全數退款，你揀邊樣？", {"offer_options"}),
    ("多謝你話俾我哋知。", {"thank_complaint"}),
    ("唔關我哋事，係速遞公司嘅問題。", {"deny_responsibility"}),
    ("呢啲唔係我哋嘅責任。", {"deny_responsibility"}),
    ("冇辦法，公司規定係咁。", {"hide_behind_policy"}),
    ("你自己睇說明書啦。", {"lecture"}),
    ("唔係我負責嘅，你打去第二個部門問啦。", {"not_my_job"}),
    ("你冷靜啲先。", {"rush_calm_down"}),
]


def counted(text: str) -> set[str]:
    reading = read_reply(RULES, "general-complaint", text)
    return {h.counts_as for h in reading.hits if h.counts_as} | {s.kind for s in reading.signals}


@pytest.mark.parametrize(("text", "behaviours"), CASES)
def test_cantonese_reply_is_read_like_its_mandarin(text, behaviours):
    assert behaviours <= counted(text)


def test_cantonese_negation_negates():
    # 唔 is 不: "I won't shirk responsibility" owns the problem rather than denying it.
    got = counted("我唔會推卸責任。")
    assert "deny_responsibility" not in got


def test_quotes_point_at_what_was_typed():
    reading = read_reply(RULES, "general-complaint", "唔關我哋事，係速遞公司嘅問題。")
    hit = next(h for h in reading.hits if h.counts_as == "deny_responsibility")
    assert hit.quote == "唔關我哋事"
