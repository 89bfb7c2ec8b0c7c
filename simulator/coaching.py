"""Coaching: the most valuable improvements, each proved by running the engine on it.

For the turns that did the most harm, build alternative replies from the content
itself — the trainee's own words with every negative phrase replaced by the
lexicon's ``better`` example (or cut), plus one line from a pool of model lines
(quoted examples in the persona's hints and in ``better`` texts, the scenario's
good exemplar replies, the canonical phrase of each positive behaviour) put
before or after it — and step the engine on each from the state before that
turn. The alternative that leaves the customer least angry is the suggestion;
its anger is the counterfactual. Nothing here is invented: every line comes from
YAML, and every number from the same rules that judged the real reply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from simulator.engine import Change, Rulebook, SessionState, Turn, step
from simulator.engine.step import MAX_REPLY_CHARS
from simulator.text.normalise import normalise

# How many of the worst turns are searched for an alternative: the three kept
# come from these. Six keeps a 30-turn report well under a second.
CANDIDATE_TURNS = 6
# An alternative must calm the customer at least this much more to be worth showing
# (anger is shown to one decimal; less than half a point reads as "no change").
MIN_GAIN = 0.5

_QUOTED = (
    re.compile(r"「([^「」]+)」"),
    re.compile(r"“([^“”]+)”"),
    re.compile(r'"([^"]+)"'),
    # English single quotes, not apostrophes: opened after a space or bracket, closed before one.
    re.compile(r"(?:(?<=[\s(])|^)'(.+?)'(?=[\s.,;:!?)]|$)"),
)
_ELLIPSIS = ("…", "...")
_END_PUNCT = "。！？!?.，,；;"
_OUTCOME_RANK = {"resolved": 0, None: 1, "unresolved": 2, "escalated": 3, "walked_out": 3}


@dataclass(frozen=True)
class Improvement:
    """A better reply for one turn and what it would have done."""

    turn: Turn  # what really happened
    suggestion: str
    counterfactual: Turn  # the engine's verdict on the suggestion, from the same state
    fixes: tuple[Change, ...]  # anger-raising changes of the real reply the suggestion avoids
    adds: tuple[Change, ...]  # calming changes (rules or needs) the suggestion brings
    advice: tuple[str, ...]  # rule ids whose ``better`` advice applies

    @property
    def gain(self) -> float:
        return round(self.turn.anger_after - self.counterfactual.anger_after, 2)


def quoted_examples(text: str) -> list[str]:
    """Example lines quoted in advice (「…」, “…”, "…", '…'), in order of appearance."""
    found: list[tuple[int, str]] = []
    for rx in _QUOTED:
        found += [(m.start(), m.group(1).strip()) for m in rx.finditer(text)]
    return [s for _, s in sorted(found) if s]


def _is_line(rules: Rulebook, text: str) -> bool:
    """Usable as a reply: no placeholder ellipsis and no negative behaviour in it."""
    if len(text) < 2 or any(e in text for e in _ELLIPSIS):
        return False
    hits, _ = rules.bare_matcher.scan(normalise(text))
    return not any(rules.rules[h.counts_as].polarity == "negative" for h in hits if h.counts_as)


def _advice_examples(rules: Rulebook, advice: str) -> list[str]:
    quoted = quoted_examples(advice)
    if quoted:
        return [q for q in quoted if _is_line(rules, q)]
    # Advice with no quotes and no "do this:" colon is itself the line to say.
    if ":" not in advice and "：" not in advice and _is_line(rules, advice):
        return [advice]
    return []


@lru_cache(maxsize=64)
def fix_phrases(rules: Rulebook, rule_id: str, lang: str) -> tuple[str, ...]:
    """Lines that can stand in for a negative behaviour's words (from its ``better``)."""
    b = next((b for b in rules.content.lexicon.behaviours if b.id == rule_id), None)
    if b is None:
        return ()
    lines = [getattr(b.example, lang)] if b.example is not None else []
    if b.better is not None:
        lines += _advice_examples(rules, getattr(b.better, lang))
    return _unique(x for x in lines if _is_line(rules, x))


