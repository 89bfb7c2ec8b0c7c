"""Naming the money is not giving it (domain.md §1 compensation where it is due).

§1 asks for compensation where it is due: something the customer is given. A reply that
reports the refund's trouble (您的退款卡住了, "your refund hasn't gone through"), or speaks of
the refund as a topic or as the customer's own request (关于退款, "the refund you
mentioned", 您要求退款的心情), gives nothing. Before the lexicon's ``setbacks`` and these
look-alikes, each ``*_misfire`` case below read as compensation and met billing-error's
refund need: "Your refund is stuck because the bank is slow, I'm sorry." took the analytical
customer from 52 to 6.2. Each ``*_stays`` case is an offer or a grant that must keep its
sense. The texts were written for these tests, in the three scripts a trainee types.
"""

from __future__ import annotations

import pytest

from simulator.content import load_content
from simulator.content import models as m
from simulator.engine import start, step
from simulator.engine.step import read_reply
from simulator.text.matcher import Matcher
from simulator.text.normalise import normalise

SC = "billing-error"
NEED = "credit_and_refund"
COMP = "compensation"


def played(rules, text, persona="analytical"):
    return step(start(rules, SC, persona), text)


REPORTS = [
    "Your refund is stuck because the bank is slow, I'm sorry.",
    "The refund is still pending on the bank's side.",
    "Your refund hasn't gone through yet.",
    "The refund failed because the card had expired.",
    "The discount didn't apply to your order.",
    "Your compensation is currently delayed.",
    "您的退款卡住了，因为银行处理得比较慢，抱歉。",
    "您的退款还没有到账。",
    "退款失败了，因为您的卡已经过期。",
    "优惠券没有用上是因为订单不满足条件。",
    "很抱歉，您的补偿金还没发放。",
    "您的賠償一直沒有到賬。",
    "退款在銀行那邊卡住了。",
    "你嘅退款仲未到賬，唔好意思。",  # Cantonese 仲 "still"
]


@pytest.mark.parametrize("text", REPORTS)
def test_a_setback_reports_the_money_it_does_not_give_misfire(rules, text):
    turn = played(rules, text)
    assert COMP not in read_reply(rules, SC, text).present
    assert NEED not in turn.state.needs_met


TOPICS = [
    "About the refund you mentioned, let me check.",
    "Regarding your refund, I'm looking into it now.",
    "I understand you want a refund.",
    "Our refund policy is on the website.",
    "關於您說的退款，我幫您查一下。",
    "您要求退款的心情我理解。",
    "退款进度我这边看不到。",
]


@pytest.mark.parametrize("text", TOPICS)
def test_the_money_as_a_topic_or_a_request_gives_nothing_misfire(rules, text):
    assert COMP not in read_reply(rules, SC, text).present
    assert NEED not in played(rules, text).state.needs_met


GRANTS = [
    "I'll refund the late fee today.",
    "We will give you a full refund by Friday.",
    "Your refund has been issued and will arrive within 3 days.",
    "I've waived the late fee.",
    "We'll compensate you for the delayed delivery.",
    "I'll refund the failed payment today.",
    "We can offer you a 20% discount on your next bill.",
    "您的退款已经退回原账户，三天内到账。",
    "滞纳金我们给您免除。",
    "我们会对延误给您补偿。",
    "退款失败的话我们再给您退一次。",
    "因為系統升級導致扣款重複，我已經幫您申請退款，三個工作日內到帳。",
    "很抱歉，您的补偿金还没发放，我今天下午三点前给您发放。",
]


@pytest.mark.parametrize("text", GRANTS)
def test_an_offer_or_a_grant_stays_compensation_stays(rules, text):
    assert COMP in read_reply(rules, SC, text).present


@pytest.mark.parametrize("text", ["我今天就给您退滞纳金。", "这笔费用我们给您退了。"])
def test_refund_as_a_verb_is_compensation_misfire(rules, text):
    assert COMP in read_reply(rules, SC, text).present


@pytest.mark.parametrize("text", ["我帮您退订这个套餐。", "我帮您退出这个群。"])
def test_other_verbs_with_tui_are_no_refund_stays(rules, text):
    assert COMP not in read_reply(rules, SC, text).present


def test_a_refused_refund_still_refuses_stays(rules):
    # The setback frame drops only hits that count as the money itself; a negated one refuses.
    reading = read_reply(rules, SC, "The refund is not possible, sorry.")
    assert "refusal" in reading.present and COMP not in reading.present


def test_the_reported_refund_calms_less_than_the_granted_one_misfire(rules):
    reported = played(rules, "Your refund is stuck because the bank is slow, I'm sorry.")
    granted = played(rules, "Your refund was stuck because the bank is slow, I'm sorry, I'll refund you today.")
    assert reported.state.anger > granted.state.anger
    assert reported.state.anger > 20  # was 6.2: the customer calmed by a refund they did not get


def test_a_need_phrase_inside_a_look_alike_is_not_met_misfire(rules):
    # "the refund you mentioned" holds the need phrase "refund you" (billing-error): the same word.
    hits = read_reply(rules, SC, "About the refund you mentioned, let me check.").need_hits
    assert NEED not in {n.need for n in hits}


def _lexicon_with(setbacks: m.Setbacks | None) -> m.Lexicon:
    lex = load_content().lexicon
    behaviours = [
        b.model_copy(update={"setbacks": setbacks}) if b.id == COMP else b for b in lex.behaviours
    ]
    return lex.model_copy(update={"behaviours": behaviours})


def test_setbacks_are_data_a_trainer_can_change(rules):
    text = "Your voucher got lost in the post."
    plain = Matcher(_lexicon_with(None))
    assert COMP in {h.counts_as for h in plain.scan(normalise(text))[0]}
    custom = Matcher(_lexicon_with(m.Setbacks(words=m.Phrases(en=["lost"]), between=m.Phrases(en=["got"]))))
    assert COMP not in {h.counts_as for h in custom.scan(normalise(text))[0]}
    # Only the listed words may stand between: "voucher you lost" is no setback of the voucher.
    assert COMP in {h.counts_as for h in custom.scan(normalise("Here is a voucher for the one you lost."))[0]}


def test_a_misspelt_setbacks_field_is_an_error_naming_file_line_and_field(tmp_path):
    from simulator.content.loader import BUILTIN_ROOT, load_file
    from simulator.errors import ContentError

    text = (BUILTIN_ROOT / "rules" / "behaviours.yaml").read_text(encoding="utf-8")
    assert "    setbacks:\n      words:\n" in text
    line = text[: text.index("    setbacks:\n      words:\n")].count("\n") + 2
    path = tmp_path / "behaviours.yaml"
    path.write_text(text.replace("    setbacks:\n      words:\n", "    setbacks:\n      word:\n", 1), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_file(path)
    message = str(err.value)
    assert f"behaviours.yaml:{line}:" in message and "setbacks" in message and "word" in message, message
