"""The session step: one reply in, one immutable turn out.

The rule, in one line: every behaviour, signal and newly met need moves anger by
its persona weight × the scenario's stance and nature multipliers, calming moves
shrinking on repeats, before any feelings are handled and before a 但是; a reply
with a jab at the customer (§5) calms nobody; then the customer ends the session if
a threshold is crossed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import NamedTuple

from simulator.content.models import Citation
from simulator.engine import replies
from simulator.engine.rulebook import Pairing, Rulebook
from simulator.engine.state import Change, Outcome, SessionState, Turn
from simulator.errors import InputError
from simulator.text.matcher import CLAUSE_BREAKS, Hit, NeedHit, clause_end, clause_start
from simulator.text.normalise import NormText, fold_phrase, normalise
from simulator.text.signals import Signal, find_time, read_signals, reply_key

ANGER_MIN, ANGER_MAX = 0.0, 100.0
# Drift is the customer's patience wearing thin when nothing in a reply helped:
# §1 "what every complainant needs: fast, simple handling". Extra turns cost the same.
FAST_HANDLING = Citation("§1 fast, simple handling", "§1 快速、简便的处理")
# Longest reply accepted, in characters: far beyond any real chat message, small
# enough that one pasted file cannot stall the game or a batch.
MAX_REPLY_CHARS = 5000
# Hits take effect in the order they were typed; a derived hit after the one it came from.
_READING_ORDER = attrgetter("start", "derived")
# What ends a clause for suppression by another behaviour: the matcher's breaks, plus the
# full-width forms folding turns into them (hits point into the text as typed).
_CLAUSE_BREAKS = CLAUSE_BREAKS | frozenset("，！？；：")


def start(rules: Rulebook, scenario: str, persona: str, *, seed: int = 0, lang: str = "zh") -> SessionState:
    """A new session: the persona's starting anger, adjusted for the scenario's severity."""
    if lang not in ("zh", "en"):
        raise InputError(f"unknown language {lang!r}; use zh or en")
    pair = rules.pairing(scenario, persona)
    return SessionState(
        rules=rules,
        scenario=scenario,
        persona=persona,
        lang=lang,
        seed=int(seed),
        anger=pair.initial_anger,
        patience=pair.patience,
    )


def opening(state: SessionState) -> str:
    """The customer's first words, chosen with the session's seed."""
    pair = state.rules.pairing(state.scenario, state.persona)
    return replies.choose(getattr(pair.scenario.opening, state.lang), state.seed, 0)


def step(state: SessionState, text: object, *, with_reply: bool = True) -> Turn:
    """Judge one trainee reply and return the turn it makes.

    ``text`` is typed ``object`` because anything a caller passes is checked here and
    refused with an :class:`InputError`; a ``str`` annotation would let the compiled
    build (mypyc) refuse it first with a bare ``TypeError``.
    """
    if state.over:
        raise InputError(f"the session is over ({state.outcome}); start a new one")
    if not isinstance(text, str):
        raise InputError(f"a reply must be text, got {type(text).__name__}")
    if len(text) > MAX_REPLY_CHARS:
        raise InputError(f"a reply may be at most {MAX_REPLY_CHARS} characters, got {len(text)}")
    return apply_reading(state, read_reply(state.rules, state.scenario, text, state.seen), with_reply=with_reply)


class Reading(NamedTuple):
    """One reply as the rules read it, before any customer hears it.

    It depends only on the scenario, the text and the replies already given (for
    ``repeated``), not on the persona, so a batch playing one set against several
    personas reads each reply once and applies the reading to every session. A
    named tuple: one is built for every reply of a batch.
    """

    text: str
    key: str  # letters and digits only: what a repeat shares
    hits: tuple[Hit, ...]
    need_hits: tuple[NeedHit, ...]
    signals: tuple[Signal, ...]
    present: frozenset[str]  # behaviours counted and signals seen


def read_reply(rb: Rulebook, scenario: str, text: str, seen: frozenset[str] = frozenset()) -> Reading:
    """Normalise, match, read signals and settle one reply; ``seen`` holds earlier replies' keys."""
    norm = normalise(text)
    hits, need_hits = rb.matcher(scenario).scan(norm)
    key = reply_key(norm)
    signals = read_signals(norm, rb.limits, key)
    if "?" in norm.folded and rb.timed_moves:
        signals = _asked_times(rb, norm, hits, signals)
    if key and key in seen:
        signals.append(Signal("repeated", 1, 0, len(text), text))
    settled, counted = _settle(rb, hits, signals, text)
    if need_hits:
        need_hits = _unmet_by_cancelled(rb, hits, settled, need_hits)
        # The needs still met once settled show their behaviours (see ``_settle``); a need
        # phrase a hand-over cancelled (会有人给您回电) shows nothing.
        shown = rb.shown_by_needs(scenario, need_hits)
        if shown and any(bid in counted and not none_of.isdisjoint(shown) for bid, _, _, none_of, _ in rb.derived_rules):
            settled, counted = _settle(rb, hits, signals, text, shown)
            need_hits = _unmet_by_cancelled(rb, hits, settled, need_hits)
    hits = settled
    if not rb.jab_ids.isdisjoint(counted) and signals:
        # A question asked in the same breath as a rebuke (the jabs of rules/engine.yaml) is
        # rhetorical (§5 你怎么能这么做？), not fact-finding: it earns nothing. A vague promise or
        # a hand-over beside it is about the case: 请问您现在恢复了吗？ still asks.
        signals = [s for s in signals if s.kind != "asks_questions"]
    present = frozenset(counted.union([s.kind for s in signals]))
    return Reading(text, key, tuple(hits), tuple(need_hits), tuple(signals), present)


