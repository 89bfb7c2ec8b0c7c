"""Wrong verdicts found in QA review, each fixed by a general rule traceable to domain.md.

Every ``*_verdict`` case below failed before its fix; the ``*_stays`` cases are look-alikes
that must keep their reading (false-positive guards, in zh, Traditional zh and en).
"""

from __future__ import annotations

import pytest

from simulator.engine import start, step
from simulator.engine.step import read_reply

SC = "billing-error"


def counted(rules, text, scenario=SC):
    return read_reply(rules, scenario, text).present


# --------------------------------------------------------------- 1. doubting the customer
# §5 "doubting the customer's honesty"; §1 独断型 "cannot stand being doubted".

DOUBT = ["你是不是没交？", "您确定交了吗？", "你真的交了吗？", "你确定你交了吗？", "您真的有交过费吗",
         "您是不是沒繳費？", "妳確定妳交了嗎？", "您真的有繳過費嗎"]


@pytest.mark.parametrize("text", DOUBT)
def test_doubting_the_customer_in_chinese_verdict(rules, text):
    present = counted(rules, text)
    assert "doubt_customer" in present, present
    # A question asked in the same breath as a negative move earns nothing (read_reply).
    assert "asks_questions" not in present


@pytest.mark.parametrize("text", DOUBT[:5])
def test_doubt_angers_the_domineering_customer_verdict(rules, text):
    turn = step(start(rules, SC, "domineering"), text)
    assert turn.anger_after > turn.anger_before
    assert any(c.rule == "doubt_customer" and c.amount > 0 for c in turn.changes)


@pytest.mark.parametrize("text", ["你真的很着急，我理解", "您确定要取消吗？", "您確定要取消嗎？",
                                  "我是不是没说清楚？", "我真的很抱歉"])
def test_innocent_look_alikes_of_doubt_stay(rules, text):
    assert "doubt_customer" not in counted(rules, text)


# --------------------------------------------------------------- 2. ordinary good phrasings

GOOD = [
    ("这件事由我跟进", "ownership"),            # §2.3 这件事由我负责跟进
    ("由我跟进，您放心", "ownership"),
    ("這件事由我跟進", "ownership"),
    ("我是技术主管黄婷", "introduce_self"),      # §2.3 tell them your name
    ("我是陈静，很高兴为您服务", "introduce_self"),
    ("我是黃婷", "introduce_self"),
    ("I'm Emily, and I'll take care of this.", "introduce_self"),
    ("This is Emily from support.", "introduce_self"),
    ("给您造成了很大的损失，真的很抱歉", "acknowledge_feelings"),  # §2.2 recognise the harm
    ("给您造成损失", "acknowledge_feelings"),
    ("給您造成了很大的損失", "acknowledge_feelings"),
    ("Sorry for the trouble this has caused.", "acknowledge_feelings"),  # mirrors 给您添麻烦了
    ("立刻给您安排", "concrete_action"),          # §5 show urgency
    ("馬上給您安排", "concrete_action"),
    ("我现在立即为您安排", "concrete_action"),
    ("Let me look into it.", "concrete_action"),
    ("I'll look into this right now.", "concrete_action"),
]


