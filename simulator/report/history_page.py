"""The progress page: plain data for ``history.html`` from ``history.progress``."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from simulator import __version__
from simulator.engine import Rulebook
from simulator.errors import UnknownNameError
from simulator.i18n import pick, t
from simulator.report.build import labels, num
from simulator.report.chart import sparkline_svg
from simulator.report.render import render


def _date(value: str | None) -> str:
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _names(rules: Rulebook | None, persona: str, scenario: str, lang: str) -> tuple[str, str]:
    """Display names, or the ids when the content that defined them is not loaded."""
    if rules is None:
        return persona, scenario
    try:
        p = pick(rules.content.persona(persona).name, lang)
    except UnknownNameError:
        p = persona
    try:
        s = pick(rules.content.scenario(scenario).title, lang)
    except UnknownNameError:
        s = scenario
    return p, s


def _link(target: str | None, out_dir: Path | None) -> str:
    """A link to a report that works from the page's folder (relative when possible)."""
    if not target:
        return ""
    p = Path(target)
    if out_dir is not None:
        try:
            rel = os.path.relpath(p, out_dir)
            return quote(Path(rel).as_posix())
        except ValueError:  # another drive on Windows
            pass
    return p.resolve().as_uri()


def _session(s: dict[str, Any], lang: str, out_dir: Path | None) -> dict[str, Any]:
    outcome = s["outcome"] or ("incomplete" if not s["complete"] else "none")
    return {
        "date": _date(s["started_at"]),
        "score": num(s["total"]) if s["total"] is not None else "—",
        "passed": bool(s["passed"]) and s["complete"],
        "complete": s["complete"],
        "outcome": t(f"outcome.{outcome}", lang),
        "turns": str(s["turns"]),
        "anger": (f"{num(s['anger_start'])} → {num(s['anger_end'])}"
                  if s["anger_start"] is not None and s["anger_end"] is not None else "—"),
        "report": _link(s["report"], out_dir),
    }


def history_data(
    progress: dict[str, Any], *, lang: str, rules: Rulebook | None = None, trainee: str | None = None,
    out: str | Path | None = None, pass_mark: float = 70.0,
) -> dict[str, Any]:
    """Everything ``history.html`` needs."""
    out_dir = Path(out).resolve().parent if out is not None else None
    dim_names = {d.id: pick(d.name, lang) for d in rules.content.scoring.dimensions} if rules else {}
    trainees = []
    for tr in progress["trainees"]:
        groups = []
        for g in tr["groups"]:
            pname, sname = _names(rules, g["persona"], g["scenario"], lang)
            best, latest = g["best"], g["latest"]
            groups.append({
                "persona": pname,
                "scenario": sname,
                "count": g["count"],
                "counts": t("history.counts", lang, complete=g["complete"], passed=g["passed"],
                            interrupted=g["interrupted"]),
                "spark": sparkline_svg(g["scores"], pass_mark) if g["scores"] else None,
                "spark_label": t("history.spark_label", lang, scores=", ".join(num(x) for x in g["scores"])),
                "best": _session(best, lang, out_dir) if best else None,
                "latest": _session(latest, lang, out_dir),
                "sessions": [_session(s, lang, out_dir) for s in reversed(g["sessions"])],
            })
        trainees.append({
            "name": tr["trainee"],
            "summary": t("history.trainee_summary", lang, count=tr["count"], complete=tr["complete"],
                         passed=tr["passed"]),
            "groups": groups,
            "dimensions": [
                {"name": dim_names.get(d["dimension"], d["dimension"]), "mean": num(d["mean"]),
                 "latest": num(d["latest"]), "count": str(d["count"])}
                for d in tr["dimensions"]
            ],
        })
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "L": labels(lang, "history."),
        "title": t("history.page_title", lang) + (f" · {trainee}" if trainee else ""),
        "generator": t("report.generator", lang, version=__version__),
        "trainees": trainees,
    }


def history_html(progress: dict[str, Any], **kw: Any) -> str:
    return render("history.html", history_data(progress, **kw))