def apply_reading(state: SessionState, reading: Reading, *, with_reply: bool = True) -> Turn:
    """Move one session on by a reply already read (see :func:`read_reply`).

    The caller checks that the session is not over and that ``reading`` was read
    against this session's scenario and earlier replies; :func:`step` does both.
    """
    rb = state.rules
    pair = rb.pairing(state.scenario, state.persona)
    text, key, hits, need_hits, present = reading.text, reading.key, reading.hits, reading.need_hits, reading.present
    signals = list(reading.signals)
    turn_no = state.turn + 1
    changes, counts, emotion = _behaviour_changes(rb, pair, state, hits, signals)
    new_needs, need_changes = _needs(pair, state, need_hits, hits, present, text)
    if need_changes:
        changes += need_changes
    unmet = len(pair.scenario.needs) - len(state.needs_met) - len(new_needs)
    if turn_no >= rb.limits.needs_ignored_after and unmet and not new_needs:
        sig = Signal("needs_ignored", unmet)
        signals.append(sig)
        changes += _signal_change(rb, pair, sig, counts)
    total = sum([c.amount for c in changes])
    if total < 0 and not rb.jab_ids.isdisjoint(present):
        jab = _jab(rb, hits, total)
        changes.append(jab)
        total = 0.0  # exactly: "no calmer" must not miss the drift by a rounding error
    drift = pair.persona.drift
    if total >= 0 and drift:
        changes.append(Change("drift", "drift", drift, drift, FAST_HANDLING, "unchanged"))
        total += drift
    anger_after = round(min(ANGER_MAX, max(ANGER_MIN, state.anger + total)), 2)
    met = state.needs_met.union(new_needs) if new_needs else state.needs_met
    outcome = _outcome(pair, anger_after, met, turn_no, state.patience)
    asked = "fact_question" in present
    new_state = SessionState(
        rb,
        state.scenario,
        state.persona,
        state.lang,
        state.seed,
        anger_after,
        state.patience,
        turn_no,
        met,
        tuple(sorted(counts.items())),
        state.seen | {key} if key else state.seen,
        emotion,
        state.facts_told + (1 if asked and outcome is None else 0),
        outcome,
    )
    reply = None
    if with_reply:
        reply = replies.reply_for(pair, rb, state, anger_after, changes, outcome, asked, text)
    return Turn(
        turn_no, text, hits, need_hits, tuple(signals), tuple(changes), state.anger, anger_after,
        tuple(new_needs), outcome, reply, new_state,
    )


def play(state: SessionState, texts: Iterable[str], *, with_reply: bool = True) -> list[Turn]:
    """Play replies in order until they run out or the session ends."""
    turns: list[Turn] = []
    for text in texts:
        if state.over:
            break
        turn = step(state, text, with_reply=with_reply)
        turns.append(turn)
        state = turn.state
    return turns


