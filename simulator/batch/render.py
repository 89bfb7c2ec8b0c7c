"""The cohort report: view data built from the summary, then one strict Jinja render.

Compute first, render second: :func:`cohort_data` turns summary.json's plain
data into ready-to-print rows (names in the report's language, percentages,
bar widths, chart coordinates); the templates in ``reports/`` (``cohort.html``
and its ``_cohort_*`` partials) only lay them out. The environment is this
module's own, strict like every template environment in the project:
autoescape on, ``StrictUndefined``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from simulator import __version__
from simulator.batch.cohort import OUTCOMES
from simulator.content import builtin_path
from simulator.engine import Rulebook
from simulator.i18n import format_message, messages, t
from simulator.reasons import rule_name, shown

TRAINEE_ROWS = 300  # rows of the per-trainee table; the rest are in results.csv
PHRASE_ROWS = 20
SEPARATING_ROWS = 12
HTML_LANG = {"zh": "zh-CN", "en": "en"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_path("reports"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def labels(lang: str, prefix: str = "batch.report.") -> dict[str, str]:
    """Every ``batch.report.*`` string in ``lang``, keyed by the part after the prefix."""
    return {k[len(prefix):]: t(k, lang) for k in messages() if k.startswith(prefix)}


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _num(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def _outcome_label(outcome: str | None, lang: str) -> str:
    return t(f"batch.outcome.{outcome or 'none'}", lang)


def _sparkline(values: list[float], width: int = 160, height: int = 36) -> str:
    """SVG polyline points for an anger trajectory on a fixed 0–100 scale."""
    if len(values) < 2:
        values = values * 2
    step = width / (len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - v / 100 * height:.1f}" for i, v in enumerate(values))


class _Names:
    def __init__(self, rules: Rulebook, lang: str) -> None:
        self.rules = rules
        self.lang = lang
        content = rules.content
        self.personas = {p: getattr(m.name, lang) for p, m in content.personas.items()}
        self.scenarios = {s: getattr(m.title, lang) for s, m in content.scenarios.items()}
        self.better = {b.id: getattr(b.better, lang) for b in content.lexicon.behaviours if b.better is not None}

    def rule(self, rid: str, scenario: str | None = None, kind: str = "behaviour") -> str:
        return rule_name(self.rules, rid, self.lang, scenario, kind)

    def persona(self, pid: str) -> str:
        return self.personas.get(pid, pid)

    def against(self, rid: str, difference: float) -> bool:
        """Whether a rule leans the other way from its sense: a bad move commoner among high scorers."""
        rule = self.rules.rules.get(rid)
        polarity = rule.polarity if rule is not None else "neutral"
        return (polarity == "negative" and difference > 0) or (polarity == "positive" and difference < 0)

    def scenario(self, sid: str) -> str:
        return self.scenarios.get(sid, sid)


def _reasons(names: _Names, reasons: list[dict[str, Any]], scenario: str) -> list[dict[str, Any]]:
    """Why a reply angered the customer; moves that round to nothing at one decimal are left out."""
    return [{"name": names.rule(r["rule"], scenario, r["kind"]), "quote": r["quote"], "amount": f"{r['amount']:+.1f}"}
            for r in reasons if shown(r["amount"])]


def anchor(line: int, persona: str) -> str:
    return f"set-{line}-{persona}"


def cohort_data(summary: dict[str, Any], rules: Rulebook, lang: str) -> dict[str, Any]:
    """Everything cohort.html shows, as display-ready plain data."""
    names = _Names(rules, lang)
    outcome_cols = [{"id": o or "none", "label": _outcome_label(o, lang)} for o in OUTCOMES]
    tot = summary["totals"]
    score = summary["score"]
    hist = score["histogram"]
    top = max((h["count"] for h in hist), default=0) or 1
    pass_mark = summary["pass_mark"]
    details = {anchor(d["line"], d["persona"]) for d in summary["weakest_sets"]}

    def link(line: int, persona: str) -> str | None:
        a = anchor(line, persona)
        return a if a in details else None

    def group(rows: list[dict[str, Any]], name: Any) -> list[dict[str, Any]]:
        out = []
        for r in sorted(rows, key=lambda r: (r["mean_score"], r["id"])):
            out.append({
                "name": name(r["id"]), "id": r["id"], "results": r["results"], "mean": _num(r["mean_score"]),
                "pass_rate": _pct(r["pass_rate"]),
                "outcomes": [{"count": r["outcomes"][c["id"]], "share": r["outcomes"][c["id"]] / r["results"]}
                             for c in outcome_cols],
            })
        return out

    quarters = summary["separating_quarters"]
    separating = [
        {"name": names.rule(s["rule"]), "rule": s["rule"], "top": _pct(s["rate_top"]),
         "bottom": _pct(s["rate_bottom"]), "difference": f"{s['difference'] * 100:+.0f}",
         "helps": s["difference"] > 0, "width": min(100, abs(s["difference"]) * 100),
         "against": names.against(s["rule"], s["difference"])}
        for s in quarters["rules"][:SEPARATING_ROWS]
    ]
    phrases = [
        {"phrase": p["phrase"], "name": names.rule(p["rule"]), "count": p["count"], "better": names.better.get(p["rule"], "")}
        for p in summary["phrases"][:PHRASE_ROWS]
    ]
    worst = []
    for w in summary["worst_replies"]:
        worst.append({
            "text": w["text"], "id": w["id"], "trainee": w["trainee"], "line": w["line"], "turn": w["turn"],
            "persona": names.persona(w["persona"]), "scenario": names.scenario(w["scenario"]),
            "delta": f"{w['delta']:+.1f}", "before": _num(w["anger_before"]), "after": _num(w["anger_after"]),
            "link": link(w["line"], w["persona"]),
            "reasons": _reasons(names, w["reasons"], w["scenario"]),
            # the same text as the worst reply of other results (same scenario): one row, counted
            "count": w.get("count") or 1,
            "others": ", ".join(str(i) for i in w.get("ids", ()) if i != w["id"])
                      + (", …" if (w.get("count") or 1) > len(w.get("ids", ())) else ""),
        })
    trainees = []
    for r in summary["trainees"][:TRAINEE_ROWS]:
        wk = r["weakest"]
        trainees.append({
            "name": r["trainee"] or "—", "results": r["results"], "mean": _num(r["mean_score"]),
            "pass_rate": _pct(r["pass_rate"]),
            "outcomes": ", ".join(f"{c['label']} {r['outcomes'][c['id']]}" for c in outcome_cols if r["outcomes"][c["id"]]),
            "weakest": {"id": wk["id"], "persona": names.persona(wk["persona"]), "score": _num(wk["score"]),
                        "line": wk["line"], "link": link(wk["line"], wk["persona"])},
        })
    dimensions = [
        {"name": getattr(d.name, lang), "mean": _num(summary["dimensions"].get(d.id)),
         "width": summary["dimensions"].get(d.id) or 0}
        for d in rules.content.scoring.dimensions
    ]
    sets = []
    for d in summary["weakest_sets"]:
        wt = d["worst_turn"]
        sets.append({
            "anchor": anchor(d["line"], d["persona"]), "id": d["id"], "trainee": d["trainee"] or "—", "line": d["line"],
            "persona": names.persona(d["persona"]), "scenario": names.scenario(d["scenario"]),
            "score": _num(d["score"]), "passed": d["passed"], "outcome": _outcome_label(d["outcome"], lang),
            "outcome_id": d["outcome"] or "none",
            "anger": " → ".join(_num(a) for a in d["anger"]), "spark": _sparkline(d["anger"]),
            "played": d["played"], "unused": d["unused"],
            "dimensions": [{"name": getattr(dim.name, lang), "score": _num(d["dimensions"].get(dim.id))}
                           for dim in rules.content.scoring.dimensions],
            "behaviours": ", ".join(f"{names.rule(b)} ×{n}" if n > 1 else names.rule(b) for b, n in d["behaviours"].items()),
            "worst": None if wt is None else {
                "turn": wt["turn"], "text": wt["text"], "delta": f"{wt['delta']:+.1f}",
                "reasons": _reasons(names, wt["reasons"], d["scenario"]),
            },
        })
    L = labels(lang)
    heading = summary["input"]
    if summary.get("format") == "drive":  # the same page for a bot's runs: its own words where they differ
        L.update(labels(lang, "drive.report."))
        heading = t("drive.report.heading", lang, input=summary["input"])
    return {
        "L": L,
        "fmt": format_message,  # L.x.format(…) that also picks English singular or plural
        "lang": lang,
        "html_lang": HTML_LANG[lang],
        "generator": f"complaint-sim {__version__}",
        "input": summary["input"],
        "heading": heading,
        "totals": tot,
        "errors_by_code": [{"code": k, "count": v} for k, v in summary["errors_by_code"].items()],
        "repeated_ids": summary.get("repeated_ids") or {"count": 0, "examples": []},
        "pass_mark": _num(pass_mark),
        "score": {k: _num(score[k]) for k in ("mean", "median", "p25", "p75", "min", "max")},
        "pass_rate": _pct(score["pass_rate"]),
        # Each bar in two parts: a score above the pass mark fails too when the customer was lost.
        "histogram": [{"label": f"{h['from']}–{h['to']}", "count": h["count"], "passed": h["passed"],
                       "failed_height": (h["count"] - h["passed"]) / top * 100, "passed_height": h["passed"] / top * 100}
                      for h in hist],
        "dimensions": dimensions,
        "outcome_cols": outcome_cols,
        "personas": group(summary["personas"], names.persona),
        "scenarios": group(summary["scenarios"], names.scenario),
        "separating": separating,
        "quarters": {"top_min": _num(quarters["top_min"]), "bottom_max": _num(quarters["bottom_max"]),
                     "top": quarters["top"], "bottom": quarters["bottom"]},
        "phrases": phrases,
        "phrases_untracked": summary["phrases_untracked"],
        "worst": worst,
        "trainees": trainees,
        "trainees_more": max(0, len(summary["trainees"]) - TRAINEE_ROWS),
        "trainee_results_untracked": summary["trainee_results_untracked"],
        "sets": sets,
        "sets_all": len(sets) >= tot["results"],
        "fail_under": None if summary.get("fail_under") is None else _num(summary["fail_under"]),
        "below": summary.get("below_threshold", False),
    }


def cohort_html(summary: dict[str, Any], rules: Rulebook, lang: str) -> str:
    return environment().get_template("cohort.html").render(**cohort_data(summary, rules, lang))
