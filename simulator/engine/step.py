"""The session step: one reply in, one immutable turn out.

The rule, in one line: every behaviour, signal and newly met need moves anger by
its persona weight × the scenario's stance and nature multipliers, calming moves
shrinking on repeats, before any feelings are handled and before a 但是; then
the customer ends the session if a threshold is crossed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from simulator.engine import replies
from simulator.engine.rulebook import Pairing, Rulebook
from simulator.engine.state import Change, Outcome, SessionState, Turn
from simulator.errors import InputError
from simulator.text.matcher import Hit, NeedHit
from simulator.text.normalise import normalise
from simulator.text.signals import Signal, read_signals, reply_key

ANGER_MIN, ANGER_MAX = 0.0, 100.0
# Drift is the customer's patience wearing thin when nothing in a reply helped:
# §1 "what every complainant needs: fast, simple handling".
DRIFT_SECTION = "§1 fast, simple handling"
# Longest reply accepted, in characters: far beyond any real chat message, small
# enough that one pasted file cannot stall the game or a batch.
MAX_REPLY_CHARS = 5000
# Hits take effect in the order they were typed; a derived hit after the one it came from.
_READING_ORDER = attrgetter("start", "derived")


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


def step(state: SessionState, text: str, *, with_reply: bool = True) -> Turn:
    """Judge one trainee reply and return the turn it makes."""
    if state.over:
        raise InputError(f"the session is over ({state.outcome}); start a new one")
    if not isinstance(text, str):
        raise InputError(f"a reply must be text, got {type(text).__name__}")
    if len(text) > MAX_REPLY_CHARS:
        raise InputError(f"a reply may be at most {MAX_REPLY_CHARS} characters, got {len(text)}")
    return apply_reading(state, read_reply(state.rules, state.scenario, text, state.seen), with_reply=with_reply)


@dataclass(frozen=True)
class Reading:
    """One reply as the rules read it, before any customer hears it.

    It depends only on the scenario, the text and the replies already given (for
    ``repeated``), not on the persona, so a batch playing one set against several
    personas reads each reply once and applies the reading to every session.
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
    signals = read_signals(norm, rb.limits)
    key = reply_key(norm)
    if key and key in seen:
        signals.append(Signal("repeated", 1, 0, len(text), text))
    hits = _settle(rb, hits, signals)
    if any(h.counts_as in rb.negative_ids for h in hits):
        # A question asked in the same breath as a rebuke is rhetorical (§5 你怎么能这么做？),
        # not fact-finding: it earns nothing.
        signals = [s for s in signals if s.kind != "asks_questions"]
    present = frozenset({h.counts_as for h in hits if h.counts_as} | {s.kind for s in signals})
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
    new_needs, need_changes = _needs(pair, state, need_hits, hits, present)
    changes += need_changes
    unmet = len(pair.scenario.needs) - len(state.needs_met) - len(new_needs)
    if turn_no >= rb.limits.needs_ignored_after and unmet and not new_needs:
        sig = Signal("needs_ignored", unmet)
        signals.append(sig)
        changes += _signal_change(rb, pair, sig, counts, state)
    total = sum(c.amount for c in changes)
    if total >= 0 and pair.persona.drift:
        changes.append(Change("drift", "drift", pair.persona.drift, pair.persona.drift, DRIFT_SECTION, "unchanged"))
        total += pair.persona.drift
    anger_after = round(min(ANGER_MAX, max(ANGER_MIN, state.anger + total)), 2)
    met = state.needs_met | set(new_needs)
    outcome = _outcome(pair, anger_after, met, turn_no, state.patience)
    asked = "fact_question" in present
    new_state = state.evolve(
        turn=turn_no,
        anger=anger_after,
        needs_met=frozenset(met),
        counts=tuple(sorted(counts.items())),
        seen=state.seen | {key} if key else state.seen,
        emotion_shown=emotion,
        facts_told=state.facts_told + (1 if asked and outcome is None else 0),
        outcome=outcome,
    )
    reply = None
    if with_reply:
        reply = replies.reply_for(pair, rb, state, anger_after, changes, outcome, asked)
    return Turn(
        index=turn_no,
        text=text,
        hits=tuple(hits),
        needs=tuple(need_hits),
        signals=tuple(signals),
        changes=tuple(changes),
        anger_before=state.anger,
        anger_after=anger_after,
        needs_met=tuple(new_needs),
        outcome=outcome,
        reply=reply,
        state=new_state,
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


def _settle(rb: Rulebook, hits: list[Hit], signals: list[Signal]) -> list[Hit]:
    """Apply suppression and add derived behaviours (time_commitment, empty_apology…)."""
    signal_kinds = {s.kind for s in signals}

    def cancel(hs: list[Hit]) -> list[Hit]:
        if not any(h.counts_as in rb.suppressible_ids for h in hs):
            return list(hs)  # nothing here can be suppressed (most replies)
        present = {h.counts_as for h in hs if h.counts_as} | signal_kinds
        out = []
        for h in hs:
            rule = rb.rules.get(h.counts_as or "")
            if rule is not None and rule.suppressed_by and present.intersection(rule.suppressed_by):
                h = Hit(h.behaviour, h.start, h.end, h.quote, h.negated, None, h.derived)
            out.append(h)
        return out

    hits = cancel(hits)
    present = {h.counts_as for h in hits if h.counts_as} | signal_kinds
    anchors: dict[str, tuple[int, int, str]] = {}
    for h in hits:
        if h.counts_as and h.counts_as not in anchors:
            anchors[h.counts_as] = (h.start, h.end, h.quote)
    for s in signals:
        anchors.setdefault(s.kind, (s.start, s.end, s.quote))
    for b in rb.derived_order:
        d = b.derived
        assert d is not None
        all_of, any_of, none_of = rb.derived_sets[b.id]
        if all_of <= present and (not any_of or not any_of.isdisjoint(present)) and none_of.isdisjoint(present):
            ref = next(x for x in (*d.all_of, *d.any_of) if x in present)
            start_, end_, quote = anchors[ref]
            hits.append(Hit(b.id, start_, end_, quote, False, b.id, True))
            present.add(b.id)
            anchors.setdefault(b.id, (start_, end_, quote))
    return cancel(hits)


def _scaled(
    rb: Rulebook, pair: Pairing, rule_id: str, counts: dict[str, int], emotion: bool, state: SessionState,
    later_but: float | None,
) -> tuple[float, float, list[tuple[str, float]]]:
    base, fixed = pair.effects[rule_id]
    factors = list(fixed)
    rule = rb.rules[rule_id]
    amount = base
    for _, f in fixed:
        amount *= f
    if amount < 0:  # only calming moves shrink; a forbidden phrase never softens
        n = counts.get(rule_id, 0)
        if n:
            factors.append((f"repeat:{n + 1}", pair.persona.repeat_factor**n))
        ff = rb.content.engine.feelings_first
        if rule.group == "problem" and not emotion and state.anger >= ff.min_anger:
            factors.append(("feelings_first", ff.factor))
        if later_but is not None:
            factors.append(("but_after", later_but))
        for _, f in factors[len(fixed):]:
            amount *= f
    return base, round(amount, 2), factors


def _behaviour_changes(
    rb: Rulebook, pair: Pairing, state: SessionState, hits: Sequence[Hit], signals: Sequence[Signal]
) -> tuple[list[Change], dict[str, int], bool]:
    counts = dict(state.counts)
    emotion = state.emotion_shown
    changes: list[Change] = []
    buts = [(h.start, rb.but_discounts[h.counts_as]) for h in hits if h.counts_as in rb.but_discounts]
    for h in sorted((h for h in hits if h.counts_as), key=_READING_ORDER):
        rid = h.counts_as
        assert rid is not None
        rule = rb.rules[rid]
        later_but = next((f for pos, f in buts if pos >= h.end), None) if buts else None
        base, amount, factors = _scaled(rb, pair, rid, counts, emotion, state, later_but)
        counts[rid] = counts.get(rid, 0) + 1
        if rule.group == "emotion" and rule.polarity == "positive":
            emotion = True
        if amount:
            changes.append(
                Change(rid, "behaviour", amount, base, rule.section, rule.reaction, h.quote, h.start, h.end, tuple(factors))
            )
    for s in signals:
        changes += _signal_change(rb, pair, s, counts, state)
    return changes, counts, emotion


def _signal_change(
    rb: Rulebook, pair: Pairing, s: Signal, counts: dict[str, int], state: SessionState
) -> list[Change]:
    rule = rb.rules.get(s.kind)
    if rule is None:
        return []
    base, amount, factors = _scaled(rb, pair, s.kind, counts, True, state, None)
    counts[s.kind] = counts.get(s.kind, 0) + 1
    if not amount:
        return []
    return [Change(s.kind, "signal", amount, base, rule.section, rule.reaction, s.quote, s.start, s.end, tuple(factors))]


def _needs(
    pair: Pairing, state: SessionState, need_hits: Sequence[NeedHit], hits: Sequence[Hit], present: frozenset[str]
) -> tuple[list[str], list[Change]]:
    by_phrase = {n.need: n for n in need_hits}
    new: list[str] = []
    changes: list[Change] = []
    for need in pair.scenario.needs:
        if need.id in state.needs_met:
            continue
        if need.id in by_phrase:
            n = by_phrase[need.id]
            quote, start, end = n.quote, n.start, n.end
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


def _outcome(pair: Pairing, anger: float, met: frozenset[str] | set[str], turn_no: int, patience: int) -> Outcome | None:
    t = pair.persona.thresholds
    crossed = sorted(
        (thr, o) for thr, o in ((t.walk_out_at, Outcome.WALKED_OUT), (t.escalate_at, Outcome.ESCALATED))
        if anger >= thr
    )
    if crossed:
        return crossed[0][1]
    if anger <= t.resolve_at and len(met) == len(pair.scenario.needs):
        return Outcome.RESOLVED
    if turn_no >= patience:
        return Outcome.UNRESOLVED
    return None
