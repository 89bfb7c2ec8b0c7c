"""Coaching: the most valuable improvements, each proved by running the engine on it.

For the turns that did the most harm, build alternative replies from the content
itself and step the engine on each from the state before that turn. The base of
every alternative is the trainee's own reply, repaired sentence by sentence: a
sentence holding a negative phrase keeps only its clauses that calm (an apology,
an acknowledgement, a need met), and the offending clauses give way to the
lexicon's ``example`` line for that behaviour (or a ``better`` line; a short one
such as 同时 for 但是 is swapped in as a word where the clause is worth keeping).
One model line from a pool (quoted examples in the persona's hints, and the
``example`` and ``better`` lines of behaviours whose lines stand alone) goes
after the base, or before it when it speaks to the feelings (§2: feelings
first), and only when it adds something the reply does not already do. The alternative that leaves the customer least
angry is the suggestion; its anger is the counterfactual. Nothing here is
invented: every line comes from YAML, and every number from the same rules that
judged the real reply. Code only joins the pieces: commas, full stops and
capitals fitting the reply's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from simulator.engine import Change, Rulebook, SessionState, Turn, start, step
from simulator.engine.step import MAX_REPLY_CHARS
from simulator.text.matcher import Hit
from simulator.text.normalise import converter, normalise

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


# ----------------------------------------------------------------------------- punctuation

# A full stop, "!", "?" or a line break ends a sentence; the other marks end a clause in one.
_STOPS = "。！？.!?\n"
_CLAUSE_MARKS = "，,；;：:"
_BREAKS = _STOPS + _CLAUSE_MARKS
_MARKS = "，,、；;：:。.！!？?"
_FULL_STOP = {"zh": "。", "en": "."}
_COMMA = {"zh": "，", "en": ", "}
# A clause mark kept as a joiner, written in the reply's language.
_JOINER = {
    "zh": {",": "，", ";": "；", ":": "："},
    "en": {"，": ", ", ",": ", ", "；": "; ", ";": "; ", "：": ": ", ":": ": "},
}
# When pieces leave marks side by side ("，。", ". ,"), the strongest one stays.
_STRENGTH = {c: i for i, group in enumerate(("，,、", "：:", "；;", "。.", "！!", "？?")) for c in group}
_RUN = re.compile(r"[，,、；;：:。.！!？?](?:[ \t]*[，,、；;：:。.！!？?])+")
# Marks typed in the other language's width, where the words around them say which it is.
_WIDE = {",": "，", ".": "。", "!": "！", "?": "？", ";": "；", ":": "："}
_NARROW = {v: k for k, v in _WIDE.items()}
_CJK = "\u3400-\u9fff\uf900-\ufaff"
_ASCII_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])([,.!?;:])(?=[{_CJK}]|\s*$)|(?<=[A-Za-z0-9])([,.!?;:])\s*(?=[{_CJK}])")
_WIDE_AFTER_LATIN = re.compile(r"(?<=[A-Za-z0-9])([，。！？；：])\s*(?=([A-Za-z])|$)")
# English words that keep their capital inside a sentence: I, I'm, I'll, I'd, I've.
_CAPITAL_I = re.compile(r"I(?![A-Za-z])")
# A ``better`` example this short is a word to swap in (同时 for 但是, "and" for "but");
# a longer one is a line that replaces the whole clause.
WORD_SWAP_CHARS = 4


class _Clause(NamedTuple):
    start: int  # first character of its words
    end: int  # after its words
    stop: int  # after the marks and spaces that close it
    last: bool  # its marks end the sentence


def _is_break(text: str, i: int) -> bool:
    c = text[i]
    if c not in _BREAKS:
        return False
    # ASCII marks between digits belong to a number: 3.5, 28,000, 3:00.
    return not (c in ".,:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())


def _clauses(text: str) -> list[_Clause]:
    """The clauses of ``text`` in order, each with the marks that close it."""
    out: list[_Clause] = []
    i, n = 0, len(text)
    while i < n:
        s = i
        while s < n and text[s].isspace() and text[s] != "\n":
            s += 1
        e = s
        while e < n and not _is_break(text, e):
            e += 1
        stop = e
        while stop < n and (_is_break(text, stop) or text[stop].isspace()):
            stop += 1
        words_end = e
        while words_end > s and text[words_end - 1].isspace():
            words_end -= 1
        last = stop == n or any(ch in _STOPS for ch in text[e:stop])
        if words_end == s:  # marks alone: they close the clause before
            if out:
                p = out[-1]
                out[-1] = _Clause(p.start, p.end, stop, p.last or last)
        else:
            out.append(_Clause(s, words_end, stop, last))
        i = stop
    return out


def _sentences(clauses: list[_Clause]) -> list[list[int]]:
    out: list[list[int]] = [[]]
    for i, c in enumerate(clauses):
        out[-1].append(i)
        if c.last:
            out.append([])
    return [s for s in out if s]


def _sentence(line: str, lang: str) -> str:
    """The line closed as a sentence: a full stop added when it ends without one."""
    line = line.strip().rstrip(_CLAUSE_MARKS + " ")
    return line if not line or line[-1] in _STOPS else line + _FULL_STOP[lang]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """An English line continuing a sentence: no capital, except on "I" and acronyms."""
    if not text[:1].isupper() or _CAPITAL_I.match(text) or text[1:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def _script(text: str, lang: str) -> str | None:
    """The OpenCC config that writes added lines the way the trainee wrote, or None.

    The lexicon's lines are Simplified; a reply typed in Traditional characters gets them in
    Traditional: Hong Kong or Taiwan forms when the reply's characters match one of them
    (裏 / 裡) and the generic ones do not, else generic Traditional (s2t).
    """
    if lang != "zh":
        return None
    simple = converter("t2s").convert(text)
    if simple == text:
        return None
    generic = converter("s2t").convert(simple)
    for config in ("s2hk", "s2tw"):
        if generic != text and converter(config).convert(simple) == text:
            return config
    return "s2t"


def _script_source(text: str, session: str, lang: str) -> str:
    """The text whose script added lines follow: the reply's own, or the session's when the
    reply shows none ("好的。" reads alike in both) and the session is in Traditional.

    The Simplified-to-Traditional converter is loaded only for a Traditional session: it
    costs more to load than a whole report takes to build.
    """
    if lang != "zh" or _script(text, lang) is not None or _script(session, lang) is None:
        return text
    return session if converter("s2t").convert(text) == text else text


def _written(line: str, script: str | None) -> str:
    """``line`` in the trainee's script (see :func:`_script`)."""
    return line if script is None else converter(script).convert(line)


