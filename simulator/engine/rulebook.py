"""Content compiled for play: matchers per scenario, effect tables per pairing.

Compiling once keeps ``step`` cheap: the automaton is built once per scenario
and the persona × scenario effect table (persona weight × stance × nature) once
per pairing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from simulator.content import Content
from simulator.content import models as m
from simulator.text.matcher import Matcher, NeedHit, phrase_keys


@dataclass(frozen=True)
class Rule:
    """A behaviour or signal as the engine sees it."""

    id: str
    polarity: str
    group: str
    section: str
    effect: float
    reaction: str
    name: m.Text
    derived: m.Derived | None = None
    negated_as: str | None = None
    suppressed_by: tuple[str, ...] = ()
    discounts_preceding: float | None = None


@dataclass(frozen=True)
class Pairing:
    """Effects for one persona in one scenario, with the multipliers that made them."""

    persona: m.Persona
    scenario: m.Scenario
    # Per rule: (base, fixed factors, base × those factors in order, that rounded to the
    # meter's 0.01): the part of every move that does not depend on the session, multiplied
    # out (and rounded, the move itself when nothing shrinks it) once per pairing.
    fixed: dict[str, tuple[float, tuple[tuple[str, float], ...], float, float]]
    patience: int
    initial_anger: float
    # Every behaviour some scenario need accepts: a reply with none of them meets no need
    # unless it uses one of the need's own phrases.
    need_behaviours: frozenset[str]


# A need that lists no behaviours is the scenario's own action (复机, 派工程师上门, 换一位工程师:
# §3.3 give the solution): its phrase shows that much action.
NEED_ACTION = "concrete_action"


class Rulebook:
    """Everything compiled from one :class:`Content`; shared, never mutated after build."""

    def __init__(self, content: Content) -> None:
        self.content = content
        lex = content.lexicon
        self.limits = lex.limits
        rules: dict[str, Rule] = {}
        for b in lex.behaviours:
            rules[b.id] = Rule(
                b.id, b.polarity, b.group, b.section, b.effect, b.reaction, b.name,
                b.derived, b.negated_as, tuple(b.suppressed_by), b.discounts_preceding,
            )
        for s in lex.signals:
            rules[s.id] = Rule(s.id, s.polarity, "structure", s.section, s.effect, s.reaction, s.name)
        self.rules = rules
        # Looked up on every reply, so built once: which rules can be suppressed, which are
        # negative, which discount what precedes them (但是), and each derived rule's sets.
        self.suppressible_ids = frozenset(r.id for r in rules.values() if r.suppressed_by)
        self.negative_ids = frozenset(r.id for r in rules.values() if r.polarity == "negative")
        self.but_discounts = {
            r.id: r.discounts_preceding for r in rules.values() if r.discounts_preceding is not None
        }
        # Tone words (a laugh, 呵呵) per behaviour, folded as the matcher folds them: they count
        # only in a reply that does not simply help (engine.step).
        self.tone_words = {b.id: phrase_keys(b.tone_words) for b in lex.behaviours if b.tone_words is not None}
        # Lighter tone words (a hearty laugh, 哈哈) count only beside a harmful move.
        self.light_tone_words = {
            b.id: phrase_keys(b.light_tone_words) for b in lex.behaviours if b.light_tone_words is not None
        }
        self.tone_ids = frozenset(self.tone_words) | frozenset(self.light_tone_words)
        # Hedges (I'll try, might, 也许) per behaviour: a concrete time does not excuse them (§5
        # vague; §3 promise by an agreed time), so they stay when the rest of it is suppressed.
        self.hedges = {b.id: phrase_keys(b.hedges) for b in lex.behaviours if b.hedges is not None}
        # The moves a concrete time can commit to (the any_of of the derived rules that need a
        # concrete time: time_commitment): a time asked about in a question without one of
        # them in its clause is a fact asked for, not a time agreed (engine.step).
        self.timed_moves = frozenset(
            x for b in lex.behaviours if b.derived is not None and "concrete_time" in b.derived.all_of
            for x in b.derived.any_of
        )
        # §5 jabs: a reply holding one of these leaves the customer no calmer (rules/engine.yaml).
        jabs = content.engine.jabs
        self.jab_ids = frozenset(jabs.behaviours) if jabs is not None else frozenset()
        # Each derived rule in evaluation order: its all/any/none sets, then the ids a derived
        # hit may be anchored to, in the order they are tried.
        self.derived_rules = tuple(
            (b.id, frozenset(b.derived.all_of), frozenset(b.derived.any_of), frozenset(b.derived.none_of),
             (*b.derived.all_of, *b.derived.any_of))
            for b in _derived_order(lex.behaviours)
            if b.derived is not None
        )
        self._matchers: dict[str, Matcher] = {}
        self._pairings: dict[tuple[str, str], Pairing] = {}
        self._need_shows: dict[str, dict[str, frozenset[str]]] = {}

    @cached_property
    def bare_matcher(self) -> Matcher:
        """A matcher with no scenario needs, for explaining a reply on its own."""
        return Matcher(self.content.lexicon)

    def matcher(self, scenario_id: str) -> Matcher:
        if scenario_id not in self._matchers:
            self._matchers[scenario_id] = Matcher(
                self.content.lexicon, self.content.scenario(scenario_id)
            )
        return self._matchers[scenario_id]

    def shown_by_needs(self, scenario_id: str, need_hits: Iterable[NeedHit]) -> frozenset[str]:
        """The behaviours that address the needs whose phrases were found (see ``step._settle``)."""
        shows = self._need_shows.get(scenario_id)
        if shows is None:
            shows = self._need_shows[scenario_id] = {
                n.id: frozenset(n.behaviours or (NEED_ACTION,)) for n in self.content.scenario(scenario_id).needs
            }
        return frozenset().union(*(shows.get(n.need, ()) for n in need_hits))

    def pairing(self, scenario_id: str, persona_id: str) -> Pairing:
        key = (scenario_id, persona_id)
        if key not in self._pairings:
            self._pairings[key] = self._pair(scenario_id, persona_id)
        return self._pairings[key]

    def _pair(self, scenario_id: str, persona_id: str) -> Pairing:
        persona = self.content.persona(persona_id)
        scenario = self.content.scenario(scenario_id)
        eng = self.content.engine
        stance = eng.stances.get(scenario.stance, {})
        nature = eng.natures.get(scenario.nature, {})
        fixed: dict[str, tuple[float, tuple[tuple[str, float], ...], float, float]] = {}
        for rid, rule in self.rules.items():
            base = persona.weights.get(rid, rule.effect)
            factors: list[tuple[str, float]] = []
            if rid in stance:
                factors.append((f"stance:{scenario.stance}", stance[rid]))
            if rid in nature:
                factors.append((f"nature:{scenario.nature}", nature[rid]))
            amount = base
            for _, f in factors:
                amount *= f
            fixed[rid] = (base, tuple(factors), amount, round(amount, 2))
        sev = eng.severity.get(scenario.severity, m.SeverityEffect(anger=0, patience=0))
        return Pairing(
            persona=persona,
            scenario=scenario,
            fixed=fixed,
            patience=max(1, persona.patience + sev.patience),
            initial_anger=min(100.0, max(0.0, persona.initial_anger + sev.anger)),
            need_behaviours=frozenset(b for need in scenario.needs for b in need.behaviours),
        )

    def band(self, anger: float) -> str:
        for b in self.content.engine.bands:
            if anger < b.below:
                return b.id
        return self.content.engine.bands[-1].id


def _derived_order(behaviours: list[m.Behaviour]) -> tuple[m.Behaviour, ...]:
    """Derived behaviours sorted so each comes after the derived ones it reads."""
    derived = {b.id: b for b in behaviours if b.derived is not None}
    order: list[m.Behaviour] = []
    state: dict[str, int] = {}

    def visit(bid: str) -> None:
        if state.get(bid) == 2:
            return
        if state.get(bid) == 1:
            from simulator.errors import ContentError

            raise ContentError(f"derived behaviour {bid!r} depends on itself through others")
        state[bid] = 1
        d = derived[bid].derived
        assert d is not None
        for ref in (*d.all_of, *d.any_of, *d.none_of):
            if ref in derived:
                visit(ref)
        state[bid] = 2
        order.append(derived[bid])

    for bid in derived:
        visit(bid)
    return tuple(order)