def _settle(
    rb: Rulebook, hits: list[Hit], signals: list[Signal], text: str = "", shown: frozenset[str] = frozenset()
) -> tuple[list[Hit], set[str]]:
    """Drop a 但是 with nothing kind before it, apply suppression and add derived behaviours
    (time_commitment, empty_apology…).

    ``shown`` holds the behaviours of the scenario needs whose own phrases the reply uses
    (复机 for a need met by concrete_action): they bar a derived behaviour's ``none_of`` as a
    hit would, since the reply does that much (an apology beside 我已经给您复机了 is not
    empty, §1), but they start nothing and count for nothing themselves.

    Returns the hits and the behaviours they count as.
    """
    signal_kinds = {s.kind for s in signals}
    counted = _counted(hits)
    if rb.tone_ids and not counted.isdisjoint(rb.tone_ids):
        hits = _friendly_tone(rb, hits)
        counted = _counted(hits)
    if not counted.isdisjoint(rb.but_discounts):
        hits = _unfounded_buts(rb, hits)
        counted = _counted(hits)
    if not rb.suppressible_ids.isdisjoint(counted):
        hits = _cancel(rb, hits, signal_kinds, text)
        counted = _counted(hits)
    present = counted | signal_kinds
    added: list[Hit] = []
    for bid, all_of, any_of, none_of, refs in rb.derived_rules:
        if (
            all_of <= present and (not any_of or not any_of.isdisjoint(present)) and none_of.isdisjoint(present)
            and (not shown or none_of.isdisjoint(shown))
        ):
            ref = next(x for x in refs if x in present)
            start_, end_, quote = _anchor(ref, hits, signals, added)
            added.append(Hit(bid, start_, end_, quote, False, bid, True))
            present.add(bid)
            counted.add(bid)
    if added:
        hits = [*hits, *added]
        if not rb.suppressible_ids.isdisjoint(counted):
            hits = _cancel(rb, hits, signal_kinds, text)
            counted = _counted(hits)
    return hits, counted


def _asked_times(rb: Rulebook, norm: NormText, hits: list[Hit], signals: list[Signal]) -> list[Signal]:
    """A time asked about is a fact, not a time agreed (§3.1 请问是什么时候开始的; §3 promise by a time).

    The concrete time is the first one outside a question clause, or inside one that also
    holds a move it can time (明天上午十点给您回电可以吗？, "Shall I call you back by 5 pm?");
    您是3月5号下的单吗？ asks when the customer ordered and commits to nothing.
    """
    at = next((i for i, s in enumerate(signals) if s.kind == "concrete_time"), None)
    if at is None:
        return signals
    text = norm.folded
    pos = 0
    while (t := find_time(text, pos)) is not None:
        start, end = t.span()
        stop = clause_end(text, end)
        if stop == len(text) or text[stop] != "?":
            break
        s, e = norm.span(clause_start(text, start), stop)
        if any(h.counts_as in rb.timed_moves and s <= h.start and h.end <= e for h in hits):
            break
        pos = stop + 1
    else:
        return [sig for i, sig in enumerate(signals) if i != at]
    s, e = norm.span(start, end)
    out = list(signals)
    out[at] = Signal("concrete_time", 1, s, e, norm.original[s:e])
    return out


def _friendly_tone(rb: Rulebook, hits: list[Hit]) -> list[Hit]:
    """A tone word (呵呵, lol) mocks only where the reply does not simply help (§5 mocking).

    Alone, or beside a rebuke, a sneer laughs at the customer (呵呵，随便您); in a reply whose
    every other move calms and none harms (呵呵，好的，马上帮您处理) it is a friendly chuckle
    and counts for nothing. A lighter tone word (哈哈, 嘿嘿, haha) laughs at the customer only
    beside a harmful move (您自己没看说明书吧，哈哈); else it laughs with them (嘿嘿，可以了就好).
    """
    rules = rb.rules

    def said(h: Hit, table: dict[str, frozenset[str]]) -> bool:
        words = table.get(h.counts_as or "")
        return words is not None and fold_phrase(h.quote) in words

    def tone(h: Hit) -> bool:
        return said(h, rb.tone_words) or said(h, rb.light_tone_words)

    kind = harm = False
    for h in hits:
        if h.counts_as is None or tone(h):
            continue
        polarity = rules[h.counts_as].polarity
        kind = kind or polarity == "positive"
        harm = harm or polarity == "negative"
    if harm:
        return hits
    if not kind:
        return [h._replace(counts_as=None) if said(h, rb.light_tone_words) else h for h in hits]
    return [h._replace(counts_as=None) if tone(h) else h for h in hits]


def _unmet_by_cancelled(rb: Rulebook, hits: list[Hit], settled: list[Hit], need_hits: list[NeedHit]) -> list[NeedHit]:
    """A need's words inside a good phrase the rules cancelled are not met either.

    "Someone will call you back": the follow-up is the unnamed someone's (§4 首问负责制), so
    the need phrase "call you back" in it meets nothing, as a need phrase inside a negative
    phrase meets nothing. ``settled`` is ``hits`` after :func:`_settle`, in the same order.
    """
    rules = rb.rules
    gone = [
        s for h, s in zip(hits, settled, strict=False)
        if s.counts_as is None and h.counts_as is not None and rules[h.counts_as].polarity == "positive"
    ]
    if not gone:
        return need_hits
    return [n for n in need_hits if not any(g.start <= n.start and n.end <= g.end for g in gone)]


