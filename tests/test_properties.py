"""Invariants of the engine, checked over generated replies and sessions."""

from __future__ import annotations

import opencc
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from simulator.content import load_content
from simulator.engine import Rulebook, play, start, step
from simulator.errors import InputError
from simulator.text.normalise import normalise

RULES = Rulebook(load_content())
LEX = RULES.content.lexicon
PERSONAS = sorted(RULES.content.personas)
SCENARIOS = sorted(RULES.content.scenarios)


def phrases(polarity=None, ids=None, lang=("zh", "en")):
    out = []
    for b in LEX.behaviours:
        if b.phrases is None or (polarity and b.polarity != polarity) or (ids and b.id not in ids):
            continue
        for lg in lang:
            out += [(b.id, p) for p in getattr(b.phrases, lg)]
    return out


ALL_PHRASES = [p for _, p in phrases()]
FILLER = ["您好", "这个", "我们", "订单", "好的", "今天", "then", "the order", "please", "，", "。", "？", "!", " "]
reply_text = st.lists(st.sampled_from(ALL_PHRASES + FILLER), max_size=8).map("".join)
any_text = st.one_of(reply_text, st.text(max_size=80))
persona = st.sampled_from(PERSONAS)
scenario = st.sampled_from(SCENARIOS)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(scenario, persona, st.lists(any_text, min_size=1, max_size=12), st.integers(0, 2**32))
def test_anger_stays_in_range(sid, pid, texts, seed):
    state = start(RULES, sid, pid, seed=seed)
    for turn in play(state, texts):
        assert 0 <= turn.anger_after <= 100
        assert turn.anger_before == state.anger and turn.state.anger == turn.anger_after
        state = turn.state


@FAST
@given(scenario, persona, st.lists(any_text, min_size=1, max_size=8), st.integers(0, 2**63), st.sampled_from(["zh", "en"]))
def test_same_seed_same_run(sid, pid, texts, seed, lang):
    a = [t.to_dict() for t in play(start(RULES, sid, pid, seed=seed, lang=lang), texts)]
    b = [t.to_dict() for t in play(start(RULES, sid, pid, seed=seed, lang=lang), texts)]
    assert a == b


FORBIDDEN = [p for _, p in phrases(ids={"forbidden_phrase"})]


@FAST
@given(persona, scenario, reply_text, st.sampled_from(FORBIDDEN))
def test_a_forbidden_phrase_never_lowers_anger(pid, sid, text, bad):
    s = start(RULES, sid, pid)
    without = step(s, text)
    with_bad = step(s, text + "。" + bad)
    assert with_bad.anger_after >= without.anger_after
    assert any(c.rule == "forbidden_phrase" and c.amount > 0 for c in with_bad.changes) or with_bad.anger_after == 100


@FAST
@given(persona, st.sampled_from(phrases(polarity="negative")))
def test_negative_behaviours_only_ever_anger(pid, item):
    _, phrase = item
    turn = step(start(RULES, "general-complaint", pid), phrase)
    for c in turn.changes:
        rule = RULES.rules.get(c.rule)
        if rule is not None and c.kind == "behaviour" and rule.polarity == "negative":
            assert c.amount > 0


NEGATORS = ["不", "没有", "从不", "并不"]
POSITIVE_ZH = [p for p in phrases(polarity="positive", lang=("zh",))]
POSITIVE_EN = [p for p in phrases(polarity="positive", lang=("en",))]


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.tuples(st.sampled_from(NEGATORS), st.sampled_from(POSITIVE_ZH)),
    st.tuples(st.sampled_from(["not ", "never "]), st.sampled_from(POSITIVE_EN)),
))
def test_a_negated_positive_phrase_never_counts_as_positive(pair):
    negator, (bid, phrase) = pair
    text = negator + phrase
    hits, _ = RULES.matcher("general-complaint").scan(normalise(text))
    # Skip where negator + phrase reads as a different, longer phrase of its own
    # (没有 + 问题 = 没有问题, "no problem"): then nothing was negated.
    assume(not any(h.start == 0 and not h.negated for h in hits))
    assume(normalise(phrase).folded.split()[0] not in {normalise(n).folded.strip() for n in LEX.negation.negators.en})
    for h in hits:
        if h.end > len(negator):
            assert h.counts_as is None or RULES.rules[h.counts_as].polarity != "positive", (text, h)


