"""The matcher with a small controlled lexicon, so each rule of negation is pinned down."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.content import models as m
from simulator.engine.step import read_reply
from simulator.text.matcher import Matcher, _alternation, _Literals
from simulator.text.normalise import normalise

T = {"zh": "x", "en": "x"}


def behaviour(bid, polarity, zh, en=(), negated_as=None):
    return {
        "id": bid, "name": T, "polarity": polarity, "group": "language", "section": "§5",
        "effect": -3 if polarity == "positive" else 5 if polarity == "negative" else 0,
        "reaction": "heard", "negated_as": negated_as, "phrases": {"zh": list(zh), "en": list(en)},
    }


LEXICON = m.Lexicon.model_validate({
    "kind": "lexicon", "version": 1,
    "negation": {
        "max_gap": 4,
        "negators": {"zh": ["不", "没", "没有", "别", "不是", "不会", "不能"], "en": ["not", "never", "don't", "won't"]},
        "non_negators": {"zh": ["不好意思", "对不起", "无论"], "en": ["no problem"]},
    },
    "behaviours": [
        behaviour("apology", "positive", ["对不起", "不好意思", "抱歉"], ["sorry"]),
        behaviour("empathy", "positive", ["理解", "别着急"], ["understand"]),
        behaviour("worry", "neutral", ["着急"]),
        behaviour("stalling", "negative", ["拖下去", "拖延"], ["drag on"], negated_as="promise"),
        behaviour("promise", "positive", ["保证"]),
        behaviour("refusal", "negative", ["我不能", "我不会", "不能处理"], ["i can't"]),
        behaviour("refund", "positive", ["退款"], ["refund"], negated_as="refusal"),
        behaviour("blame", "negative", ["你的错"], ["your fault"]),
    ],
    "limits": {"too_short_chars": 3, "wall_of_text_chars": 200, "shouting_exclamations": 3,
               "shouting_caps_ratio": 0.7, "needs_ignored_after": 3},
})


@pytest.fixture(scope="module")
def matcher():
    return Matcher(LEXICON)


def scan(matcher, text):
    hits, _ = matcher.scan(normalise(text))
    return [(h.behaviour, h.quote, h.negated, h.counts_as) for h in hits]


def test_plain_hit_reports_original_span(matcher):
    hits, _ = matcher.scan(normalise("您好，我理解您"))
    assert [(h.behaviour, h.start, h.end, h.quote) for h in hits] == [("empathy", 4, 6, "理解")]


def test_longest_match_wins(matcher):
    assert scan(matcher, "您别着急") == [("empathy", "别着急", False, "empathy")]


def test_negator_cancels_a_positive_without_negated_as(matcher):
    assert scan(matcher, "我不理解") == [("empathy", "不理解", True, None)]


def test_negated_positive_turns_into_its_negated_as(matcher):
    assert scan(matcher, "我不能给您退款") == [("refund", "我不能给您退款", True, "refusal")]


def test_negative_phrase_ending_in_negator_is_absorbed_into_a_promise(matcher):
    assert scan(matcher, "我不会让这件事拖下去") == [("stalling", "我不会让这件事拖下去", True, "promise")]


def test_double_negation_by_parity(matcher):
    assert scan(matcher, "不是不能处理") == [("refusal", "不是不能处理", True, None)]


def test_non_negators_do_not_negate(matcher):
    assert scan(matcher, "不好意思，理解") == [("apology", "不好意思", False, "apology"), ("empathy", "理解", False, "empathy")]
    assert scan(matcher, "对不起理解") == [("apology", "对不起", False, "apology"), ("empathy", "理解", False, "empathy")]


def test_clause_break_stops_negation(matcher):
    assert scan(matcher, "没有，我理解") == [("empathy", "理解", False, "empathy")]


def test_gap_beyond_limit_stops_negation(matcher):
    assert scan(matcher, "不过了很久很久理解")[-1][2] is False


def test_english_word_boundaries(matcher):
    assert scan(matcher, "sorryness") == []
    assert scan(matcher, "I'm sorry") == [("apology", "sorry", False, "apology")]


def test_english_negation(matcher):
    assert scan(matcher, "I won't let this drag on") == [("stalling", "won't let this drag on", True, "promise")]
    assert scan(matcher, "I don't understand") == [("empathy", "don't understand", True, None)]


def test_traditional_and_fullwidth_match_the_same(matcher):
    assert scan(matcher, "我不會讓這件事拖下去") == [("stalling", "我不會讓這件事拖下去", True, "promise")]
    assert [h[0] for h in scan(matcher, "ＳＯＲＲＹ")] == ["apology"]


def test_need_phrase_inside_a_negative_phrase_is_not_met():
    lexicon = LEXICON.model_copy(update={"behaviours": [
        *LEXICON.behaviours,
        m.Behaviour.model_validate(behaviour("deny", "negative", ["这不是我们的错"])),
    ]})
    scenario = m.Scenario.model_validate({
        "kind": "scenario", "id": "s", "title": T, "situation": T, "section": "§7", "severity": "general",
        "stance": "rational", "nature": "solve", "opening": {"zh": ["x"], "en": ["x"]},
        "facts": {"zh": ["x"], "en": ["x"]},
        "needs": [{"id": "sorry", "description": T, "section": "§2", "phrases": {"zh": ["是我们的错"], "en": []}}],
    })
    matcher = Matcher(lexicon, scenario)
    assert matcher.scan(normalise("这不是我们的错"))[1] == []
    assert [n.need for n in matcher.scan(normalise("是我们的错，抱歉"))[1]] == ["sorry"]


# The setback probe answers "does the reply hold any setback word?" with one automaton pass; it
# must answer exactly as searching the words' alternation did, word boundaries included.
_PROBE_WORDS = m.Phrases(zh=["卡住", "没到账", "失败"], en=["stuck", "pending", "not yet", "hasn't", "on hold"])
_PIECES = ["卡住", "没到账", "失败", "stuck", "pending", "not yet", "hasn't", "on hold", "un", "ness", "x", "'", " ",
           "，", ".", "还", "a", "9", "-", "s"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_literal_probe_answers_as_the_alternation_does(pieces):
    text = "".join(pieces)
    assert _Literals(_PROBE_WORDS).search(text) == (re.search(_alternation(_PROBE_WORDS), text) is not None)


@pytest.mark.parametrize(("text", "found"), [
    ("您的退款还卡住了", True), ("the refund is stuck", True), ("unstuck", False), ("stuckness", False),
    ("it's pending.", True), ("(pending)", True), ("nothing here", False), ("no9t yet", False),
])
def test_literal_probe_keeps_word_boundaries(text, found):
    assert _Literals(_PROBE_WORDS).search(text) is found


# An English phrase listed in the singular meets its plural (and a verb its third person):
# trainees write "your payment records", "two engineers" (simulator/text/matcher.py plural).

@pytest.mark.parametrize(("key", "expected"), [
    ("payment record", "payment records"), ("refund", "refunds"), ("apology", "apologies"),
    ("delay", "delays"), ("fix", "fixes"), ("branch", "branches"), ("process", "processes"),
    ("no", None), ("ok", None), ("call me at 5", None), ("we'll", None), ("收据", None),
])
def test_plural_of_a_key(key, expected):
    from simulator.text.matcher import plural

    assert plural(key) == expected


def test_a_plural_meets_the_need_its_singular_names(rules):
    text = "Could you send me a photo of the slip? I'll check it against our payment records."
    hits = read_reply(rules, "billing-error", text).need_hits
    assert [h.need for h in hits] == ["check_payment"] and hits[0].quote == "payment records"


def test_plurals_stay_whole_words(rules):
    # "records" meets "record"; "recordset" and "precords" are other words.
    assert not read_reply(rules, "billing-error", "Check the payment recordset.").need_hits


@pytest.mark.parametrize(("text", "quote"), [
    ("I'll call you back at 3 pm.", "3"), ("I'll refund 300 yuan.", "300 yuan"), ("退您300 元。", "300 元"),
    ("第3次了", "3次"), ("I'll send 3 engineers.", "3"),
])
def test_a_number_is_quoted_with_its_unit_and_nothing_else(rules, text, quote):
    # The quote a trainee sees: a number without a unit does not take the space after it.
    sig = [s for s in read_reply(rules, "general-complaint", text).signals if s.kind == "concrete_number"]
    assert [s.quote for s in sig] == [quote]
