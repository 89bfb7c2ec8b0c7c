"""Everyday phrasings the lexicon was not written from, in zh and en.

Each reply is something a real agent types, with the behaviour domain.md gives it (§2
feelings and apology, §3 facts, reasons, options, times, §4 ownership, §5 wrong moves).
For wrong moves the exact id matters less than the verdict: a neighbouring negative
behaviour (not_my_job for 不归我们管) is still a wrong move, so those only need one.
"""

from __future__ import annotations

import pytest

from simulator.content import load_content
from simulator.engine import Rulebook
from simulator.engine.step import read_reply

RULES = Rulebook(load_content())

RIGHT = [
    ("真的很抱歉，让您久等了。", "apology"),
    ("我特别能理解您现在的心情。", "acknowledge_feelings"),
    ("这件事交给我，我负责到底。", "ownership"),
    ("请问您是什么时候下的单？", "fact_question"),
    ("延误是因为快递公司漏揽了。", "explain_reason"),
    ("我现在马上给您办理退款。", "concrete_action"),
    ("今天下午五点前我给您回电话。", "time_commitment"),
    ("您看是换新还是退款，哪个更方便？", "offer_options"),
    ("我确认一下，您是说包裹没收到，还被扣了两次钱，对吗？", "check_understanding"),
    ("谢谢您把这个问题告诉我们。", "thank_complaint"),
    ("给您添麻烦了，实在不好意思。", "apology"),
    ("我们以后会改进，避免再发生这种情况。", "prevention"),
    ("为了表示歉意，我们给您补偿一张优惠券。", "compensation"),
    ("I'm so sorry about this, I can see why you're frustrated.", "acknowledge_feelings"),
    ("That must have been really annoying for you.", "acknowledge_feelings"),
    ("I'll take care of this personally and make sure it gets sorted.", "ownership"),
    ("Could you tell me your order number and when you placed it?", "fact_question"),
    ("The delay happened because our courier missed the pickup.", "explain_reason"),
    ("I'm processing your refund right now.", "concrete_action"),
    ("I'll call you back before 5pm today with an update.", "time_commitment"),
    ("You can either get a replacement or a full refund — which would you prefer?", "offer_options"),
    ("Just to confirm, the parcel never arrived and you were charged twice, is that right?", "check_understanding"),
    ("Thanks for letting us know about this.", "thank_complaint"),
    ("I apologise for the inconvenience caused.", "apology"),
]

WRONG = [
    "这个不归我们管，您找快递吧。",
    "您先冷静一下。",
    "这个我们真的办不了。",
    "公司规定就是这样的。",
    "您当时应该仔细看清楚条款。",
    "我们会尽快处理的。",
    "这不是我负责的。",
    "That's not our problem, you should contact the courier.",
    "Calm down, sir.",
    "There's nothing I can do about it.",
    "It's company policy, I'm afraid.",
    "You should have read the terms and conditions.",
    "Someone will get back to you eventually.",
    "That's not my department.",
]


def counted(text: str) -> set[str]:
    reading = read_reply(RULES, "general-complaint", text)
    return {h.counts_as for h in reading.hits if h.counts_as}


@pytest.mark.parametrize(("text", "behaviour"), RIGHT)
def test_a_good_move_in_other_words_is_recognised(text, behaviour):
    assert behaviour in counted(text)


@pytest.mark.parametrize("text", WRONG)
def test_a_wrong_move_in_other_words_is_caught(text):
    assert counted(text) & RULES.negative_ids


def test_negated_refusal_is_not_a_refusal():
    assert "refusal" not in counted("没有我们办不了的事。")
