"""Report data: everything a session report shows, computed before rendering.

``session_data`` replays the engine from the recorded replies (the transcript is
the source of truth), scores the turns, finds the coaching counterfactuals and
lays it all out as plain dicts and strings. Templates only place these values;
no scoring, formatting or language choice happens in them.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from simulator import __version__
from simulator.coaching import Improvement, improvements
from simulator.engine import Change, Rulebook, SessionState, Turn, opening, start, step
from simulator.i18n import messages, pick, plural_id, t
from simulator.reasons import change_reason, cited, rule_name, shown, signed
from simulator.report.chart import anger_chart
from simulator.report.transcript import Transcript
from simulator.scoring import DimensionScore, Evidence, Scorecard, score_session
from simulator.text.matcher import Hit, NeedHit

# "What went well" lists at most this many of the session's best moves.
WELL_LIMIT = 5
# Highlight classes by strength: where spans overlap the strongest one colours the text.
_MARK_RANK = {"negative": 4, "positive": 3, "need": 2, "neutral": 1, "cancelled": 0}


@dataclass(frozen=True)
class SessionInput:
    """What a report is made from: who played what, and the replies typed."""

    scenario: str
    persona: str
    lang: str
    seed: int
    texts: tuple[str, ...]
    trainee: str | None = None
    started_at: str | None = None
    ended_at: str | None = None
    version: str = __version__
    session_id: str | None = None
    opening: str | None = None  # as recorded
    recorded: tuple[dict[str, Any], ...] | None = None  # turn records, for the replay check
    ended_by: str | None = None  # None: no footer (a crash)
    complete: bool | None = None  # None: reached an outcome or not, by replay
    hints: int = 0
    source: str | None = None
    warnings: tuple[str, ...] = field(default=())


def from_transcript(tr: Transcript) -> SessionInput:
    h, f = tr.header, tr.footer
    ended_at = f["ended_at"] if f else (tr.turns[-1].get("at") if tr.turns else None)
    return SessionInput(
        scenario=h["scenario"], persona=h["persona"], lang=h["lang"], seed=h["seed"],
        texts=tuple(tr.texts), trainee=h.get("trainee"), started_at=h["started_at"],
        ended_at=ended_at if isinstance(ended_at, str) else None, version=h["version"],
        session_id=h.get("session_id"), opening=h.get("opening"), recorded=tr.turns,
        ended_by=f.get("ended_by") if f else None, complete=None,
        hints=int(f.get("hints", 0)) if f else 0, source=tr.path, warnings=tr.warnings,
    )


@dataclass(frozen=True)
class Replay:
    first: SessionState
    opening: str
    turns: tuple[Turn, ...]
    after_end: tuple[str, ...]  # replies recorded after the replayed session ended
    mismatched: tuple[int, ...]  # turns whose recorded result differs from the replay
    opening_differs: bool


def replay(rules: Rulebook, inp: SessionInput) -> Replay:
    """Run the engine again on the recorded replies (deterministic from the seed)."""
    first = start(rules, inp.scenario, inp.persona, seed=inp.seed, lang=inp.lang)
    state = first
    turns: list[Turn] = []
    after: list[str] = []
    for text in inp.texts:
        if state.over:
            after.append(text)
            continue
        turn = step(state, text)
        turns.append(turn)
        state = turn.state
    mismatched = []
    if inp.recorded is not None:
        for turn, rec in zip(turns, inp.recorded, strict=False):
            now = json.loads(json.dumps(turn.to_dict(), ensure_ascii=False))
            if any(rec.get(k) != v for k, v in now.items()):
                mismatched.append(turn.index)
        mismatched += [len(turns) + i + 1 for i in range(len(after))]
    op = opening(first)
    return Replay(first, op, tuple(turns), tuple(after), tuple(mismatched),
                  inp.opening is not None and inp.opening != op)


# ----------------------------------------------------------------------------- helpers


def labels(lang: str, prefix: str = "report.") -> dict[str, str]:
    """Every static label of one area, ids without the prefix (``report.title`` → ``title``).

    Ids with a further dot (``report.chart.title``) take fields and are formatted
    by the builder, so they are not labels.
    """
    return {
        k[len(prefix):]: t(k, lang) for k in messages()
        if k.startswith(prefix) and "." not in k[len(prefix):]
    }


def _time(value: str | None, lang: str) -> str:
    """A recorded ISO time for display, with its UTC offset: ``2025-03-01 14:25 (UTC+08:00)``."""
    if not value:
        return t("report.unknown", lang)
    dt = datetime.fromisoformat(value)
    off = dt.strftime("%z")
    zone = f" (UTC{off[:3]}:{off[3:]})" if off else ""
    return dt.strftime("%Y-%m-%d %H:%M") + zone


def _duration(a: str | None, b: str | None, lang: str) -> str | None:
    if not a or not b:
        return None
    secs = int((datetime.fromisoformat(b) - datetime.fromisoformat(a)).total_seconds())
    if secs < 0:
        return None
    return t("report.duration_value", lang, m=secs // 60, s=secs % 60)


def _cls(amount: float) -> str:
    return "calms" if amount < 0 else "angers" if amount > 0 else "flat"


def _name(rules: Rulebook, scenario: str, rule: str, lang: str, kind: str | None = None) -> str:
    """Display name of any id a report meets: behaviour, signal, need, outcome, drift…"""
    needs = {n.id: n for n in rules.content.scenario(scenario).needs}
    if kind == "need" or (kind is None and rule in needs and rule not in rules.rules):
        return rule_name(rules, rule, lang, scenario, "need")
    if rule in ("drift", "jab"):
        return rule_name(rules, rule, lang, scenario, rule)
    if rule in rules.rules:
        return rule_name(rules, rule, lang)
    if f"outcome.{rule}" in messages():
        return t(f"outcome.{rule}", lang)
    if f"report.rule.{rule}" in messages():
        return t(f"report.rule.{rule}", lang)
    return rule


def _reasons(rules: Rulebook, changes: Sequence[Change], lang: str, scenario: str) -> list[dict[str, str]]:
    """The rows of a why-anger-moved list; moves that round to nothing stay in the transcript only."""
    return [_reason(rules, c, lang, scenario) for c in changes if shown(c.amount)]


def _reason(rules: Rulebook, c: Change, lang: str, scenario: str) -> dict[str, str]:
    return {
        "amount": signed(c.amount),
        "cls": _cls(c.amount),
        "reason": change_reason(rules, c, lang, scenario),
        "section": cited(c.section, lang),
        "rule": c.rule,
    }


def segments(
    rules: Rulebook, text: str, hits: Sequence[Hit], needs: Sequence[NeedHit], lang: str, scenario: str
) -> list[dict[str, str]]:
    """The reply cut into runs, each with a highlight class and its rules for hover.

    Spans are the hits' offsets into what was typed; where spans overlap, the
    run carries every rule and takes the strongest class (negative first).
    """
    marks: list[tuple[int, int, str, str]] = []
    for h in hits:
        if h.end <= h.start:
            continue
        if h.counts_as is None:
            label = t("report.mark.cancelled", lang, rule=_name(rules, scenario, h.behaviour, lang))
            marks.append((h.start, h.end, "cancelled", label))
            continue
        rule = rules.rules[h.counts_as]
        label = f"{_name(rules, scenario, h.counts_as, lang)} ({h.counts_as}) · {cited(rule.section, lang)}"
        if h.negated:
            label = t("report.mark.negated", lang, rule=_name(rules, scenario, h.behaviour, lang)) + " → " + label
        if h.derived:
            label = t("report.mark.derived", lang) + " " + label
        marks.append((h.start, h.end, rule.polarity, label))
    for n in needs:
        if n.end > n.start:
            marks.append((n.start, n.end, "need", _name(rules, scenario, n.need, lang, "need")))
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    runs: list[dict[str, str]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        over = [m for m in marks if m[0] <= a and b <= m[1]]
        cls = max((m[2] for m in over), key=_MARK_RANK.__getitem__) if over else ""
        title = "; ".join(dict.fromkeys(m[3] for m in over))
        if runs and runs[-1]["cls"] == cls and runs[-1]["title"] == title:
            runs[-1]["text"] += text[a:b]
        else:
            runs.append({"text": text[a:b], "cls": cls, "title": title})
    return runs


# Clauses, each with the punctuation and spaces that close it: coaching rewrites
# clauses, so the diff shows whole clauses cut and added, not stray characters.
_CLAUSE = re.compile(r"[^,.!?;:，。！？；：\n]+[,.!?;:，。！？；：\n]*\s*|[,.!?;:，。！？；：\n]+\s*", re.S)


_CLAUSE_END = "。.，,、；;：:！!？?…"


def diff_segments(old: str, new: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``old`` with the clauses cut marked, ``new`` with the clauses added marked."""
    a, b = _CLAUSE.findall(old), _CLAUSE.findall(new)
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []

    def add(out: list[dict[str, Any]], text: str, changed: bool) -> None:
        if not text:
            return
        if out and out[-1]["changed"] == changed:
            out[-1]["text"] += text
        else:
            out.append({"text": text, "changed": changed})

    # A clause is the same clause whatever space or mark follows it (the last one of a
    # reply may have none; with a line added after it, it gains a full stop).
    keys_a, keys_b = [x.rstrip().rstrip(_CLAUSE_END) for x in a], [x.rstrip().rstrip(_CLAUSE_END) for x in b]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes():
        add(left, "".join(a[i1:i2]), op != "equal")
        add(right, "".join(b[j1:j2]), op != "equal")
    return left, right


