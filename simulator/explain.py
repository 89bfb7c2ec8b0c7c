"""How a first reply would be judged: hits, signals, changes, anger before and after."""

from __future__ import annotations

from typing import Any

from simulator.engine import Rulebook, start, step
from simulator.reasons import change_reason, rule_name

DEFAULT_SCENARIO = "general-complaint"


def explain_reply(
    rules: Rulebook, text: str, persona: str, scenario: str | None = None, *, lang: str = "zh", seed: int = 0
) -> dict[str, Any]:
    """Judge ``text`` as the first reply of a session; plain data for JSON or the terminal."""
    sid = scenario or DEFAULT_SCENARIO
    state = start(rules, sid, persona, seed=seed, lang=lang)
    turn = step(state, text)
    data = turn.to_dict()
    for h in data["hits"]:
        h["name"] = rule_name(rules, h["behaviour"], lang)
        h["counts_as_name"] = rule_name(rules, h["counts_as"], lang) if h["counts_as"] else None
    for c, change in zip(data["changes"], turn.changes, strict=True):
        c["reason"] = change_reason(rules, change, lang, sid)
    data.update(
        persona=persona,
        scenario=sid,
        lang=lang,
        delta=turn.delta,
        needs_open=[n.id for n in rules.content.scenario(sid).needs if n.id not in turn.state.needs_met],
    )
    return data


def explain_many(
    rules: Rulebook, text: str, personas: list[str], scenario: str | None = None, *, lang: str = "zh", seed: int = 0
) -> dict[str, Any]:
    """``text`` judged as a first reply by each of ``personas``: one :func:`explain_reply` each."""
    sid = scenario or DEFAULT_SCENARIO
    return {"text": text, "scenario": sid, "lang": lang,
            "personas": [explain_reply(rules, text, p, sid, lang=lang, seed=seed) for p in personas]}
