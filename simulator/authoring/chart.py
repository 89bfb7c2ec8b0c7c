"""The ``calibrate --html`` page: plain chart data first, then the template lays it out.

Every coordinate, label and colour class is computed here; ``reports/calibrate.html``
only places them (templates receive data, never logic).
"""

from __future__ import annotations

from typing import Any

from simulator.console import fmt, sparkline, trajectory
from simulator.engine import Rulebook
from simulator.i18n import t

from .calibrate import Calibration, PersonaCalibration

TEMPLATE = "calibrate.html"
# Plot area in SVG units; the page scales it to the window.
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 12, 34
NEVER = 101.0
Y_TICKS = (0, 25, 50, 75, 100)


def chart_data(rules: Rulebook, cal: Calibration, lang: str) -> dict[str, Any]:
    """Everything the page shows, as plain dicts and strings."""
    content = rules.content
    scenario = content.scenario(cal.scenario)
    labels = {k: t(f"calibrate.html_{k}", lang) for k in (
        "turn", "anger", "set", "grade", "lang", "trajectory", "outcome", "score")}
    return {
        "lang": "zh-CN" if lang == "zh" else "en",
        "title": t("calibrate.html_title", lang, scenario=getattr(scenario.title, lang)),
        "intro": t("calibrate.html_intro", lang),
        "situation": getattr(scenario.situation, lang),
        "labels": labels,
        "width": WIDTH,
        "height": HEIGHT,
        "personas": [_persona(rules, p, lang) for p in cal.personas],
        "summary": t("calibrate.summary_ok", lang) if cal.ok else t(
            "calibrate.summary_bad", lang, count=sum(not o.ok for p in cal.personas for o in p.orders)),
        "ok": cal.ok,
    }


def _x(turn: int, turns: int) -> float:
    return round(LEFT + (WIDTH - LEFT - RIGHT) * turn / max(1, turns), 1)


def _y(anger: float) -> float:
    return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(100.0, max(0.0, anger)) / 100), 1)


def _persona(rules: Rulebook, p: PersonaCalibration, lang: str) -> dict[str, Any]:
    persona = rules.content.persona(p.persona)
    name = getattr(persona.name, lang)
    turns = max(len(r.anger) - 1 for r in p.runs)
    lines = []
    rows = []
    for r in p.runs:
        points = " ".join(f"{_x(i, turns)},{_y(a)}" for i, a in enumerate(r.anger))
        outcome = t(f"outcome.{r.outcome or 'none'}", lang)
        lines.append({
            "points": points, "grade": r.grade, "dashed": r.lang == "en",
            "end_x": _x(len(r.anger) - 1, turns), "end_y": _y(r.final),
            "title": f"{r.exemplar}: {trajectory(r.anger)} ({outcome})",
        })
        rows.append({
            "set": r.exemplar, "grade": r.grade, "grade_name": t(f"calibrate.grade.{r.grade}", lang),
            "lang": t(f"calibrate.lang.{r.lang}", lang), "spark": sparkline(r.anger),
            "trajectory": trajectory(r.anger), "outcome": outcome, "score": fmt(r.score),
            "passed": r.passed,
        })
    th = p.thresholds
    rules_ = [{"y": _y(th.resolve_at), "label": t("calibrate.html_resolve", lang, value=fmt(th.resolve_at)),
               "kind": "resolve"}]
    for key, msg in (("escalate_at", "calibrate.html_escalate"), ("walk_out_at", "calibrate.html_walk_out")):
        value = getattr(th, key)
        if value < NEVER:
            rules_.append({"y": _y(value), "label": t(msg, lang, value=fmt(value)), "kind": "leave"})
    bands = []
    lower = 0.0
    for b in rules.content.engine.bands:
        upper = min(100.0, b.below)
        bands.append({"id": b.id, "y": _y(upper), "height": round(_y(lower) - _y(upper), 1)})
        lower = upper
    return {
        "id": p.persona,
        "name": name,
        "aria": t("calibrate.html_chart", lang, persona=name),
        "heading": t("calibrate.persona", lang, persona=name, anger=fmt(p.initial_anger),
                     resolve=fmt(th.resolve_at), leave=leave_text(th, lang)),
        "lines": lines,
        "rows": rows,
        "thresholds": rules_,
        "bands": bands,
        "plot": {"left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM},
        "x_ticks": [{"x": _x(i, turns), "label": str(i)} for i in range(turns + 1)],
        "y_ticks": [{"y": _y(v), "label": str(v)} for v in Y_TICKS],
        "orders": [order_text(o, lang) for o in p.orders],
        "notes": notes(p, lang),
    }


def leave_text(th: Any, lang: str) -> str:
    """When this customer leaves: "escalates ≥90, never walks out"."""
    parts = []
    for key, word in (("escalate_at", "escalate"), ("walk_out_at", "walk_out")):
        value = getattr(th, key)
        parts.append(t(f"calibrate.{word}", lang, value=fmt(value)) if value < NEVER
                     else t(f"calibrate.never_{word}", lang))
    return t("calibrate.leave", lang, escalate=parts[0], walk_out=parts[1])


def order_text(o: Any, lang: str) -> dict[str, Any]:
    """One line saying whether the grades order for a persona in a language."""
    name = t(f"calibrate.lang.{o.lang}", lang)
    if not o.complete:
        return {"ok": None, "text": t("calibrate.order_na", lang, language=name)}
    f, s = o.final, o.score
    if o.ok:
        return {"ok": True, "text": t("calibrate.order_ok", lang, language=name, good=fmt(f["good"]),
                                      mediocre=fmt(f["mediocre"]), bad=fmt(f["bad"]))}
    return {"ok": False, "text": t(
        "calibrate.order_bad", lang, language=name, good=fmt(f["good"]), mediocre=fmt(f["mediocre"]),
        bad=fmt(f["bad"]), sgood=fmt(s["good"]), smediocre=fmt(s["mediocre"]), sbad=fmt(s["bad"]))}


def notes(p: PersonaCalibration, lang: str) -> list[str]:
    """Whether this customer looks too hard or too easy in this scenario."""
    out = []
    if p.too_hard:
        out.append(t("calibrate.too_hard", lang, sets=", ".join(p.too_hard)))
    if p.too_easy:
        out.append(t("calibrate.too_easy", lang, sets=", ".join(p.too_easy)))
    return out


def render_html(rules: Rulebook, cal: Calibration, lang: str) -> str:
    """The page, rendered with the one strict Jinja environment of the reports."""
    from simulator.report.render import render

    return render(TEMPLATE, chart_data(rules, cal, lang))
