"""The scorecard: five dimensions from a finished list of turns, every point with its evidence.

Compute only; rendering lives in the report. A dimension that had no chance to
apply is N/A (``score is None``) and its weight is shared among the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from simulator.content import models as m
from simulator.engine.rulebook import Rulebook
from simulator.engine.state import Outcome, Turn
from simulator.engine.step import FAST_HANDLING, once_each

# Where the outcome points come from (domain.md's words, and their Chinese for zh reports).
AGREEMENT = m.Citation("§4 达成共识 agree on solution, action plan and expected result", "§4 达成共识")
OUTCOME_SECTION = m.Citation(f"{AGREEMENT}; §6 Why it matters", "§4 达成共识; §6 为什么重要")


class Evidence(NamedTuple):
    """One point gained (positive) or lost (negative), and what earned it.

    ``kind`` says what ``rule`` names (a behaviour or signal, a scenario need, an
    outcome, or a rule such as feelings_first); ``note`` is a stable code the
    report translates (``missing``, ``emptied``, ``need_missing``, ``valued``, ``hated``,
    ``ran_out``, ``extra_turns`` with ``count``). A named tuple, not a frozen
    dataclass: a batch builds a dozen per session, and a tuple is immutable at a
    fraction of the cost.
    """

    points: float
    rule: str
    turn: int | None
    quote: str
    section: str
    note: str = ""
    kind: str = "behaviour"
    count: int = 0  # type: ignore[assignment]  # shadows tuple.count(), which nothing calls on evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "points": self.points, "rule": self.rule, "kind": self.kind, "turn": self.turn,
            "quote": self.quote, "section": self.section, "note": self.note, "count": self.count,
        }


class DimensionScore(NamedTuple):
    id: str
    name: m.Text
    section: str
    weight: float
    score: float | None
    evidence: tuple[Evidence, ...]
    na_reason: str = ""  # a stable code: no_reply, interrupted

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name.model_dump(), "section": self.section,
            "weight": self.weight, "score": self.score, "na": self.score is None,
            "na_reason": self.na_reason, "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class Scorecard:
    total: float
    pass_mark: float
    passed: bool
    outcome: str | None
    dimensions: tuple[DimensionScore, ...]

    def dimension(self, did: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.id == did)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total, "pass_mark": self.pass_mark, "passed": self.passed,
            "outcome": self.outcome, "dimensions": [d.to_dict() for d in self.dimensions],
        }


def _first_uses(
    turns: list[Turn], emptied_by: dict[str, str]
) -> tuple[dict[str, tuple[int, str]], dict[str, tuple[int, str]]]:
    """Each behaviour and signal's first showing (turn, quote), and each emptied step's.

    A step shown only where its ``Scoring.emptied_by`` behaviour fired is left out of the
    first, and its first such showing is in the second, so the report can quote it.
    """
    first: dict[str, tuple[int, str]] = {}
    hollow_first: dict[str, tuple[int, str]] = {}
    for t in turns:
        hollow = {step for step, by in emptied_by.items() if any(h.counts_as == by for h in t.hits)}
        for h in t.hits:
            if not h.counts_as or h.counts_as in first:
                continue
            if h.counts_as in hollow:
                hollow_first.setdefault(h.counts_as, (t.index, h.quote))
            else:
                first[h.counts_as] = (t.index, h.quote)
        for s in t.signals:
            first.setdefault(s.kind, (t.index, s.quote))
    return first, hollow_first


def _clamp(x: float) -> float:
    return round(max(0.0, min(100.0, x)), 1)


def score_session(
    rules: Rulebook, scenario: str, persona: str, turns: list[Turn], *, complete: bool = True
) -> Scorecard:
    """Score a session's turns. ``complete=False`` marks an interrupted session."""
    cfg = rules.content.scoring
    pair = rules.pairing(scenario, persona)
    first, hollow = _first_uses(turns, cfg.emptied_by)
    dims: dict[str, tuple[float | None, list[Evidence], str]] = {}
    if not turns:
        for d in cfg.dimensions:
            dims[d.id] = (None, [], "no_reply")
    else:
        dims["emotion"] = _steps(rules, cfg.emotion_steps, first, turns, cfg, hollow)
        dims["problem"] = _problem(rules, pair, cfg, first, turns)
        dims["language"] = _language(rules, cfg, turns)
        dims["persona_fit"] = _fit(rules, pair.persona, cfg, first, turns)
        dims["outcome"] = _outcome(cfg, turns, complete)
    out: list[DimensionScore] = []
    num = den = 0.0
    for d in cfg.dimensions:
        score, ev, na = dims[d.id]
        out.append(DimensionScore(d.id, d.name, d.section, d.weight, score, tuple(ev), na))
        if score is not None:
            num += d.weight * score
            den += d.weight
    total = round(num / den, 1) if den else 0.0
    last = turns[-1].outcome if turns else None
    # Replies that ran out before the customer decided are judged unresolved (§4: no
    # agreement was reached), for passing as for the outcome points.
    judged = last.value if last else ("unresolved" if complete and turns else None)
    return Scorecard(
        total=total,
        pass_mark=cfg.pass_mark,
        passed=total >= cfg.pass_mark and judged not in cfg.fail_outcomes,
        outcome=(last.value if last else ("incomplete" if not complete else None)),
        dimensions=tuple(out),
    )