def num(x: float) -> str:
    """Anger for the report: one decimal, whole numbers without it."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def delta(before: float, after: float) -> str:
    """The change as the reader can check it from the two numbers shown."""
    d = round(float(num(after)) - float(num(before)), 1)
    return "±0" if d == 0 else num(d) if d < 0 else "+" + num(d)


def _evidence_note(e: Evidence, lang: str) -> str:
    if not e.note:
        return ""
    if e.note == "extra_turns":
        return t("report.note.extra_turns", lang, n=e.count)
    return t(f"report.note.{e.note}", lang)


def _na_reason(d: DimensionScore, lang: str) -> str:
    return t(f"report.na.{d.na_reason}", lang) if d.na_reason else ""


def _evidence_rule(rules: Rulebook, d: DimensionScore, e: Evidence, lang: str, scenario: str) -> str:
    # Need ids may equal behaviour ids (``ownership``), so the evidence says which it is.
    return _name(rules, scenario, e.rule, lang, "need" if e.kind == "need" else "behaviour")


def _dimensions(rules: Rulebook, card: Scorecard, lang: str, scenario: str) -> list[dict[str, Any]]:
    out = []
    for d in card.dimensions:
        out.append({
            "id": d.id,
            "name": pick(d.name, lang),
            "section": cited(d.section, lang),
            "weight": f"{d.weight:g}",
            "na": d.score is None,
            "na_reason": _na_reason(d, lang) if d.score is None else "",
            "score": num(d.score) if d.score is not None else t("report.na", lang),
            "pct": f"{d.score:.0f}" if d.score is not None else "0",
            "cls": "" if d.score is None else ("pass" if d.score >= card.pass_mark else "fail"),
            "evidence": [
                {
                    "points": signed(e.points),
                    "cls": "gain" if e.points > 0 else "loss" if e.points < 0 else "flat",
                    "rule": _evidence_rule(rules, d, e, lang, scenario),
                    "turn": t("report.turn_n", lang, n=e.turn) if e.turn is not None else "",
                    "quote": e.quote,
                    "section": cited(e.section, lang),
                    "note": _evidence_note(e, lang),
                }
                for e in d.evidence
            ],
        })
    return out


def _well(rules: Rulebook, turns: Sequence[Turn], lang: str, scenario: str) -> list[dict[str, str]]:
    moves = sorted(
        ((c.amount, turn.index, c) for turn in turns for c in turn.changes
         if c.amount < 0 and shown(c.amount) and c.kind != "drift"),
        key=lambda x: (x[0], x[1]),
    )
    seen: set[str] = set()
    out = []
    for amount, index, c in moves:
        if c.rule in seen:
            continue
        seen.add(c.rule)
        out.append({
            "turn": t("report.turn_n", lang, n=index),
            "amount": signed(amount),
            "reason": change_reason(rules, c, lang, scenario),
            "section": cited(c.section, lang),
        })
        if len(out) == WELL_LIMIT:
            break
    return out


def _outcome_label(outcome: str | None, lang: str) -> str:
    return t(f"outcome.{outcome or 'none'}", lang)


def _improvement(rules: Rulebook, rank: int, imp: Improvement, lang: str, scenario: str) -> dict[str, Any]:
    real, cf = imp.turn, imp.counterfactual
    before, after = diff_segments(real.text, imp.suggestion)
    advice = []
    for rid in imp.advice:
        b = next((b for b in rules.content.lexicon.behaviours if b.id == rid), None)
        if b is not None and b.better is not None:
            advice.append({"rule": _name(rules, scenario, rid, lang), "text": pick(b.better, lang)})
    real_out = real.outcome.value if real.outcome else None
    cf_out = cf.outcome.value if cf.outcome else None
    return {
        "rank": rank,
        "turn": real.index,
        "turn_label": t("report.turn_n", lang, n=real.index),
        "original": before,
        "suggestion": after,
        "anger_before": num(real.anger_before),
        "actual": num(real.anger_after),
        "counterfactual": num(cf.anger_after),
        "actual_pct": f"{real.anger_after:.0f}",
        "cf_pct": f"{cf.anger_after:.0f}",
        "gain": t("report.coach.gain", lang, n=num(imp.gain)),
        "outcome_change": (
            t("report.coach.outcome_change", lang, actual=_outcome_label(real_out, lang), cf=_outcome_label(cf_out, lang))
            if real_out != cf_out else ""
        ),
        "reply": cf.reply or "",
        "fixes": _reasons(rules, imp.fixes, lang, scenario),
        "adds": _reasons(rules, imp.adds, lang, scenario),
        "advice": advice,
    }


# ----------------------------------------------------------------------------- the session


def session_data(rules: Rulebook, inp: SessionInput, *, lang: str | None = None, key: str = "s") -> dict[str, Any]:
    """Plain data for one session's part of a report (``_session.html``).

    ``key`` prefixes element ids so several sessions can share one page.
    """
    lg = lang or inp.lang
    rp = replay(rules, inp)
    turns = list(rp.turns)
    reached = bool(turns) and turns[-1].outcome is not None
    complete = reached if inp.complete is None else inp.complete
    card = score_session(rules, inp.scenario, inp.persona, turns, complete=complete)
    pair = rules.pairing(inp.scenario, inp.persona)
    scen, pers = pair.scenario, pair.persona
    outcome = card.outcome or "none"
    need_text = {n.id: n.description for n in scen.needs}

    values = [rp.first.anger] + [x.anger_after for x in turns]
    chart = _chart(rules, pair, values, lg)
    table = [
        {
            "turn": t("report.chart.start", lg) if i == 0 else str(i),
            "anger": num(v),
            "delta": "" if i == 0 else delta(values[i - 1], v),
            "band": t(f"report.band.{rules.band(v)}", lg),
        }
        for i, v in enumerate(values)
    ]
    recorded = {r.get("turn"): r for r in (inp.recorded or ())}
    timeline = []
    for x in turns:
        rec = recorded.get(x.index)
        note = ""
        if x.index in rp.mismatched and rec is not None:
            note = t("report.replay.turn_differs", lg, before=_num(rec.get("anger_before")),
                     after=_num(rec.get("anger_after")), reply=rec.get("reply") or "—")
        timeline.append({
            "index": x.index,
            "id": f"{key}-turn-{x.index}",
            "label": t("report.turn_n", lg, n=x.index),
            "segments": segments(rules, x.text, x.hits, x.needs, lg, inp.scenario),
            "signals": [
                {"name": _name(rules, inp.scenario, s.kind, lg), "cls": rules.rules[s.kind].polarity}
                for s in x.signals if s.kind in rules.rules
            ],
            "reply": x.reply or "",
            "before": num(x.anger_before),
            "after": num(x.anger_after),
            "delta": delta(x.anger_before, x.anger_after),
            "delta_cls": _cls(x.delta),
            "band": rules.band(x.anger_after),
            "band_label": t(f"report.band.{rules.band(x.anger_after)}", lg),
            "changes": _reasons(rules, sorted(x.changes, key=lambda c: -abs(c.amount)), lg, inp.scenario),
            "needs_met": [pick(need_text[n], lg) for n in x.needs_met],
            "outcome": _outcome_label(x.outcome.value, lg) if x.outcome else "",
            "mismatch": note,
        })

    status = ""
    if not complete:
        status = t(f"report.status.{inp.ended_by or 'crash'}", lg)
    replay_note = ""
    if rp.mismatched or rp.opening_differs:
        which = ", ".join(str(i) for i in rp.mismatched) or "—"
        replay_note = t(plural_id("report.replay.differs", len(rp.mismatched)), lg, turns=which)
    facts = []
    if inp.started_at:
        facts.append((t("report.fact.date", lg), _time(inp.started_at, lg)))
    if inp.trainee:
        facts.append((t("report.fact.trainee", lg), inp.trainee))
    facts += [
        (t("report.fact.seed", lg), str(inp.seed)),
        (t("report.fact.version", lg), inp.version),
        (t("report.fact.turns", lg), str(len(turns))),
    ]
    dur = _duration(inp.started_at, inp.ended_at, lg)
    if dur:
        facts.append((t("report.fact.duration", lg), dur))
    if inp.hints:
        facts.append((t("report.fact.hints", lg), str(inp.hints)))
    if inp.source:
        facts.append((t("report.fact.transcript", lg), inp.source.replace("\\", "/").rsplit("/", 1)[-1]))

    imps = improvements(rules, rp.first, turns)
    total_na = all(d.score is None for d in card.dimensions)
    return {
        "key": key,
        "scenario": {
            "id": scen.id, "title": pick(scen.title, lg), "situation": pick(scen.situation, lg),
            "meta": t("list.scenario_meta", lg, severity=t(f"severity.{scen.severity}", lg),
                      stance=t(f"stance.{scen.stance}", lg), nature=t(f"nature.{scen.nature}", lg),
                      needs=len(scen.needs)),
        },
        "persona": {
            "id": pers.id, "name": pick(pers.name, lg), "summary": pick(pers.summary, lg),
            "strategy": pick(pers.strategy, lg),
        },
        "facts": [{"label": a, "value": b} for a, b in facts],
        "complete": complete,
        "status": status,
        "replay_note": replay_note,
        "warnings": list(inp.warnings),
        "outcome": {"id": outcome, "label": _outcome_label(outcome, lg)},
        "score": {
            "total": t("report.na", lg) if total_na else num(card.total),
            "pass_mark": num(card.pass_mark),
            "passed": card.passed and complete and not total_na,
            # An unfinished session's score leaves the outcome out: it is shown, not graded.
            "grade": "partial" if not complete or total_na else ("pass" if card.passed else "fail"),
            "verdict": (t("report.failed_by_outcome", lg, outcome=t("outcome.ran_out", lg) if outcome == "none"
                                                                      else _outcome_label(outcome, lg))
                        if complete and not total_na and not card.passed and card.total >= card.pass_mark
                        else t("report.partial" if not complete or total_na
                               else "report.passed" if card.passed else "report.failed", lg)),
            "pct": "0" if total_na else f"{card.total:.0f}",
            "mark_pct": f"{card.pass_mark:.0f}",
        },
        "anger": {
            "start": num(values[0]), "end": num(values[-1]),
            "trajectory": " → ".join(num(v) for v in values),
        },
        "chart": chart,
        "chart_title": t("report.chart.title", lg, n=len(turns)),
        "chart_desc": t("report.chart.desc", lg, start=num(values[0]), end=num(values[-1]),
                        low=num(min(values)), high=num(max(values))),
        "table": table,
        "opening": rp.opening,
        "turns": timeline,
        "after_end": list(rp.after_end),
        "dimensions": _dimensions(rules, card, lg, inp.scenario),
        "well": _well(rules, turns, lg, inp.scenario),
        "improvements": [_improvement(rules, i + 1, imp, lg, inp.scenario) for i, imp in enumerate(imps)],
    }


def _num(x: object) -> str:
    return num(float(x)) if isinstance(x, (int, float)) and not isinstance(x, bool) else "?"


def _chart(rules: Rulebook, pair: Any, values: list[float], lang: str) -> dict[str, Any]:
    bands = []
    low = 0.0
    for b in rules.content.engine.bands:
        high = min(100.0, b.below)
        bands.append((b.id, low, high, t(f"report.band.{b.id}", lang)))
        low = high
    th = pair.persona.thresholds
    lines = [("resolve", th.resolve_at, t("report.chart.resolve_at", lang, n=num(th.resolve_at)))]
    leave = min(th.escalate_at, th.walk_out_at)
    if leave <= 100:
        which = "escalate" if th.escalate_at <= th.walk_out_at else "walk_out"
        lines.append((which, leave, t(f"report.chart.{which}_at", lang, n=num(leave))))
    titles = [
        t("report.chart.point_start", lang, anger=num(values[0]))
    ] + [t("report.chart.point", lang, n=i, anger=num(v)) for i, v in enumerate(values[1:], 1)]
    x_labels = [t("report.chart.start_short", lang)] + [str(i) for i in range(1, len(values))]
    return anger_chart(values, titles, bands, lines, x_labels)


def report_data(rules: Rulebook, inp: SessionInput, *, lang: str | None = None) -> dict[str, Any]:
    """Everything ``session.html`` needs: page labels and one session."""
    lg = lang or inp.lang
    s = session_data(rules, inp, lang=lg)
    return {
        "lang": lg,
        "html_lang": "zh-CN" if lg == "zh" else "en",
        "L": labels(lg),
        "title": t("report.page_title", lg, scenario=s["scenario"]["title"], persona=s["persona"]["name"]),
        "generator": t("report.generator", lg, version=__version__),
        "session": s,
    }


def demo_data(rules: Rulebook, inputs: Sequence[SessionInput], *, lang: str, scenario_title: str, set_id: str) -> dict[str, Any]:
    """Everything ``demo.html`` needs: one section per persona played."""
    sessions = [session_data(rules, inp, lang=lang, key=f"p{i + 1}") for i, inp in enumerate(inputs)]
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "L": labels(lang),
        "title": t("report.demo.title", lang, scenario=scenario_title),
        "intro": t("report.demo.intro", lang, set=set_id, n=len(inputs)),
        "generator": t("report.generator", lang, version=__version__),
        "sessions": sessions,
        "toc": [
            {"key": s["key"], "persona": s["persona"]["name"], "outcome": s["outcome"]["label"],
             "score": s["score"]["total"], "passed": s["score"]["passed"], "anger": s["anger"]["trajectory"]}
            for s in sessions
        ],
    }


__all__ = [
    "Replay", "SessionInput", "demo_data", "diff_segments", "from_transcript", "labels", "replay",
    "report_data", "segments", "session_data",
]