def _unfounded_buts(rb: Rulebook, hits: list[Hit]) -> list[Hit]:
    """A 但是 counts only after something kind (§5 "可是 / 但是 after a kind sentence").

    With no calming hit before it in the reply, it reverses nothing: 我不能给您退款，但是我理解
    您的心情 puts the kind part after the 但是.
    """
    rules = rb.rules
    out = []
    for h in hits:
        if h.counts_as in rb.but_discounts and not any(
            o.counts_as is not None and o.end <= h.start and rules[o.counts_as].polarity == "positive"
            for o in hits
        ):
            h = h._replace(counts_as=None)
        out.append(h)
    return out


def once_each(hits: Iterable[Hit]) -> list[Hit]:
    """The first counted hit of each behaviour, in the order given.

    A reply does each thing once: three vague words make one evasive answer (§5 打太极), a
    sentence pasted ten times one apology. The later hits are shown but move nothing, and
    the scorecard counts them the same way.
    """
    seen: set[str] = set()
    out = []
    for h in hits:
        if h.counts_as is not None and h.counts_as not in seen:
            seen.add(h.counts_as)
            out.append(h)
    return out


def _counted(hits: list[Hit]) -> set[str]:
    """The behaviours the hits count as (a cancelled hit counts as none)."""
    return {h.counts_as for h in hits if h.counts_as is not None}


def _anchor(ref: str, hits: list[Hit], signals: list[Signal], added: list[Hit]) -> tuple[int, int, str]:
    """Where a derived hit points: the first hit counting as ``ref``, else its signal, else a derived hit."""
    for group in (hits, added):
        for h in group:
            if h.counts_as == ref:
                return h.start, h.end, h.quote
        if group is hits:
            for s in signals:
                if s.kind == ref:
                    return s.start, s.end, s.quote
    raise AssertionError(f"no anchor for {ref}")  # ``ref`` is present, so something shows it


def _cancel(rb: Rulebook, hits: list[Hit], signal_kinds: set[str], text: str) -> list[Hit]:
    """Hits whose behaviour is suppressed by something else present count for nothing.

    A signal suppresses anywhere in the reply (尽快 with a concrete time); a behaviour only
    in the same clause (大概 inside a fact question, 请问您大概是几号收到的). A hedge (I'll try,
    也许: the behaviour's ``hedges``) is not excused by a signal: a time does not firm it up.
    """
    out = []
    hedges = rb.hedges
    for h in hits:
        rule = rb.rules.get(h.counts_as or "")
        if rule is not None and rule.suppressed_by:
            by = rule.suppressed_by
            hedge = h.counts_as in hedges and fold_phrase(h.quote) in hedges[h.counts_as]
            if (not hedge and not signal_kinds.isdisjoint(by)) or any(
                o is not h and o.counts_as in by and _same_clause(text, h, o) for o in hits
            ):
                h = h._replace(counts_as=None)
        out.append(h)
    return out


def _same_clause(text: str, a: Hit, b: Hit) -> bool:
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    return not any(c in _CLAUSE_BREAKS for c in text[lo:hi])


def scaled(
    pair: Pairing, rid: str, repeats: int, feelings_first: float | None, later_but: float | None
) -> tuple[float, float, float, tuple[tuple[str, float], ...]]:
    """A rule's move now: its base, the amount (unrounded, then to the meter's 0.01) and every
    factor applied, in order.

    Only calming moves shrink — on the ``repeats`` earlier uses, by ``feelings_first``
    (a problem move while the feelings wait) and by a 但是 after it; a forbidden phrase
    never softens.
    """
    base, factors, amount, moved = pair.fixed[rid]
    if amount < 0:
        more: list[tuple[str, float]] = []
        if repeats:
            more.append((f"repeat:{repeats + 1}", pair.persona.repeat_factor**repeats))
        if feelings_first is not None:
            more.append(("feelings_first", feelings_first))
        if later_but is not None:
            more.append(("but_after", later_but))
        if more:
            for _, f in more:
                amount *= f
            factors = (*factors, *more)
            moved = round(amount, 2)
    return base, amount, moved, factors