def _steps(
    rules: Rulebook, steps: list[str], first: dict[str, tuple[int, str]], turns: list[Turn], cfg: m.Scoring,
    hollow: dict[str, tuple[int, str]],
) -> tuple[float | None, list[Evidence], str]:
    share = 100.0 / len(steps)
    shown = round(share, 1)
    ff = rules.content.engine.feelings_first
    feelings_first = ("feelings_first", ff.factor)  # as the engine records the factor
    ev: list[Evidence] = []
    score = 0.0
    for sid in steps:
        rule = rules.rules[sid]
        if sid in first:
            t, q = first[sid]
            ev.append(Evidence(shown, sid, t, q, rule.section))
            score += share
        elif sid in hollow:  # said, but only with nothing behind it
            t, q = hollow[sid]
            ev.append(Evidence(-shown, sid, t, q, rule.section, "emptied"))
        else:
            ev.append(Evidence(-shown, sid, None, "", rule.section, "missing"))  # step never shown
    for turn in turns:
        for c in turn.changes:
            if c.factors and feelings_first in c.factors:
                ev.append(Evidence(-cfg.feelings_first_penalty, "feelings_first", turn.index, c.quote,
                                   ff.section, kind="rule"))
                score -= cfg.feelings_first_penalty
    return _clamp(score), ev, ""


def _problem(rules: Rulebook, pair, cfg: m.Scoring, first, turns: list[Turn]):  # type: ignore[no-untyped-def]
    shown = [s for s in cfg.problem_steps if s in first]
    # A customer who leaves on the first reply still scores here: that reply could have
    # addressed the problem, and sharing this weight out would rank an instant escalation
    # above one that came a reply later.
    ev: list[Evidence] = []
    # Half the points: the §3 techniques shown, up to four distinct ones.
    target = min(4, len(cfg.problem_steps))
    each = round(50.0 / target, 1)
    for k, sid in enumerate(shown):
        t, q = first[sid]
        pts = each if k < target else 0.0  # beyond the cap a technique earns nothing more
        ev.append(Evidence(pts, sid, t, q, rules.rules[sid].section))
    technique = min(50.0, 50.0 * len(shown) / target)
    # The other half: the scenario's needs addressed.
    needs = pair.scenario.needs
    met_at = {n: t for t in turns for n in t.needs_met}
    pts = round(50.0 / len(needs), 1)
    for need in needs:
        if need.id in met_at:
            turn = met_at[need.id]
            quote = next((c.quote for c in turn.changes if c.rule == need.id), "")
            ev.append(Evidence(pts, need.id, turn.index, quote, need.section, kind="need"))
        else:
            ev.append(Evidence(-pts, need.id, None, "", need.section, "need_missing", kind="need"))
    met = 50.0 * len([n for n in needs if n.id in met_at]) / len(needs)
    return _clamp(technique + met), ev, ""


def _language(rules: Rulebook, cfg: m.Scoring, turns: list[Turn]):  # type: ignore[no-untyped-def]
    ev: list[Evidence] = []
    score = 100.0
    for t in turns:
        for h in once_each(t.hits):
            rule = rules.rules.get(h.counts_as or "")
            if rule and rule.polarity == "negative" and rule.group == "language":
                ev.append(Evidence(-cfg.language_penalty, rule.id, t.index, h.quote, rule.section))
                score -= cfg.language_penalty
    return _clamp(score), ev, ""


def _fit(rules: Rulebook, persona: m.Persona, cfg: m.Scoring, first, turns: list[Turn]):  # type: ignore[no-untyped-def]
    ev: list[Evidence] = []
    target = min(3, len(persona.valued))
    used = [v for v in persona.valued if v in first]
    each = round(50.0 / target, 1)
    for v in used:
        t, q = first[v]
        ev.append(Evidence(each, v, t, q, persona.section, "valued"))
    score = 50.0 + min(50.0, 50.0 * len(used) / target)
    hated = set(persona.hated)
    for t in turns:
        for h in once_each(t.hits):
            if h.counts_as in hated:
                ev.append(Evidence(-cfg.hated_penalty, h.counts_as, t.index, h.quote, persona.section, "hated"))
                score -= cfg.hated_penalty
        for s in t.signals:
            if s.kind in hated:
                ev.append(Evidence(-cfg.hated_penalty, s.kind, t.index, s.quote, persona.section, "hated"))
                score -= cfg.hated_penalty
    return _clamp(score), ev, ""


def _outcome(cfg: m.Scoring, turns: list[Turn], complete: bool):  # type: ignore[no-untyped-def]
    last = turns[-1]
    if last.outcome is None:
        if complete:
            # Replies ran out before the customer decided: judge as unresolved.
            pts = cfg.outcome_points["unresolved"]
            return _clamp(pts), [Evidence(pts, "unresolved", last.index, "", AGREEMENT, "ran_out", kind="outcome")], ""
        return None, [], "interrupted"
    pts = cfg.outcome_points[last.outcome.value]
    ev = [Evidence(pts, last.outcome.value, last.index, "", OUTCOME_SECTION, kind="outcome")]
    if last.outcome is Outcome.RESOLVED and last.index > cfg.fastest_turns:
        cost = cfg.extra_turn_cost * (last.index - cfg.fastest_turns)
        ev.append(Evidence(-cost, "extra_turns", last.index, "", FAST_HANDLING,
                           "extra_turns", kind="outcome", count=last.index - cfg.fastest_turns))
        pts -= cost
    return _clamp(pts), ev, ""