TO_TRAD = opencc.OpenCC("s2t")
FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?,"}


def judged(text, pid):
    t = step(start(RULES, "general-complaint", pid), text)
    return [(h.behaviour, h.counts_as, h.negated) for h in t.hits], t.anger_after


@FAST
@given(persona, reply_text)
def test_traditional_and_fullwidth_judge_the_same_as_simplified(pid, text):
    trad = TO_TRAD.convert(text)
    assume(normalise(trad).folded == normalise(text).folded)  # s2t→t2s is not always a round trip
    assert judged(trad, pid) == judged(text, pid)
    wide = "".join(FULLWIDTH.get(c, c) for c in text)
    assert judged(wide, pid) == judged(text, pid)


class Conversation(RuleBasedStateMachine):
    """Random sessions: the state machine never breaks its invariants."""

    @initialize(sid=scenario, pid=persona, seed=st.integers(0, 1000), lang=st.sampled_from(["zh", "en"]))
    def begin(self, sid, pid, seed, lang):
        self.state = start(RULES, sid, pid, seed=seed, lang=lang)
        self.met = frozenset()
        self.turns = 0

    @precondition(lambda self: not self.state.over)
    @rule(text=any_text)
    def reply(self, text):
        before = self.state
        turn = step(self.state, text)
        assert before.turn == self.turns  # the old state is untouched
        assert turn.index == self.turns + 1
        assert turn.state.needs_met >= self.met
        assert (turn.outcome is None) == (turn.reply is None or turn.state.outcome is None)
        self.state, self.met, self.turns = turn.state, turn.state.needs_met, self.turns + 1

    @precondition(lambda self: self.state.over)
    @rule(text=any_text)
    def reply_after_the_end(self, text):
        try:
            step(self.state, text)
        except InputError:
            return
        raise AssertionError("a finished session accepted another reply")

    @invariant()
    def anger_in_range(self):
        if hasattr(self, "state"):
            assert 0 <= self.state.anger <= 100
            assert self.state.turn <= self.state.patience


TestConversation = Conversation.TestCase
TestConversation.settings = settings(max_examples=60, stateful_step_count=15, deadline=None)


# Pieces of times in both languages, and the characters around them, so generated
# replies put digits, anchors and day words next to each other in every order.
_TIME_PIECES = ["今天", "明天", "下周", "周五", "星期三", "月底", "上午", "下午", "三", "十", "3", "15", "点", "时", "半",
                "分", "之前", "前", "内", "小时", "天", "个", "月", "日", "号", "马上", "现在就", "一点", "时候", "内容",
                "today", "tonight", "tomorrow", "this morning", "end of the week", "by friday", "before noon", "on monday",
                "5", "pm", "am", ":30", "o'clock", "within", "in", "an", "two", "hours", "minutes", "business days",
                "right now", "right away", "immediately", "know", "within an hour", "in ten minutes", "day", " ", "，", "。", "我们", "处理", "x"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TIME_PIECES), max_size=6))
@example(["right now"])
@example(["3", "天", "内"])
@example(["下午", "3", "点"])
@example(["5", "pm"])
@example(["within an hour"])
@example(["on monday"])
def test_time_search_split_by_language_equals_one_pattern(pieces):
    # find_time runs the Chinese and English patterns separately, each behind a look-ahead
    # for its first characters and only when one of its anchor words is present: it must
    # find exactly what one plain combined pattern (Chinese alternatives first) finds, so
    # the shortcuts can never change a verdict.
    import re

    from simulator.text import signals

    combined = re.compile(f"(?:{signals._TIME_ZH_BODY})|(?:{signals._TIME_EN_BODY})", re.VERBOSE)
    text = "".join(pieces)
    want = combined.search(text)
    got = signals.find_time(text)
    assert (got and got.span()) == (want and want.span())