def _behaviour_changes(
    rb: Rulebook, pair: Pairing, state: SessionState, hits: Sequence[Hit], signals: Sequence[Signal]
) -> tuple[list[Change], dict[str, int], bool]:
    counts = dict(state.counts)
    emotion = state.emotion_shown
    changes: list[Change] = []
    rules = rb.rules
    but_discounts = rb.but_discounts
    buts = [(h.start, but_discounts[h.counts_as]) for h in hits if h.counts_as in but_discounts]
    ff = rb.content.engine.feelings_first
    for h in once_each(sorted(hits, key=_READING_ORDER)):
        rid = h.counts_as
        assert rid is not None
        rule = rules[rid]
        feelings_first = ff.factor if rule.group == "problem" and not emotion and state.anger >= ff.min_anger else None
        later_but = next((f for pos, f in buts if pos >= h.end), None) if buts else None
        base, _, amount, factors = scaled(pair, rid, counts.get(rid, 0), feelings_first, later_but)
        counts[rid] = counts.get(rid, 0) + 1
        if rule.group == "emotion" and rule.polarity == "positive":
            emotion = True
        if amount:
            changes.append(
                Change(rid, "behaviour", amount, base, rule.section, rule.reaction, h.quote, h.start, h.end, factors)
            )
    for s in signals:
        changes += _signal_change(rb, pair, s, counts)
    return changes, counts, emotion


def _signal_change(rb: Rulebook, pair: Pairing, s: Signal, counts: dict[str, int]) -> list[Change]:
    rule = rb.rules.get(s.kind)
    if rule is None:
        return []
    n = counts.get(s.kind, 0)
    base, _, amount, factors = scaled(pair, s.kind, n, None, None)  # feelings-first and 但是 never apply
    counts[s.kind] = n + 1
    if not amount:
        return []
    return [Change(s.kind, "signal", amount, base, rule.section, rule.reaction, s.quote, s.start, s.end, factors)]


def _needs(
    pair: Pairing, state: SessionState, need_hits: Sequence[NeedHit], hits: Sequence[Hit], present: frozenset[str],
    text: str = "",
) -> tuple[list[str], list[Change]]:
    if not need_hits and pair.need_behaviours.isdisjoint(present):
        return [], []  # nothing in the reply can meet a need
    by_phrase = {n.need: n for n in need_hits}
    new: list[str] = []
    changes: list[Change] = []
    for need in pair.scenario.needs:
        if need.id in state.needs_met:
            continue
        if need.id in by_phrase:
            n = by_phrase[need.id]
            quote, start, end = n.quote, n.start, n.end
            # A need phrase that cuts across the reply's hits (点前给您 across 今天下午三点前 and
            # 给您重新安排) is quoted with them, so the trainee sees whole words.
            across = [h for h in hits if h.start < end and start < h.end] if text else []
            if across:
                lo, hi = min(start, *(h.start for h in across)), max(end, *(h.end for h in across))
                quote, start, end = text[lo:hi], lo, hi
        else:
            if present.isdisjoint(need.behaviours):
                continue  # no hit can address it: every counted behaviour is in ``present``
            via = next((h for h in hits if h.counts_as in need.behaviours), None)
            if via is None:
                continue
            quote, start, end = via.quote, via.start, via.end
        new.append(need.id)
        if need.effect:
            changes.append(Change(need.id, "need", need.effect, need.effect, need.section, "action", quote, start, end))
    return new, changes


def _jab(rb: Rulebook, hits: Sequence[Hit], total: float) -> Change:
    """The change that cancels a reply's calming, quoting its first jab (§5, rules/engine.yaml ``jabs``).

    A jab at the customer (这又不是什么大事, "calm down", 我不知道…) is a known trigger: the
    apology and the fix around it do not buy it off, so the reply as a whole calms nobody.
    """
    jab = min((h for h in hits if h.counts_as in rb.jab_ids), key=_READING_ORDER)
    assert jab.counts_as is not None and rb.content.engine.jabs is not None
    amount = round(-total, 2)
    return Change("jab", "jab", amount, amount, rb.content.engine.jabs.section,
                  rb.rules[jab.counts_as].reaction, jab.quote, jab.start, jab.end)


def _outcome(pair: Pairing, anger: float, met: frozenset[str], turn_no: int, patience: int) -> Outcome | None:
    t = pair.persona.thresholds
    # The lower threshold crossed decides; on a tie the customer asks for a manager first.
    escalates, walks = anger >= t.escalate_at, anger >= t.walk_out_at
    if escalates and (not walks or t.escalate_at <= t.walk_out_at):
        return Outcome.ESCALATED
    if walks:
        return Outcome.WALKED_OUT
    if anger <= t.resolve_at and len(met) == len(pair.scenario.needs):
        return Outcome.RESOLVED
    if turn_no >= patience:
        return Outcome.UNRESOLVED
    return None