def _key(text: str) -> str:
    """Text folded for "is this already said?": case, marks and spaces ignored."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _strongest(m: re.Match[str]) -> str:
    run = m.group(0)
    marks = run.replace(" ", "").replace("\t", "")
    if set(marks) <= set("!?！？") or set(marks) == {"."} and len(marks) >= 3:
        return run  # "?!", "！！！" and "..." are the trainee's own emphasis
    return max(marks, key=lambda c: _STRENGTH[c])


def _tidy(text: str, lang: str) -> str:
    text = re.sub(r"[ \t]+(?=[，,、；;：:。.！!？?])", "", text)
    text = _RUN.sub(_strongest, text)
    if lang == "zh":  # Chinese marks after Chinese words, and no spaces after them
        text = _ASCII_AFTER_CJK.sub(lambda m: _WIDE[m.group(1) or m.group(2)], text)
        text = re.sub(r"(?<=[，、；：。！？])[ \t]+", "", text)
    else:  # English marks after English words
        text = _WIDE_AFTER_LATIN.sub(lambda m: _NARROW[m.group(1)] + (" " if m.group(2) else ""), text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = text.strip().lstrip(_MARKS + " ")
    if lang == "en":  # every sentence starts with a capital, and "I" is one
        text = re.sub(r"(^|[.?!]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
        text = re.sub(r"\bi(?=['’\s,;:!?]|$)", "I", text)
    return text


def _closed(text: str, lang: str) -> str:
    """``text`` ending a sentence, so another can follow it."""
    text = text.rstrip()
    if text and text[-1] in _CLAUSE_MARKS:
        text = text[:-1]
    return text if not text or text[-1] in _STOPS else text + _FULL_STOP[lang]


def _join(first: str, second: str, lang: str) -> str:
    if not first:
        return second
    if not second:
        return first
    return _closed(first, lang) + (" " if lang == "en" else "") + second


# ----------------------------------------------------------------------------- the lines


def _is_word_swap(phrase: str) -> bool:
    return len(phrase) <= WORD_SWAP_CHARS or (
        phrase.isascii() and len(phrase.split()) <= 3 and not any(c in _BREAKS for c in phrase)
    )


@lru_cache(maxsize=4096)
def _does(rules: Rulebook, scenario: str, text: str) -> frozenset[str]:
    """What ``text`` does that calms: its positive behaviours and the needs it meets."""
    hits, needs = rules.matcher(scenario).scan(normalise(text))
    return frozenset(
        [h.counts_as for h in hits if h.counts_as and rules.rules[h.counts_as].polarity == "positive"]
        + ["need:" + n.need for n in needs]
    )


@lru_cache(maxsize=1024)
def _speaks_to_feelings(rules: Rulebook, text: str) -> bool:
    """The text's first calming move is one of §2's emotion steps."""
    hits, _ = rules.bare_matcher.scan(normalise(text))
    moves = [h.counts_as for h in sorted(hits, key=lambda h: h.start)
             if h.counts_as and rules.rules[h.counts_as].polarity == "positive"]
    return bool(moves) and rules.rules[moves[0] or ""].group == "emotion"


@lru_cache(maxsize=1024)
def _acts(rules: Rulebook, text: str) -> bool:
    """The text makes a problem move (§3: an action, a time, a question about the facts)."""
    hits, _ = rules.bare_matcher.scan(normalise(text))
    return any(h.counts_as and rules.rules[h.counts_as].polarity == "positive"
               and rules.rules[h.counts_as].group == "problem" for h in hits)


@lru_cache(maxsize=64)
def fix_lines(rules: Rulebook, rule_id: str, lang: str) -> tuple[str, ...]:
    """Whole lines that can replace a clause holding a negative behaviour, closed as sentences."""
    return _unique(_sentence(x, lang) for x in fix_phrases(rules, rule_id, lang) if not _is_word_swap(x))


@lru_cache(maxsize=64)
def word_swaps(rules: Rulebook, rule_id: str, lang: str) -> tuple[str, ...]:
    """Words that can replace a negative behaviour's word inside its clause (同时 for 但是)."""
    return tuple(x for x in fix_phrases(rules, rule_id, lang) if _is_word_swap(x))


@lru_cache(maxsize=64)
def line_pool(rules: Rulebook, scenario: str, persona: str, lang: str) -> tuple[str, ...]:
    """Model lines for this pairing, in a fixed order, each a whole calming sentence.

    Quoted examples in the persona's hints come first (its strategy), then the
    ``example`` and ``better`` lines of every behaviour whose lines stand alone
    (``stands_alone``). A quote that is no sentence of its own (a word, an English
    fragment starting in lower case) or that calms nothing (what a hint says *not*
    to say, such as 冷静) is left out.
    """
    content = rules.content
    lines: list[str] = []
    for hint in getattr(content.persona(persona).hints, lang):
        lines += quoted_examples(hint)
    lines += need_lines(rules, scenario, lang)
    for b in content.lexicon.behaviours:
        if not b.stands_alone:  # it answers something the customer said: not for any reply
            continue
        if b.example is not None:
            lines.append(getattr(b.example, lang))
        if b.better is not None:
            lines += _advice_examples(rules, getattr(b.better, lang))
    return _unique(
        _sentence(x, lang) for x in lines
        if _is_line(rules, x) and not _is_word_swap(x) and (lang != "en" or x[:1].isupper())
        and _does(rules, scenario, x) and _on_line_of_action(rules, scenario, x)
    )