@lru_cache(maxsize=64)
def line_pool(rules: Rulebook, scenario: str, persona: str, lang: str) -> tuple[str, ...]:
    """Short model lines for this pairing, in a fixed order, each free of negative behaviours.

    Quoted examples in the persona's hints come first (its strategy), then every
    ``better`` example of the lexicon.
    """
    content = rules.content
    lines: list[str] = []
    for hint in getattr(content.persona(persona).hints, lang):
        lines += [q for q in quoted_examples(hint) if _is_line(rules, q)]
    for b in content.lexicon.behaviours:
        if b.example is not None and _is_line(rules, getattr(b.example, lang)):
            lines.append(getattr(b.example, lang))
        if b.better is not None:
            lines += [x for x in _advice_examples(rules, getattr(b.better, lang)) if not _is_word_swap(x)]
    return _unique(lines)


@lru_cache(maxsize=64)
def whole_replies(rules: Rulebook, scenario: str, lang: str) -> tuple[str, ...]:
    """The scenario's good exemplar replies: model answers to offer whole."""
    return _unique([
        r for ex in rules.content.exemplars.get(scenario, ())
        if ex.grade == "good" and ex.lang == lang
        for r in ex.responses if _is_line(rules, r)
    ])


def _unique(lines: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out = []
    for line in lines:
        key = line.casefold()
        if key not in seen:
            seen.add(key)
            out.append(line)
    return tuple(out)


_BREAKS = "，,。.！!？?；;\n"
# A ``better`` example this short is a word to swap in (同时 for 但是, "and" for "but");
# a longer one is a line that replaces the whole clause.
WORD_SWAP_CHARS = 4


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around ``text[start:end]``, between clause breaks, without the breaks."""
    s = start
    while s > 0 and text[s - 1] not in _BREAKS:
        s -= 1
    while s < start and text[s].isspace():
        s += 1
    e = end
    while e < len(text) and text[e] not in _BREAKS:
        e += 1
    return s, e


def _is_word_swap(phrase: str) -> bool:
    return len(phrase) <= WORD_SWAP_CHARS or (phrase.isascii() and len(phrase.split()) <= 3 and not any(c in _BREAKS for c in phrase))


def repair(rules: Rulebook, turn: Turn, lang: str) -> tuple[str, tuple[str, ...]]:
    """The reply with each clause holding a negative phrase rewritten from ``better``, or cut.

    Returns the repaired text and the negative rules it dealt with.
    """
    text = turn.text
    negative = sorted(
        (h for h in turn.hits
         if h.counts_as and not h.derived and rules.rules[h.counts_as].polarity == "negative"),
        key=lambda h: h.start,
    )
    # One edit per clause; a word swap inside a clause being rewritten gives way to it.
    edits: list[tuple[int, int, str, bool]] = []  # (start, end, first rule, word swap?)
    for h in negative:
        rid = h.counts_as
        assert rid is not None
        options = fix_phrases(rules, rid, lang)
        swap = bool(options) and _is_word_swap(options[0])
        s, e = (h.start, h.end) if swap else _clause(text, h.start, h.end)
        while edits and s < edits[-1][1]:
            ps, pe, prid, pswap = edits[-1]
            if swap:
                break
            edits.pop()  # the previous edit lies in this clause: rewrite the clause instead
            s, e, rid = min(s, ps), max(e, pe), (rid if pswap else prid)
        if edits and s < edits[-1][1]:
            continue
        edits.append((s, e, rid, swap))
    used: set[str] = set()
    for s, e, rid, swap in reversed(edits):
        unused = [p for p in fix_phrases(rules, rid, lang) if p not in used]
        new = unused[0] if unused and (swap or not _is_word_swap(unused[0])) else ""
        used.add(new)
        after = text[e:]
        if not swap and after and after[0] in _BREAKS:
            if not new or new[-1] in _END_PUNCT:
                after = after[1:]  # the clause's own punctuation gives way to the new line's
            elif after[0] in "？?！!":
                after = ("。" if lang == "zh" else ".") + after[1:]  # the new line is a statement
        if new and lang == "en" and after[:1].isalnum():
            new += " "
        text = text[:s] + new + after
    fixed = [rid for _, _, rid, _ in edits]
    kinds = {s.kind for s in turn.signals}
    if "shouting" in kinds:
        text = re.sub(r"[!！]+", "。" if lang == "zh" else ".", text)
        letters = [c for c in text if c.isascii() and c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5:
            text = re.sub(r"(^|[.?!]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.lower())
            text = re.sub(r"\bi\b", "I", text)
        fixed.append("shouting")
    return _tidy(text, lang), tuple(dict.fromkeys(fixed))


def _tidy(text: str, lang: str) -> str:
    text = re.sub(r"([，,。.；;！!？?])\s*[，,.。]+(?!\.)", r"\1", text)  # "，，" or ".." left by a cut
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = text.strip().lstrip("，,。.；;、？?！! ")
    if lang == "en":  # a cut can leave a sentence starting in lower case
        text = re.sub(r"(^|[.?!]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
    return text


def _join(first: str, second: str, lang: str) -> str:
    if not first:
        return second
    if not second:
        return first
    if lang == "zh":
        return first + ("" if first[-1] in _END_PUNCT else "，") + second
    return first + ("" if first[-1] in _END_PUNCT else ".") + " " + second


def candidates(rules: Rulebook, turn: Turn, lang: str, scenario: str, persona: str) -> list[str]:
    """Alternative replies for one turn, the trainee's repaired words first."""
    base, _ = repair(rules, turn, lang)
    pool = line_pool(rules, scenario, persona, lang)
    out = [base] if base else []
    for line in pool:
        out.append(_join(line, base, lang))
        out.append(_join(base, line, lang))
    kinds = {s.kind for s in turn.signals}
    # When the reply's very shape was the trouble (too short, a copy, a wall of text)
    # or nothing of it survives, a model line alone is the fairer alternative.
    if not base or kinds & {"too_short", "repeated", "wall_of_text"}:
        out += list(pool) + list(whole_replies(rules, scenario, lang))
    seen: set[str] = set()
    unique = []
    for c in out:
        if c and c != turn.text and c not in seen and len(c) <= MAX_REPLY_CHARS:
            seen.add(c)
            unique.append(c)
    return unique


def best_alternative(
    rules: Rulebook, before: SessionState, turn: Turn, lang: str
) -> tuple[str, Turn] | None:
    """The candidate that leaves the customer least angry, with the turn it makes."""
    best: tuple[tuple[float, int, int], str, Turn] | None = None
    for text in candidates(rules, turn, lang, before.scenario, before.persona):
        cf = step(before, text)
        key = (cf.anger_after, _OUTCOME_RANK[cf.outcome.value if cf.outcome else None], len(text))
        if best is None or key < best[0]:
            best = (key, text, cf)
    return None if best is None else (best[1], best[2])


def _harm(turn: Turn) -> tuple[float, float]:
    return (sum(c.amount for c in turn.changes if c.amount > 0), turn.delta)


def _first_per_rule(changes: Iterable[Change]) -> tuple[Change, ...]:
    out: dict[str, Change] = {}
    for c in changes:
        out.setdefault(c.rule, c)
    return tuple(out.values())


def improvements(
    rules: Rulebook, first: SessionState, turns: Sequence[Turn], *, limit: int = 3
) -> list[Improvement]:
    """The ``limit`` most valuable improvements, biggest anger saved first."""
    lang = first.lang
    befores = [first] + [t.state for t in turns[:-1]]
    order = sorted(range(len(turns)), key=lambda i: (_harm(turns[i]), -i), reverse=True)
    found: list[Improvement] = []
    for i in order[:CANDIDATE_TURNS]:
        turn = turns[i]
        alt = best_alternative(rules, befores[i], turn, lang)
        if alt is None:
            continue
        text, cf = alt
        if turn.anger_after - cf.anger_after < MIN_GAIN:
            continue
        cf_bad = {c.rule for c in cf.changes if c.amount > 0}
        real_good = {c.rule for c in turn.changes if c.amount < 0}
        fixes = _first_per_rule(c for c in turn.changes if c.amount > 0 and c.rule not in cf_bad)
        adds = _first_per_rule(c for c in cf.changes if c.amount < 0 and c.rule not in real_good)
        advice = tuple(
            dict.fromkeys(
                h.counts_as for h in turn.hits
                if h.counts_as and rules.rules[h.counts_as].polarity == "negative"
            )
        )
        found.append(Improvement(turn, text, cf, fixes, adds, advice))
    found.sort(key=lambda x: (-x.gain, x.turn.index))
    return found[:limit]