@pytest.mark.parametrize(("text", "behaviour"), GOOD)
def test_ordinary_good_phrasings_verdict(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present, present
    assert rules.negative_ids.isdisjoint(present - {"empty_apology"}), present


@pytest.mark.parametrize("text", ["我是说您的账单有问题", "我是觉得这样更快", "我是想帮您", "我是严格按流程办的",
                                  "I'm Sorry", "i'm here", "This is ridiculous."])
def test_not_introductions_stay(rules, text):
    assert "introduce_self" not in counted(rules, text)


@pytest.mark.parametrize(("text", "behaviour"), [
    ("We'll look into it.", "vague"),           # §5 打太极: nobody owns it
    ("给您造成不便，非常抱歉", "apology"),
    ("I'll put you through to billing.", "handover"),
])
def test_good_phrasing_look_alikes_stay(rules, text, behaviour):
    assert behaviour in counted(rules, text)


# --------------------------------------------------------------- 3. the recommended hold phrase
# §3 "put someone on hold politely and thank them after: 抱歉让您久等了".

@pytest.mark.parametrize("persona", ["domineering", "analytical", "friendly", "self-centered"])
@pytest.mark.parametrize("text", ["抱歉让您久等了", "抱歉讓您久等了", "Sorry to keep you waiting.",
                                  "感谢您的等待", "Thank you for holding."])
def test_thanking_after_a_hold_is_never_punished_verdict(rules, persona, text):
    turn = step(start(rules, SC, persona), text)
    assert all(c.amount <= 0 for c in turn.changes), turn.changes
    assert turn.anger_after <= turn.anger_before


def test_actual_stalling_still_angers_the_domineering_customer(rules):
    for text in ("这个先放一放，您再等等", "Let's put it off for now."):
        turn = step(start(rules, SC, "domineering"), text)
        assert turn.anger_after > turn.anger_before


# --------------------------------------------------------------- 4. "deal with it"
# §5 mocking the customer vs §2.3 "I will see it through".

@pytest.mark.parametrize("text", ["I'll deal with it right away.", "We will deal with this today.",
                                  "Let me deal with that for you.", "I will deal with it personally."])
def test_dealing_with_it_yourself_is_not_rude_verdict(rules, text):
    present = counted(rules, text)
    assert "rudeness_sarcasm" not in present
    assert "ownership" in present


@pytest.mark.parametrize(("text", "behaviour"), [
    ("Deal with it.", "rudeness_sarcasm"), ("You'll just have to deal with it.", "rudeness_sarcasm"),
    ("I'll deal with it later.", "delay"),
])
def test_deal_with_it_look_alikes_stay(rules, text, behaviour):
    assert behaviour in counted(rules, text)


# --------------------------------------------------------------- 5. 但是 after a kind sentence
# §5 "可是 / 但是 after a kind sentence cancels everything said before it".

@pytest.mark.parametrize("text", ["我不能给您退款，但是我理解您的心情", "但是我会马上帮您查",
                                  "We can't refund that, but I understand how you feel."])
def test_but_with_nothing_kind_before_it_is_no_reversal_verdict(rules, text):
    assert "but_reversal" not in counted(rules, text)


def test_but_after_a_kind_sentence_still_reverses_and_discounts(rules):
    turn = step(start(rules, SC, "domineering"), "我理解您的心情，但是这个没办法")
    rules_seen = {c.rule: c for c in turn.changes}
    assert "but_reversal" in rules_seen
    assert ("but_after", 0.5) in rules_seen["acknowledge_feelings"].factors


# --------------------------------------------------------------- 6. refusal in scope
# §5 refusing outright: the good word inside a refusal is refused, not offered.

@pytest.mark.parametrize("text", ["沒有辦法幫您退款", "没有办法帮您退款", "我没办法帮您退款", "不可以退款",
                                  "we are unable to offer a refund", "I'm not able to refund you",
                                  "refunds are not available", "A refund is not possible.", "退款是不行的"])
def test_a_refused_good_word_is_not_offered_verdict(rules, text):
    present = counted(rules, text)
    assert "compensation" not in present, present
    assert "refusal" in present


def test_one_refusal_counts_once(rules):
    hits = read_reply(rules, SC, "没有办法马上给您退款").hits
    assert [h.counts_as for h in hits if h.counts_as] == ["refusal"]


@pytest.mark.parametrize(("text", "behaviour"), [
    ("不用担心，我们会给您退款", "compensation"), ("不用擔心，我們會給您退款", "compensation"),
    ("有没有办法帮您退款，我马上问一下", "compensation"), ("No problem, a full refund is on its way.", "compensation"),
    ("我不会让这件事拖下去", "ownership"),
])
def test_refusal_scope_look_alikes_stay(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present and "refusal" not in present, present


# --------------------------------------------------------------- 7. 大概 in a fact question
# §3.1 asking about facts vs §5 打太极.

@pytest.mark.parametrize("text", ["请问您大概是几号收到的？", "請問您大概是幾號收到的？", "请问您大概什么时候交的费？"])
def test_approximate_fact_question_is_not_vague_verdict(rules, text):
    present = counted(rules, text)
    assert "vague" not in present and "fact_question" in present, present


@pytest.mark.parametrize("text", ["请问您的订单号？我们大概会处理好", "我们会尽快处理，请问您的账号是多少？",
                                  "大概可以吧"])
def test_vague_outside_the_question_stays(rules, text):
    assert "vague" in counted(rules, text)


# --------------------------------------------------------------- 8. negation look-alikes
# §5 负面语言 / 我不知道 are about refusing and not knowing, not eagerness or a hedge.

@pytest.mark.parametrize("text", [
    "I can't wait to get this sorted for you", "I don't know if you've tried restarting",
    "I'm not sure if you've tried restarting it yet?", "我不知道您是否试过重启", "我不知道您有沒有試過重啟",
])
def test_negation_look_alikes_verdict(rules, text):
    present = counted(rules, text)
    assert rules.negative_ids.isdisjoint(present), present


@pytest.mark.parametrize(("text", "behaviour"), [
    ("I don't know.", "forbidden_phrase"), ("我不知道。", "forbidden_phrase"),
    ("I can't refund that.", "refusal"), ("I'm not sure.", "vague"),
])
def test_negation_look_alikes_stay(rules, text, behaviour):
    present = counted(rules, text)
    assert behaviour in present or (behaviour == "refusal" and "negative_language" in present), present


# Idioms that start with a negative ("I can't", "I couldn't", "are you sure") but say the
# opposite: agreement (§3 partial agreement), thanks (§3.5), an apology (§5), a confirmation
# of the customer's request (§3.4).
@pytest.mark.parametrize(("text", "behaviour"), [
    ("I couldn't agree more, that should never have happened.", "acknowledge_feelings"),
    ("I can't thank you enough for your patience.", "thank_complaint"),
    ("I can't apologise enough for this mix-up.", "apology"),
    ("Are you sure you want to cancel the order?", "check_understanding"),
])
def test_idioms_that_start_negative_verdict(rules, text, behaviour):
    present = counted(rules, text)
    # (a bare apology is still an empty one: that is about substance, not the idiom)
    assert behaviour in present and not {"negative_language", "refusal", "doubt_customer"} & present, present


@pytest.mark.parametrize(("text", "behaviour"), [
    ("Are you sure you paid?", "doubt_customer"), ("I can't help you.", "negative_language"),
    ("I couldn't find anything, sorry.", "negative_language"),
])
def test_idiom_look_alikes_stay_negative(rules, text, behaviour):
    assert behaviour in counted(rules, text)


# An A-不-A question word (能不能, 可不可以, 有没有) asks; the 不 in its middle starts no refusal.
@pytest.mark.parametrize("text", ["能不能退款我需要先帮您查一下。", "您问能不能退款，我帮您申请。", "會不會退款要看情況，我幫您問一下。"])
def test_an_a_not_a_question_is_no_refusal_verdict(rules, text):
    present = counted(rules, text)
    assert not {"refusal", "negative_language"} & present, present


@pytest.mark.parametrize("text", ["我不能退款。", "不能退款。", "这个不能退款，规定如此。"])
def test_a_plain_refusal_stays(rules, text):
    assert {"refusal", "negative_language"} & counted(rules, text)