# Moves that rest on what an earlier turn found or agreed ("查到了，是因为…", "总结一下…",
# "我理解得对吗"): out of place in a reply that has not found or agreed it yet.
_LOOKS_BACK = frozenset({"explain_reason", "summarise", "check_understanding"})


# A third person named by a pronoun only ("并安排他重新参加培训", "he will get training"):
# lifted out of its exemplar reply, the sentence no longer says who.
_REFERS_BACK = re.compile(r"(?<!其)[他她]|\b(?:he|him|his|she|her)\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def need_lines(rules: Rulebook, scenario: str, lang: str) -> tuple[str, ...]:
    """Sentences of the scenario's good exemplar replies that meet one of its needs.

    They carry the scenario's own line of action (§7: "someone is on the way" or a firm
    slot tomorrow for an engineer who never came), where a lexicon line is generic.
    """
    out = []
    for reply in whole_replies(rules, scenario, lang):
        clauses = _clauses(reply)
        for sent in _sentences(clauses):
            text = reply[clauses[sent[0]].start:clauses[sent[-1]].stop].strip()
            if any(m.startswith("need:") for m in _moves(rules, scenario, text)) and _stands_alone(rules, scenario, text):
                out.append(text)
    return tuple(out)


def _stands_alone(rules: Rulebook, scenario: str, text: str) -> bool:
    """Exemplar text that reads without the turns before it: nothing found, agreed or
    named earlier (查到了…, 总结一下…, 我理解得对吗, a bare 他 / "he")."""
    return not _moves(rules, scenario, text) & _LOOKS_BACK and not _REFERS_BACK.search(text)


@lru_cache(maxsize=256)
def _fitting_fix_lines(rules: Rulebook, scenario: str, rule_id: str, lang: str) -> tuple[str, ...]:
    """A negative behaviour's fix lines, each off the scenario's line of action swapped for
    the scenario's own lines making the same problem move (a slot for a call-back)."""
    out: list[str] = []
    for line in fix_lines(rules, rule_id, lang):
        if _on_line_of_action(rules, scenario, line):
            out.append(line)
            continue
        problem = {m for m in _moves(rules, scenario, line) if not m.startswith("need:")
                   and rules.rules[m].group == "problem"}
        out += [_sentence(x, lang) for x in need_lines(rules, scenario, lang)
                if problem & _moves(rules, scenario, x)]
    return _unique(out)


def _on_line_of_action(rules: Rulebook, scenario: str, line: str) -> bool:
    """A line meets one of the scenario's needs, or makes no problem move a need owns.

    §2's emotion steps fit every complaint; how to handle the problem is the scenario's
    (§3, §7): where a need is met by a time commitment (an engineer on the way), a generic
    "I'll call you back by 3 pm" makes that move off the line of action.
    """
    needs = rules.content.scenario(scenario).needs
    moves = _moves(rules, scenario, line)
    if not needs or any(m.startswith("need:") for m in moves):
        return True
    owned = {b for n in needs for b in n.behaviours if rules.rules[b].group == "problem"}
    return not moves & owned


@lru_cache(maxsize=4096)
def _moves(rules: Rulebook, scenario: str, line: str) -> frozenset[str]:
    """What ``line`` does as a first reply, derived moves (a time commitment) included."""

    persona = next(iter(rules.content.personas))
    turn = step(start(rules, scenario, persona), line)
    return frozenset(
        [h.counts_as for h in turn.hits if h.counts_as and rules.rules[h.counts_as].polarity == "positive"]
        + ["need:" + n.need for n in turn.needs]
    )


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
        key = _key(line)
        if key not in seen:
            seen.add(key)
            out.append(line)
    return tuple(out)


def _trim(rules: Rulebook, scenario: str, line: str, said: frozenset[str], lang: str, *, continues: bool) -> str:
    """``line`` without its leading clauses that only repeat what is already said.

    "非常抱歉，我现在就帮您处理。" after an apology keeps "我现在就帮您处理。". An English
    line is cut at a comma only where the rest still starts a sentence, or where it
    continues one (``continues``: it follows a kept clause after a comma).
    """
    pieces = _clauses(line)
    k = 0
    while k < len(pieces) - 1:
        p = pieces[k]
        does = _does(rules, scenario, line[p.start:p.end])
        if not does or not does <= said:
            break
        rest = line[pieces[k + 1].start:]
        if not (p.last or continues or lang != "en" or rest[:1].isupper()):
            break
        k += 1
    return line[pieces[k].start:] if pieces else line


# ----------------------------------------------------------------------------- repair


def _overlaps(c: _Clause, start: int, end: int) -> bool:
    return start < c.stop and end > c.start


def _swapped(text: str, start: int, end: int, swaps: Sequence[tuple[Hit, str]]) -> str:
    """``text[start:end]`` with each swapped word replaced, keeping its capital."""
    out = text[start:end]
    for h, word in sorted(swaps, key=lambda x: x[0].start, reverse=True):
        if start <= h.start and h.end <= end:
            new = _upper_first(word) if text[h.start:h.start + 1].isupper() else word
            out = out[:h.start - start] + new + out[h.end - start:]
    return out


class _Unit(NamedTuple):
    """A piece of a rebuilt sentence: a kept clause of the trainee's, or a whole line."""

    line: bool  # a line from the lexicon (else the trainee's own clause)
    words: str
    joiner: str = ""  # for a kept clause: the mark that followed it


class _Plan(NamedTuple):
    """What repair does to each clause of a reply."""

    rewrite: list[list[str]]  # per clause: the negative rules whose lines replace it
    kept: list[bool]  # per clause: it stays as typed
    swaps: list[tuple[Hit, str]]  # words swapped in place (同时 for 但是)
    said: frozenset[str]  # what the kept clauses already do


def _plan(rules: Rulebook, turn: Turn, lang: str, clauses: list[_Clause], script: str | None) -> _Plan:
    rb = rules.rules
    negative = sorted(
        (h for h in turn.hits if h.counts_as and rb[h.counts_as].polarity == "negative"), key=lambda h: h.start
    )
    calming = [
        (h.start, h.end, h.counts_as or "") for h in turn.hits
        if h.counts_as and not h.derived and rb[h.counts_as].polarity == "positive"
    ] + [(n.start, n.end, "need:" + n.need) for n in turn.needs]
    rewrite: list[list[str]] = []
    swaps: list[tuple[Hit, str]] = []
    calms: list[bool] = []
    for c in clauses:
        here = any(_overlaps(c, s, e) for s, e, _ in calming)
        rids: list[str] = []
        for h in negative:
            if not _overlaps(c, h.start, h.end) or (h.derived and here):
                continue  # an apology with nothing behind it is fixed by adding, not by cutting it
            rid = h.counts_as or ""
            words = word_swaps(rules, rid, lang)
            if words and (here or not fix_lines(rules, rid, lang)):
                swaps.append((h, _written(words[0], script)))
            else:
                rids.append(rid)
        rewrite.append(rids)
        calms.append(here)
    # In a sentence with a clause to rewrite, only the clauses that calm stay.
    kept = [
        not rewrite[i] and (calms[i] or not any(rewrite[j] for j in sent))
        for sent in _sentences(clauses) for i in sent
    ]
    said = frozenset(r for s, e, r in calming if any(k and _overlaps(c, s, e) for c, k in zip(clauses, kept, strict=True)))
    return _Plan(rewrite, kept, swaps, said)


def repair(rules: Rulebook, turn: Turn, lang: str, *, written_as: str = "") -> tuple[str, tuple[str, ...]]:
    """The reply with every sentence holding a negative phrase rewritten from the lexicon.

    In such a sentence the clauses that calm stay, the offending ones give way to the
    behaviour's ``example`` (or ``better``) line, the rest is cut: what is left of a
    clause around a cut seldom reads. A line that would only repeat what the reply
    already does is left out. Returns the repaired text and the rules it dealt with.
    Added lines are written in the script of ``written_as`` (default: the reply's own).
    """
    text = turn.text
    scenario = turn.state.scenario
    script = _script(written_as or text, lang)
    clauses = _clauses(text)
    plan = _plan(rules, turn, lang, clauses, script)
    said = plan.said
    seen = " ".join(text[c.start:c.end] for c, k in zip(clauses, plan.kept, strict=True) if k)
    fixed: list[str] = [h.counts_as or "" for h, _ in plan.swaps]
    sentences = _sentences(clauses)
    built: list[tuple[list[_Unit], str, str] | str] = []  # (units, end, gap), or a sentence as typed
    for n, sent in enumerate(sentences):
        first, last = clauses[sent[0]], clauses[sent[-1]]
        run = text[last.end:last.stop]
        gap = run[len(run.rstrip()):] or (" " if lang == "en" and n < len(sentences) - 1 else "")
        if not any(plan.rewrite[i] for i in sent):
            built.append(_swapped(text, first.start, last.end, plan.swaps) + run.rstrip() + gap)
            continue
        units: list[_Unit] = []
        i = 0
        while i < len(sent):
            c = clauses[sent[i]]
            if plan.kept[sent[i]]:
                mark = text[c.end:c.stop].strip()
                words = _swapped(text, c.start, c.end, plan.swaps)
                units.append(_Unit(False, words, _JOINER[lang].get(mark, mark) or _COMMA[lang]))
                i += 1
                continue
            group: list[str] = []  # the rules of a run of clauses to rewrite
            while i < len(sent) and not plan.kept[sent[i]]:
                group += plan.rewrite[sent[i]]
                i += 1
            for rid in dict.fromkeys(group):
                fixed.append(rid)
                continues = bool(units) and not units[-1].line
                for line in _fitting_fix_lines(rules, scenario, rid, lang):
                    line = _written(line, script)
                    if _key(line) in _key(seen):
                        continue
                    line = _unechoed(_trim(rules, scenario, line, said, lang, continues=continues), seen, lang)
                    if not line:
                        continue  # every clause of it is said already
                    does = _does(rules, scenario, line)
                    if does and does <= said:
                        continue  # says nothing new
                    units.append(_Unit(True, line))
                    said |= does
                    seen += " " + line
                    break
        built.append((_feelings_first(rules, units), run.strip(), gap))
    redundant = _outdone(rules, scenario, [u.words for b in built if not isinstance(b, str) for u in b[0] if u.line])
    parts = []
    after_rewrite = False
    for b in built:
        if isinstance(b, str):
            # "I can't refund that. But I can ask my manager…": once the first sentence is
            # rewritten into a kind one, a "But" opening the next would reverse it (§5).
            parts.append(_drop_leading_but(rules, b, lang) if after_rewrite else b)
            after_rewrite = False
        elif units := [u for u in b[0] if not (u.line and u.words in redundant)]:
            parts.append(_render(units, b[1], lang) + b[2])
            after_rewrite = any(u.line for u in units)
    text = "".join(parts)
    if "shouting" in {s.kind for s in turn.signals}:
        text = re.sub(r"[!！]+", _FULL_STOP[lang], text)
        letters = [c for c in text if c.isascii() and c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.5:
            text = re.sub(r"(^|[.?!]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.lower())
            text = re.sub(r"\bi\b", "I", text)
        fixed.append("shouting")
    return _tidy(text, lang), tuple(dict.fromkeys(fixed))


# A clause of a line that shares this much with what is already said repeats it in other
# words (我来帮您处理 … 我现在就帮您处理): four Chinese characters are a phrase; twelve
# letters (spaces and marks aside) are two or three English words.
ECHO_CHARS = {"zh": 4, "en": 12}


# English words that carry no content of their own: two lines sharing only these do not
# say the same thing; two sharing a pair of the others do ("sort … out" in "I'll sort it
# out for you" and "Let me sort this out for you now").
_FUNCTION_WORDS = frozenset(
    ["i", "i'll", "i'm", "i've", "i'd", "me", "my", "we", "we'll", "we're", "us", "our", "you", "you're", "your", "it", "it's", "this", "that", "these", "those", "the", "a", "an", "to", "for", "of", "on", "in", "at", "by", "with", "and", "or", "so", "if", "as", "is", "are", "was", "be", "been", "will", "would", "shall", "can", "could", "do", "does", "did", "let", "let's", "now", "right", "away", "just", "all", "very", "really", "please", "there", "here", "what", "how"]
)


def _content_pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.casefold().replace("’", "'"))
             if w not in _FUNCTION_WORDS]
    return set(zip(words, words[1:], strict=False))


def _unechoed(line: str, seen: str, lang: str) -> str:
    """``line`` without its sentences that repeat what is said (``seen``, as written).

    A clause echoes when it shares a run of ``ECHO_CHARS`` with ``seen``, or in English
    a pair of content words (a paraphrase: "sort it out" / "sort this out"). A sentence
    with an echoing clause goes whole: what is left of it ("因为特殊处理需要主管批准。",
    "What I can do is ask for one right away.") seldom reads on its own.
    """
    n = ECHO_CHARS[lang]
    key = _key(seen)
    pairs = _content_pairs(seen) if lang == "en" else set()

    def echoes(words: str) -> bool:
        k = _key(words)
        return any(k[i:i + n] in key for i in range(len(k) - n + 1)) or bool(pairs & _content_pairs(words))

    pieces = _clauses(line)
    sentences = _sentences(pieces)
    keep = [sent for sent in sentences if not any(echoes(line[pieces[i].start:pieces[i].end]) for i in sent)]
    if len(keep) == len(sentences):
        return line
    out = []
    for sent in keep:
        a, b = pieces[sent[0]], pieces[sent[-1]]
        out.append(line[a.start:b.stop].strip())
    return (" " if lang == "en" else "").join(out)


def _drop_leading_but(rules: Rulebook, sentence: str, lang: str) -> str:
    """The sentence without a 但是 / "But" it opens with (the lexicon's but-words)."""
    lead = len(sentence) - len(sentence.lstrip())
    hits, _ = rules.bare_matcher.scan(normalise(sentence))
    for h in hits:
        if h.start == lead and h.behaviour in rules.but_discounts:
            rest = sentence[h.end:].lstrip(" ,，、")
            if not rest.strip(_MARKS + " \t\n"):
                return ""  # the sentence was the but-word alone (不过？): nothing is left to say
            return sentence[:lead] + (_upper_first(rest) if lang == "en" else rest)
    return sentence


def _outdone(rules: Rulebook, scenario: str, lines: list[str]) -> set[str]:
    """Lines whose every move a later, fuller line makes too: they give way to it.

    "I'll call you back by 3 pm today." before "I'll contact the technical team and
    call you back by 3 pm today." says nothing the second does not.
    """
    does = [_does(rules, scenario, x) for x in lines]
    return {x for i, x in enumerate(lines) if does[i] and any(does[i] <= d for d in does[i + 1:])}


def _feelings_first(rules: Rulebook, units: list[_Unit]) -> list[_Unit]:
    """The sentence's units with a line that speaks to the feelings moved before kept
    clauses that act on the problem ("我马上帮您处理，我理解您的心情，同时…" read as acting
    first and empathising after: §2 先处理情感，后处理事件)."""
    for k, u in enumerate(units):
        if u.line:
            if any(_acts(rules, x.words) for x in units[:k]) and _speaks_to_feelings(rules, u.words):
                return [u, *units[:k], *units[k + 1:]]
            return units
    return units


def _render(units: Sequence[_Unit], end: str, lang: str) -> str:
    """One sentence from kept clauses and whole lines, joined the way the language joins them."""
    out = ""
    for n, u in enumerate(units):
        if n == 0:
            out = u.words
        elif not units[n - 1].line:  # after a kept clause: its comma, and the sentence goes on
            out += units[n - 1].joiner + (_lower_first(u.words) if u.line and lang == "en" else u.words)
        else:  # after a whole line: a new sentence
            out += (" " + _upper_first(u.words)) if lang == "en" else u.words
    if not units[-1].line:
        out += end
    return out


# ----------------------------------------------------------------------------- alternatives


def _after(rules: Rulebook, scenario: str, line: str, base: str, said: frozenset[str], lang: str) -> str:
    """What of a model line is worth saying after ``base``: all of it, its new part, or nothing.

    A line that makes a move the reply already makes is left out, unless it meets one of
    the scenario's needs the reply does not: "明天上午我安排工程师上门，免费更换…" after
    "我现在就帮您处理" is the scenario's own action (§7), not a repeat of it.
    """
    if _key(line) in _key(base):
        return ""
    line = _unechoed(_trim(rules, scenario, line, said, lang, continues=False), base, lang)
    does = _does(rules, scenario, line)
    new_need = any(m.startswith("need:") for m in does - said)
    return line if does and (new_need or not does & said) else ""


# An opener is a first clause this short that calms nothing ("Hello", "您好", "各位业主"):
# a line put before the reply goes after it. Two words / four characters hold a
# greeting or a form of address and nothing else.
OPENER_WORDS = 2
OPENER_CHARS = 4


def _short(words: str, lang: str) -> bool:
    """The clause is short enough to hold a greeting or a form of address and nothing else."""
    return len(words.split()) <= OPENER_WORDS if lang == "en" else len(words) <= OPENER_CHARS


def _before(rules: Rulebook, scenario: str, line: str, base: str, lang: str) -> str:
    """``line`` put before ``base``, after its opener if it has one."""
    clauses = _clauses(base)
    c = clauses[0]
    words = base[c.start:c.end]
    if len(clauses) == 1 or not _short(words, lang) or _does(rules, scenario, words):
        return _join(line, base, lang)
    rest = base[c.stop:].strip()
    mark = base[c.end:c.stop].strip()
    if any(ch in _STOPS for ch in mark):
        return _join(base[:c.stop].strip(), _join(line, rest, lang), lang)
    line = _lower_first(line) if lang == "en" else line
    return _join(words + (_JOINER[lang].get(mark, mark) or _COMMA[lang]) + line, _upper_first(rest), lang)


# Negative behaviours whose lines say the request needs someone's approval (§3: when you
# cannot grant it, say why and when you will answer). A reply that grants it, or acts on it
# "right away", in another sentence contradicts them.
_DEFERS = ("refusal", "hide_behind_policy")
# Negative behaviours whose lines own the problem only conditionally ("If this is on our
# side, I'll see it through"): beside an unconditional admission they hedge it (§5: admit
# a mistake at once).
_HEDGES = ("deny_responsibility",)


@lru_cache(maxsize=256)
def _line_keys(rules: Rulebook, rule_ids: tuple[str, ...], lang: str, script: str | None) -> tuple[str, ...]:
    return tuple(_key(_written(x, script)) for r in rule_ids for x in fix_lines(rules, r, lang))


@lru_cache(maxsize=64)
def _joined_lines(rules: Rulebook, lang: str, script: str | None) -> tuple[str, ...]:
    """Folded keys of the lexicon's and the personas' lines that hold more than one sentence."""
    lines: list[str] = []
    for b in rules.content.lexicon.behaviours:
        lines += [getattr(b.example, lang)] if b.example is not None else []
        lines += quoted_examples(getattr(b.better, lang)) if b.better is not None else []
    for p in rules.content.personas.values():
        lines += [q for h in getattr(p.hints, lang) for q in quoted_examples(h)]
    return tuple(_key(_written(x, script)) for x in _unique(lines) if len(_sentences(_clauses(x))) > 1)


class _Sentence(NamedTuple):
    text: str
    moves: frozenset[str]
    added: bool  # not typed by the trainee: coaching may leave it out


@lru_cache(maxsize=4096)
def _coherent(rules: Rulebook, scenario: str, text: str, typed: str, lang: str, script: str | None) -> str:
    """``text`` as one message in the order §2–§3 give: introduction, feelings, the rest.

    Pieces joined from different lines can say things no agent would say together; an
    added sentence that does so goes (the trainee's own sentences always stay):
    - approval still needed (``_DEFERS``) next to a sentence that grants the need or acts
      on it now, or a second request for approval;
    - a second deadline where one sentence already gives the scenario's own (§7: the line
      back "within ten minutes" makes "I'll call you back by 3 pm" a second, vaguer answer);
    - "let me see what I can do" once another sentence commits to a time or meets a need
      (only that clause goes: "抱歉，让我看看我能为您做什么，我马上帮您查。" keeps "抱歉，我马上帮您查。");
    - an owning line that is only conditional (``_HEDGES``) next to one that owns outright;
    - a sentence whose every move another sentence makes too.
    """
    clauses = _clauses(text)
    found = _sentences(clauses)
    if len(found) < 2:
        return text
    typed_key = _key(typed)
    joined = _joined_lines(rules, lang, script)
    pieces: list[str] = []
    for sent in found:
        words = text[clauses[sent[0]].start:clauses[sent[-1]].stop].strip()
        # A line of two sentences ("请问当时是怎么操作的？我们一起看看问题出在哪里。") is one move:
        # its sentences stay together.
        if pieces and any(_key(pieces[-1]) + _key(words) in k for k in joined):
            pieces[-1] = _join(pieces[-1], words, lang)
        else:
            pieces.append(words)
    if len(pieces) < 2:
        return text
    sents = [_Sentence(w, _moves(rules, scenario, w), _key(w) not in typed_key) for w in pieces]
    rb = rules.rules

    def feels(s: _Sentence) -> bool:
        return any(not m.startswith("need:") and rb[m].group == "emotion" for m in s.moves)

    def meets(s: _Sentence) -> bool:
        return any(m.startswith("need:") for m in s.moves)

    def grants(s: _Sentence) -> bool:  # meets a need with an action, or acts now
        acts = {m for m in s.moves if not m.startswith("need:") and rb[m].group == "problem"}
        return "concrete_action" in acts or (meets(s) and bool(acts - {"follow_up", "time_commitment"}))

    def one_of(s: _Sentence, rule_ids: tuple[str, ...]) -> bool:
        k = _key(s.text)
        return bool(k) and any(k in d or d in k for d in _line_keys(rules, rule_ids, lang, script))

    drop: set[int] = set()

    def cut(i: int, rule_ids: tuple[str, ...]) -> None:
        """Leave out the line of ``rule_ids`` in added sentence ``i``, keeping the rest of it
        ("Sorry, because an exception needs…" keeps "Sorry.")."""
        s = sents[i]
        if not s.added:
            return
        keys = _line_keys(rules, rule_ids, lang, script)
        rest = _without_clauses(s.text, lambda w: any(_key(w) in k for k in keys), lang)
        if rest:
            sents[i] = s._replace(text=rest, moves=_moves(rules, scenario, rest))
        else:
            drop.add(i)

    hedged = [i for i, s in enumerate(sents) if one_of(s, _HEDGES)]
    if any("ownership" in s.moves for i, s in enumerate(sents) if i not in hedged):
        for i in hedged:
            cut(i, _HEDGES)
    deferred = [i for i, s in enumerate(sents) if one_of(s, _DEFERS)]
    if deferred and any(grants(s) for i, s in enumerate(sents) if i not in deferred):
        for i in deferred:
            cut(i, _DEFERS)
    for i in deferred[1:]:
        cut(i, _DEFERS)
    timed = [i for i, s in enumerate(sents) if "time_commitment" in s.moves and i not in drop]
    if len(timed) > 1:
        own = [i for i in timed if meets(sents[i])]
        keep = own or timed[:1]
        for i in timed:
            if i in keep or not sents[i].added:
                continue
            # Only the deadline goes: "不好意思，我今天下午三点前给您回电。" keeps "不好意思。"
            rest = _without_clauses(sents[i].text, lambda w: _only_deadline(rules, scenario, w), lang)
            if not rest:
                drop.add(i)
            elif rest != sents[i].text:
                sents[i] = sents[i]._replace(text=rest, moves=_moves(rules, scenario, rest))
    firm = any("time_commitment" in s.moves or grants(s) and meets(s) for i, s in enumerate(sents) if i not in drop)
    if firm:
        for i, s in enumerate(sents):
            if s.added and i not in drop and "can_do" in s.moves and "time_commitment" not in s.moves:
                words = _without_can_do(rules, scenario, s.text, lang)
                if not words:
                    drop.add(i)
                elif words != s.text:
                    sents[i] = s._replace(text=words, moves=_moves(rules, scenario, words))
    for i in range(len(sents) - 1, -1, -1):
        s = sents[i]
        others = frozenset().union(*(t.moves for j, t in enumerate(sents) if j != i and j not in drop))
        if s.added and i not in drop and s.moves and s.moves <= others:
            drop.add(i)
    # The trainee's generic action ("我马上帮您处理") beside the scenario's own line making
    # the same moves and meeting a need ("我马上为您补录入账并复机…") says it twice, vaguer first.
    for i, s in enumerate(sents):
        if (not s.added and s.moves and not feels(s) and not meets(s) and not (i == 0 and _opener(rules, scenario, s.text, lang))
                and any(j not in drop and t.added and meets(t) and s.moves <= t.moves
                        for j, t in enumerate(sents) if j != i)):
            drop.add(i)
    kept = [s for i, s in enumerate(sents) if i not in drop] or sents
    return _ordered(rules, scenario, kept, lang)


def _only_deadline(rules: Rulebook, scenario: str, words: str) -> bool:
    """The words promise a time or a call-back and nothing else (no need of the scenario)."""
    moves = _moves(rules, scenario, words)
    return bool(moves) and moves <= {"time_commitment", "follow_up"}


def _without_can_do(rules: Rulebook, scenario: str, sentence: str, lang: str) -> str:
    """``sentence`` without its clauses that only say "let me see what I can do"."""
    return _without_clauses(sentence, lambda w: _moves(rules, scenario, w) == {"can_do"}, lang)


def _without_clauses(sentence: str, goes: Callable[[str], bool], lang: str) -> str:
    """``sentence`` without the clauses whose words ``goes``, closed again as a sentence."""
    pieces = _clauses(sentence)
    keep = [c for c in pieces if not (_key(sentence[c.start:c.end]) and goes(sentence[c.start:c.end]))]
    if len(keep) == len(pieces):
        return sentence
    if not keep:
        return ""
    out = "".join(sentence[c.start:c.stop] for c in keep[:-1]) + sentence[keep[-1].start:keep[-1].end]
    out = _sentence(out, lang)
    return _upper_first(out) if lang == "en" else out


def _opener(rules: Rulebook, scenario: str, sentence: str, lang: str) -> str:
    """The greeting or form of address opening ``sentence`` ("您好", "Hello"), or ""."""
    clauses = _clauses(sentence)
    if len(clauses) < 2:
        return ""
    c = clauses[0]
    words = sentence[c.start:c.end]
    return words if _short(words, lang) and not _does(rules, scenario, words) and not _acts(rules, words) else ""


# §2.2 acknowledging the feelings: an apology or "I understand".
_FEELINGS = frozenset({"apology", "acknowledge_feelings"})
# §3.1 gathering information: a question about the facts, or a hold while checking them.
_GATHERS = frozenset({"fact_question", "hold_politely"})
# Moves that answer the problem (§3.3 give information and options): they come after the
# questions that find the facts, and a bare call-back ("I'll call you back by 3 pm") closes.
_ANSWERS = frozenset({"offer_options", "compensation", "gives_information", "follow_up", "prevention"})
_CALL_BACK = frozenset({"follow_up"})


@lru_cache(maxsize=1024)
def _gathers(rules: Rulebook, scenario: str, text: str) -> bool:
    """The sentence asks about the facts or holds the line to check them (§3.1, §7)."""
    hits, _ = rules.matcher(scenario).scan(normalise(text))
    return any(h.counts_as in _GATHERS for h in hits)


def _feelings_apart(rules: Rulebook, scenario: str, s: _Sentence, lang: str) -> list[_Sentence]:
    """``s`` as its leading clauses that only speak to the feelings and the rest, each a
    sentence; ``[s]`` when it has no such lead or nothing after it."""
    pieces = _clauses(s.text)
    k = 0
    while k < len(pieces) - 1:
        moves = {m for m in _moves(rules, scenario, s.text[pieces[k].start:pieces[k].end]) if not m.startswith("need:")}
        if not moves or any(rules.rules[m].group != "emotion" for m in moves):
            break
        k += 1
    if k == 0:
        return [s]
    head = _sentence(s.text[pieces[0].start:pieces[k - 1].end], lang)
    rest = s.text[pieces[k].start:].strip()
    rest = _upper_first(rest) if lang == "en" else rest
    if _acts(rules, head) or not _acts(rules, rest):
        return [s]
    return [s._replace(text=head, moves=_moves(rules, scenario, head)),
            s._replace(text=rest, moves=_moves(rules, scenario, rest))]


def _is_token(s: _Sentence, lang: str) -> bool:
    """A sentence of one short clause and no question: a greeting or an acknowledgement."""
    pieces = _clauses(s.text)
    if len(pieces) != 1 or s.text.rstrip()[-1:] in "?？":
        return False
    return _short(s.text[pieces[0].start:pieces[0].end], lang)


def _ordered(rules: Rulebook, scenario: str, sents: list[_Sentence], lang: str) -> str:
    """The sentences in the order of §2–§4: the introduction, the feelings (先处理情感，后处理
    事件), the questions that find the facts (§3.1), the action and options (§3.3), a bare
    call-back last; each group as it came, and an opening greeting stays first."""
    rb = rules.rules

    ranks: dict[str, float] = {}

    def rank(s: _Sentence) -> float:
        if s.text not in ranks:
            ranks[s.text] = _rank(s)
        return ranks[s.text]

    def _rank(s: _Sentence) -> float:
        moves = {m for m in s.moves if not m.startswith("need:")}
        if not s.moves and _is_token(s, lang):
            return 0  # "您好。", "Hello.", and the trainee's bare "好的。" / "Noted.", which read
            # as a brush-off after a commitment and as an acknowledgement before one
        if "introduce_self" in moves and "time_commitment" not in s.moves:
            return 0
        if moves and all(rb[m].group == "emotion" for m in moves):
            # §2.2 (sorry, I understand) before §2.3's "I'll see it through" on its own
            return 1 if moves & _FEELINGS else 1.5
        if _speaks_to_feelings(rules, s.text):
            return 2
        if moves & _ANSWERS or "time_commitment" in s.moves:
            return 5 if moves - {"time_commitment"} <= _CALL_BACK and not any(m.startswith("need:") for m in s.moves) else 4
        return 3 if _gathers(rules, scenario, s.text) else 4

    # "不好意思，我能为您做的是：…？请问您的报修单号是多少？": the apology stays first, the
    # options wait for the question (§3.1 before §3.3), as a bare call-back waits for the action.
    split: list[_Sentence] = []
    for i, s in enumerate(sents):
        parts = _feelings_apart(rules, scenario, s, lang) if s.added and rank(s) == 2 else [s]
        if len(parts) > 1 and not any(rank(parts[0]) < rank(t) < rank(parts[-1]) for t in sents[i + 1:]):
            parts = [s]
        split += parts
    if len(split) > len(sents):
        return _ordered(rules, scenario, split, lang)
    order = sorted(sents, key=rank)
    first = sents[0].text
    head = ""
    if order[0] is not sents[0] and (words := _opener(rules, scenario, first, lang)):
        c = _clauses(first)[0]
        mark = first[c.end:c.stop].strip()
        rest = first[c.stop:].strip()
        order = [s if s is not sents[0] else s._replace(text=_upper_first(rest) if lang == "en" else rest)
                 for s in order]
        head = words + (_JOINER[lang].get(mark, mark) or _COMMA[lang])
    out = ""
    for s in order:
        out = _join(out, s.text, lang)
    if head:
        out = head + (_lower_first(out) if lang == "en" else out)
    return out


def candidates(
    rules: Rulebook, turn: Turn, lang: str, scenario: str, persona: str, *, written_as: str = ""
) -> list[str]:
    """Alternative replies for one turn, the trainee's repaired words first.

    A model line that speaks to the feelings goes before the repaired reply when the
    reply does not already open with feelings (§2: feelings first) and the line
    repeats nothing of it; any model line goes after it when it adds something the
    reply does not already do. Lines before come first, so of two alternatives that
    calm alike and are as long, the feelings-first one wins.
    """
    base, _ = repair(rules, turn, lang, written_as=written_as)
    script = _script(written_as or turn.text, lang)
    pool = tuple(_written(line, script) for line in line_pool(rules, scenario, persona, lang))
    out = [base] if base else []
    if base:
        said = _does(rules, scenario, base)
        if not _speaks_to_feelings(rules, base):
            out += [
                _before(rules, scenario, line, base, lang) for line in pool
                if "?" not in line and "？" not in line and _speaks_to_feelings(rules, line)
                and not _does(rules, scenario, line) & said and _unechoed(line, base, lang) == line
            ]
        out += [_join(base, extra, lang) for line in pool if (extra := _after(rules, scenario, line, base, said, lang))]
    kinds = {s.kind for s in turn.signals}
    # When the reply's very shape was the trouble (too short, a copy, a wall of text)
    # or nothing of it survives, a model line alone is the fairer alternative.
    if not base or kinds & {"too_short", "repeated", "wall_of_text"}:
        out += list(pool) + [_written(r, script) for r in whole_replies(rules, scenario, lang)
                             if _stands_alone(rules, scenario, r)]
    seen: set[str] = set()
    unique = []
    for c in (_coherent(rules, scenario, x, turn.text, lang, script) for x in out if x):
        if c and c != turn.text and c not in seen and len(c) <= MAX_REPLY_CHARS:
            seen.add(c)
            unique.append(c)
    return unique


def best_alternative(
    rules: Rulebook, before: SessionState, turn: Turn, lang: str, *, written_as: str = ""
) -> tuple[str, Turn] | None:
    """The candidate that leaves the customer least angry, with the turn it makes.

    Of candidates that calm alike (anger bottoms out at zero), the one meeting more of the
    scenario's still-open needs wins over a shorter one: a turn that could have met a need
    (§1: what every complainant needs) should be shown doing so.
    """
    best: tuple[tuple[float, int, int, int], str, Turn] | None = None
    for text in candidates(rules, turn, lang, before.scenario, before.persona, written_as=written_as):
        cf = step(before, text)
        if any(h.counts_as and rules.rules[h.counts_as].polarity == "negative" for h in cf.hits):
            continue  # it does what the report coaches against (an apology with nothing behind it)
        met = len(cf.state.needs_met - before.needs_met)
        key = (cf.anger_after, _OUTCOME_RANK[cf.outcome.value if cf.outcome else None], -met, len(text))
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
    # "好的。" is written alike in both scripts: the lines added to it follow the script
    # the trainee types in elsewhere in the session, not Simplified by default.
    session = "".join(t.text for t in turns)
    found: list[Improvement] = []
    for i in order[:CANDIDATE_TURNS]:
        turn = turns[i]
        alt = best_alternative(rules, befores[i], turn, lang, written_as=_script_source(turn.text, session, lang))
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
