"""Calibration: play graded exemplar replies through every persona and see whether grades order.

A scenario is well tuned when, for every persona and in both languages, good
replies end calmer than mediocre ones and mediocre calmer than bad ones (and
score the other way round). Compute only: the terminal and HTML views render
the plain data returned here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from simulator.content import models as m
from simulator.engine import Outcome, Rulebook, Turn, play, start
from simulator.errors import InputError
from simulator.i18n import LANGS
from simulator.scoring import score_session

GRADES = ("good", "mediocre", "bad")
# The seed only picks the customer's words, never the anger, so one is enough.
SEED = 0


@dataclass(frozen=True)
class Run:
    """One exemplar set played against one persona."""

    persona: str
    exemplar: str
    grade: str
    lang: str
    anger: tuple[float, ...]  # starting value first, then after each reply
    score: float
    passed: bool
    outcome: str | None
    turns: tuple[Turn, ...] = field(repr=False, compare=False, default=())

    @property
    def final(self) -> float:
        return self.anger[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "persona": self.persona, "exemplar": self.exemplar, "grade": self.grade, "lang": self.lang,
            "anger": list(self.anger), "final_anger": self.final, "score": self.score,
            "passed": self.passed, "outcome": self.outcome, "replies": len(self.turns),
        }


@dataclass(frozen=True)
class Order:
    """Whether the grades order for one persona in one language (mean over sets of a grade)."""

    persona: str
    lang: str
    final: dict[str, float]  # grade -> mean final anger
    score: dict[str, float]  # grade -> mean score

    @property
    def complete(self) -> bool:
        return all(g in self.final for g in GRADES)

    @property
    def by_anger(self) -> bool:
        f = self.final
        return self.complete and f["good"] < f["mediocre"] < f["bad"]

    @property
    def by_score(self) -> bool:
        s = self.score
        return self.complete and s["good"] > s["mediocre"] > s["bad"]

    @property
    def ok(self) -> bool:
        return self.by_anger and self.by_score


@dataclass(frozen=True)
class PersonaCalibration:
    persona: str
    initial_anger: float
    thresholds: m.Thresholds
    runs: tuple[Run, ...]
    orders: tuple[Order, ...]

    @property
    def too_hard(self) -> tuple[str, ...]:
        """Good sets that do not resolve: this customer may be too hard to calm here."""
        return tuple(r.exemplar for r in self.runs if r.grade == "good" and r.outcome != Outcome.RESOLVED)

    @property
    def too_easy(self) -> tuple[str, ...]:
        """Mediocre or bad sets that resolve: this customer may be too easy here."""
        return tuple(r.exemplar for r in self.runs if r.grade != "good" and r.outcome == Outcome.RESOLVED)


@dataclass(frozen=True)
class Calibration:
    scenario: str
    personas: tuple[PersonaCalibration, ...]

    @property
    def ok(self) -> bool:
        return all(o.ok for p in self.personas for o in p.orders)

    def runs(self) -> list[Run]:
        return [r for p in self.personas for r in p.runs]

    def to_list(self) -> list[dict[str, Any]]:
        """The ``--json`` form: one object per persona × exemplar set."""
        out = []
        for p in self.personas:
            ordered = {o.lang: o for o in p.orders}
            for r in p.runs:
                o = ordered.get(r.lang)
                out.append({
                    "scenario": self.scenario, **r.to_dict(),
                    "ordered": o.ok if o is not None and o.complete else None,
                })
        return out


def run_set(rules: Rulebook, scenario: str, persona: str, ex: m.ExemplarSet) -> Run:
    state = start(rules, scenario, persona, seed=SEED, lang=ex.lang)
    turns = play(state, ex.responses, with_reply=False)
    card = score_session(rules, scenario, persona, turns)
    last = turns[-1].outcome if turns else None
    return Run(
        persona=persona, exemplar=ex.id, grade=ex.grade, lang=ex.lang,
        anger=(state.anger, *(t.anger_after for t in turns)), score=card.total, passed=card.passed,
        outcome=last.value if last else None, turns=tuple(turns),
    )


def _order(persona: str, lang: str, runs: list[Run]) -> Order:
    mine = [r for r in runs if r.lang == lang]
    final = {g: round(fmean(r.final for r in mine if r.grade == g), 2) for g in GRADES if any(r.grade == g for r in mine)}
    score = {g: round(fmean(r.score for r in mine if r.grade == g), 2) for g in GRADES if any(r.grade == g for r in mine)}
    return Order(persona, lang, final, score)


def calibrate(rules: Rulebook, scenario: str, personas: list[str] | None = None) -> Calibration:
    """Play every exemplar set of ``scenario`` (zh and en, every grade) against each persona."""
    content = rules.content
    content.scenario(scenario)  # an unknown id fails here, with the known ones listed
    sets = sorted(content.exemplars.get(scenario, ()), key=lambda s: (GRADES.index(s.grade), s.lang, s.id))
    if not sets:
        raise InputError(
            f"no exemplar sets for scenario {scenario!r}; add a 'kind: exemplars' file with --content"
        )
    out = []
    for pid in personas or list(content.personas):
        persona = content.persona(pid)
        runs = [run_set(rules, scenario, pid, ex) for ex in sets]
        orders = tuple(_order(pid, lang, runs) for lang in LANGS if any(r.lang == lang for r in runs))
        out.append(PersonaCalibration(
            pid, runs[0].anger[0], persona.thresholds, tuple(runs), orders,
        ))
    return Calibration(scenario, tuple(out))
