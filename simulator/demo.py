"""The non-interactive demo: a built-in scenario, canned replies, every persona."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.content import models as m
from simulator.engine import Rulebook, Turn, opening, play, start
from simulator.errors import UnknownNameError
from simulator.scoring import Scorecard, score_session

DEMO_SCENARIO = "general-complaint"


@dataclass(frozen=True)
class DemoRun:
    persona: str
    opening: str
    initial_anger: float
    turns: tuple[Turn, ...]
    scorecard: Scorecard


def exemplar(rules: Rulebook, scenario: str, set_id: str | None, lang: str, grade: str = "good") -> m.ExemplarSet:
    sets = rules.content.exemplars.get(scenario, ())
    for s in sets:
        if (set_id and s.id == set_id) or (not set_id and s.grade == grade and s.lang == lang):
            return s
    known = ", ".join(s.id for s in sets) or "none"
    raise UnknownNameError(f"no exemplar set {set_id or grade + '/' + lang!r} for {scenario!r}; known: {known}")


def run_demo(
    rules: Rulebook, *, scenario: str = DEMO_SCENARIO, personas: list[str] | None = None,
    set_id: str | None = None, lang: str = "zh", seed: int = 0,
) -> tuple[m.ExemplarSet, list[DemoRun]]:
    """Play one exemplar set against each persona (all by default)."""
    ex = exemplar(rules, scenario, set_id, lang)
    runs = []
    for pid in personas or list(rules.content.personas):
        state = start(rules, scenario, pid, seed=seed, lang=ex.lang)
        turns = play(state, ex.responses)
        runs.append(
            DemoRun(pid, opening(state), state.anger, tuple(turns), score_session(rules, scenario, pid, turns))
        )
    return ex, runs


def demo_report(
    rules: Rulebook, ex: m.ExemplarSet, runs: list[DemoRun], *, scenario: str = DEMO_SCENARIO,
    lang: str = "zh", seed: int = 0, out_dir: str | Path | None = None,
) -> Path:
    """Write one HTML page with a full report per persona played; returns its path.

    The default folder is the user data directory's ``reports/``. The demo has no
    clock: the page depends only on the content, the replies and the seed.
    """
    from simulator import paths
    from simulator.i18n import pick
    from simulator.report import SessionInput, demo_html, write_page

    inputs = [
        # The demo scores replies that ran out as complete (judged unresolved), as run_demo does.
        SessionInput(scenario=scenario, persona=r.persona, lang=ex.lang, seed=seed, texts=tuple(ex.responses),
                     complete=True)
        for r in runs
    ]
    html = demo_html(rules, inputs, lang=lang, scenario_title=pick(rules.content.scenario(scenario).title, lang),
                     set_id=ex.id)
    folder = Path(out_dir) if out_dir is not None else paths.reports_dir()
    return write_page(folder / f"demo-{scenario}-{ex.id}-{lang}.html", html)
