"""Cohort aggregation: per-chunk statistics that merge exactly, then the cohort summary.

Every statistic is either a count or a sum of scores in tenths of a point (scores
are rounded to 0.1), so merging is exact integer arithmetic and the summary is the
same whatever the chunking order of arrival, number of workers or engine. The
kept lists (worst replies, weakest sets, phrases, trainees) are bounded and
ordered by explicit keys, so memory stays flat however long the input is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from simulator.engine import Rulebook, Turn
from simulator.text.normalise import fold_phrase

OUTCOMES = ("resolved", "escalated", "walked_out", "unresolved", None)  # None: the replies ran out
SCORE_STEPS = 1001  # scores 0.0–100.0 in tenths
# Bounded lists (issue 5: the report must stay small for 100,000 sets, memory flat for any input).
WORST_REPLIES = 25  # replies that angered the customer most (distinct texts: a bot repeating itself is one row)
REPEATS_TRACKED = 50000  # distinct worst replies counted for that row's count; later new ones are not counted
REPEAT_IDS = 10  # set ids kept per repeated reply, the first ones in input order
DETAIL_SETS = 200  # sets with a detail block in the report: all of a small run, else the weakest
PHRASES_TRACKED = 5000  # distinct phrases-to-avoid counted; later new ones go to "other"
TRAINEES_TRACKED = 20000  # distinct trainees tabulated; later new ones are counted, not listed
QUOTE_CHARS = 300  # longest reply text kept in the report




def _reply_key(scenario: str, text: str) -> bytes:
    """Identical reply texts in one scenario are one row of the worst replies (a stable 64-bit digest)."""
    return hashlib.blake2b(f"{scenario}\0{text}".encode(), digest_size=8).digest()


# A kept worst reply: (rank key, reply key, data); the rank key is (-rise, line, persona, turn).
Worst = tuple[tuple[Any, ...], bytes, dict[str, Any]]


def _distinct_worst(entries: list[Worst]) -> list[Worst]:
    """The WORST_REPLIES best-ranked entries with distinct reply keys, each its text's best-ranked one.

    Exact under merging: a text's best entry is the best of its chunks' best entries, so
    the result is the same whatever the chunking.
    """
    best: dict[bytes, Worst] = {}
    for e in sorted(entries, key=lambda e: e[0]):
        if e[1] not in best:
            best[e[1]] = e
            if len(best) == WORST_REPLIES:
                break
    return list(best.values())


def _tenths(x: float) -> int:
    return int(round(x * 10))


@dataclass
class ChunkStats:
    """Mergeable statistics of some results (a chunk, or everything so far)."""

    persona_outcomes: np.ndarray  # [persona, outcome] counts
    scenario_outcomes: np.ndarray  # [scenario, outcome] counts
    persona_score: np.ndarray  # [persona] sum of scores in tenths
    scenario_score: np.ndarray
    persona_passed: np.ndarray
    scenario_passed: np.ndarray
    score_hist: np.ndarray  # [tenths] counts
    passed_hist: np.ndarray  # [tenths] counts of the results that passed (fail_outcomes fail high scores too)
    dim_sum: np.ndarray  # [dimension] sum in tenths, N/A excluded
    dim_n: np.ndarray
    rule_passed: np.ndarray  # [rule] results where it fired, among those that passed
    rule_failed: np.ndarray
    # score in tenths × number of rules + rule → results with that score where the rule fired:
    # sparse (a chunk holds a few hundred keys), at most 1,001 × rules however long the input.
    rule_at_score: dict[int, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    error_codes: dict[str, int] = field(default_factory=dict)
    phrases: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # (rule, folded) → [count, quote]
    worst: list[Worst] = field(default_factory=list)
    weakest: list[tuple[tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    trainees: dict[str, list[Any]] = field(default_factory=dict)
    # reply key → [results whose worst reply it was, first REPEAT_IDS set ids]; the first
    # REPEATS_TRACKED keys in input order (chunks are merged in input order), counted exactly.
    repeats: dict[bytes, list[Any]] = field(default_factory=dict)

    def merge(self, other: ChunkStats) -> None:
        """Add ``other`` (the statistics of later input) into this one."""
        for name in ("persona_outcomes", "scenario_outcomes", "persona_score", "scenario_score", "persona_passed",
                     "scenario_passed", "score_hist", "passed_hist", "dim_sum", "dim_n", "rule_passed", "rule_failed"):
            getattr(self, name).__iadd__(getattr(other, name))
        for at, n in other.rule_at_score.items():
            self.rule_at_score[at] = self.rule_at_score.get(at, 0) + n
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        for key, n in other.error_codes.items():
            self.error_codes[key] = self.error_codes.get(key, 0) + n
        for phrase, (n, quote) in other.phrases.items():
            if phrase in self.phrases:
                self.phrases[phrase][0] += n
            elif len(self.phrases) < PHRASES_TRACKED:
                self.phrases[phrase] = [n, quote]
            else:
                self.counts["phrases_untracked"] = self.counts.get("phrases_untracked", 0) + n
        self.worst = _distinct_worst(self.worst + other.worst)
        for reply, (n, ids) in other.repeats.items():
            kept = self.repeats.get(reply)
            if kept is not None:
                kept[0] += n
                for i in ids:
                    if len(kept[1]) < REPEAT_IDS and i not in kept[1]:
                        kept[1].append(i)
            elif len(self.repeats) < REPEATS_TRACKED:
                self.repeats[reply] = [n, list(ids)]
        self.weakest = sorted(self.weakest + other.weakest, key=lambda kv: kv[0])[:DETAIL_SETS]
        for name, theirs in other.trainees.items():
            mine = self.trainees.get(name)
            if mine is None:
                if len(self.trainees) < TRAINEES_TRACKED:
                    self.trainees[name] = theirs
                else:
                    self.counts["trainee_results_untracked"] = self.counts.get("trainee_results_untracked", 0) + theirs[0]
                continue
            mine[0] += theirs[0]
            mine[1] += theirs[1]
            mine[2] += theirs[2]
            mine[3] = [a + b for a, b in zip(mine[3], theirs[3], strict=True)]
            mine[4] = min(mine[4], theirs[4])


class StatsBuilder:
    """The fixed indexes every chunk shares: personas, scenarios, outcomes, rules, dimensions."""

    def __init__(self, rules: Rulebook) -> None:
        content = rules.content
        self.personas = tuple(content.personas)
        self.scenarios = tuple(content.scenarios)
        self.dimensions = tuple(d.id for d in content.scoring.dimensions)
        self.rule_ids = tuple(rules.rules)
        self.persona_index = {p: i for i, p in enumerate(self.personas)}
        self.scenario_index = {s: i for i, s in enumerate(self.scenarios)}
        self.outcome_index = {o: i for i, o in enumerate(OUTCOMES)}
        self.rule_index = {r: i for i, r in enumerate(self.rule_ids)}
        # §5 phrases to avoid: negative language the trainee typed (not derived from other hits).
        self.avoid = frozenset(
            b.id for b in content.lexicon.behaviours
            if b.polarity == "negative" and b.group == "language" and b.derived is None
        )

    def empty(self) -> ChunkStats:
        p, s, o, d, r = len(self.personas), len(self.scenarios), len(OUTCOMES), len(self.dimensions), len(self.rule_ids)
        z = np.zeros
        return ChunkStats(
            persona_outcomes=z((p, o), np.int64), scenario_outcomes=z((s, o), np.int64),
            persona_score=z(p, np.int64), scenario_score=z(s, np.int64),
            persona_passed=z(p, np.int64), scenario_passed=z(s, np.int64),
            score_hist=z(SCORE_STEPS, np.int64), passed_hist=z(SCORE_STEPS, np.int64), dim_sum=z(d, np.int64), dim_n=z(d, np.int64),
            rule_passed=z(r, np.int64), rule_failed=z(r, np.int64),
        )

    def new(self) -> ChunkCollector:
        return ChunkCollector(self)


class ChunkCollector:
    """Gathers one chunk's results in plain lists; ``finish`` turns them into arrays at once."""

    def __init__(self, b: StatsBuilder) -> None:
        self.b = b
        self.counts = {"sets": 0, "results": 0, "errors": 0, "played": 0, "unused": 0}
        self.error_codes: dict[str, int] = {}
        self.score: list[int] = []
        self.persona: list[int] = []
        self.scenario: list[int] = []
        self.outcome: list[int] = []
        self.passed: list[bool] = []
        self.dims: list[list[int]] = []  # per result, tenths or -1 for N/A
        self.fired_passed: list[int] = []
        self.fired_failed: list[int] = []
        self.fired_at: list[int] = []  # score in tenths × rules + rule, per rule fired
        self.phrases: dict[tuple[str, str], list[Any]] = {}
        self.worst: list[Worst] = []
        self.repeats: dict[bytes, list[Any]] = {}
        # (key, row, worst reply): detail blocks are built at finish, for the kept ones only.
        self.weakest: list[tuple[tuple[Any, ...], dict[str, Any], dict[str, Any] | None]] = []
        self.trainees: dict[str, list[Any]] = {}

    def set_ok(self) -> None:
        self.counts["sets"] += 1

    def error(self, code: str) -> None:
        self.counts["errors"] += 1
        self.error_codes[code] = self.error_codes.get(code, 0) + 1

    def add(self, row: dict[str, Any], turns: list[Turn]) -> None:
        b = self.b
        score = _tenths(row["score"])
        pi = b.persona_index[row["persona"]]
        oi = b.outcome_index[row["outcome"]]
        self.counts["results"] += 1
        self.counts["played"] += row["played"]
        self.counts["unused"] += row["unused"]
        self.score.append(score)
        self.persona.append(pi)
        self.scenario.append(b.scenario_index[row["scenario"]])
        self.outcome.append(oi)
        self.passed.append(row["passed"])
        self.dims.append([-1 if v is None else _tenths(v) for v in row["dimensions"].values()])
        fired = self.fired_passed if row["passed"] else self.fired_failed
        ids = [b.rule_index[r] for r in row["behaviours"]] + [b.rule_index[s] for s in row["signals"]]
        fired.extend(ids)
        base = score * len(b.rule_ids)
        self.fired_at.extend(base + i for i in ids)
        worst_turn = self._phrases_and_worst(row, pi, turns)
        self.weakest.append(((score, row["line"], pi), row, worst_turn))
        name = row["trainee"] or ""
        entry = self.trainees.get(name)
        if entry is None:
            entry = self.trainees[name] = [0, 0, 0, [0] * len(OUTCOMES), (score, row["line"], pi, row["id"], row["persona"])]
        entry[0] += 1
        entry[1] += score
        entry[2] += 1 if row["passed"] else 0
        entry[3][oi] += 1
        entry[4] = min(entry[4], (score, row["line"], pi, row["id"], row["persona"]))

    def _phrases_and_worst(self, row: dict[str, Any], pi: int, turns: list[Turn]) -> dict[str, Any] | None:
        worst: Turn | None = None
        rise = 0.0  # the worst turn's delta: only a turn that angered the customer qualifies
        for turn in turns:
            for h in turn.hits:
                if h.counts_as in self.b.avoid and not h.derived:
                    key = (h.counts_as, fold_phrase(h.quote))
                    if key in self.phrases:
                        self.phrases[key][0] += 1
                    else:
                        self.phrases[key] = [1, h.quote]
            delta = turn.delta
            if delta > rise:
                worst, rise = turn, delta
        if worst is None:
            return None
        data = _worst_reply(row, worst)
        reply = _reply_key(row["scenario"], worst.text)
        self.worst.append(((-worst.delta, row["line"], pi, worst.index), reply, data))
        seen = self.repeats.get(reply)
        if seen is None:
            self.repeats[reply] = [1, [row["id"]]]
        else:
            seen[0] += 1
            if len(seen[1]) < REPEAT_IDS and row["id"] not in seen[1]:
                seen[1].append(row["id"])
        return data

    def finish(self) -> ChunkStats:
        b = self.b
        st = b.empty()
        if self.score:
            score = np.asarray(self.score, np.int64)
            persona = np.asarray(self.persona, np.intp)
            scenario = np.asarray(self.scenario, np.intp)
            outcome = np.asarray(self.outcome, np.intp)
            passed = np.asarray(self.passed, np.int64)
            no, np_, ns = len(OUTCOMES), len(b.personas), len(b.scenarios)
            st.persona_outcomes += np.bincount(persona * no + outcome, minlength=np_ * no).reshape(np_, no)
            st.scenario_outcomes += np.bincount(scenario * no + outcome, minlength=ns * no).reshape(ns, no)
            st.persona_score += np.bincount(persona, weights=score, minlength=np_).astype(np.int64)
            st.scenario_score += np.bincount(scenario, weights=score, minlength=ns).astype(np.int64)
            st.persona_passed += np.bincount(persona, weights=passed, minlength=np_).astype(np.int64)
            st.scenario_passed += np.bincount(scenario, weights=passed, minlength=ns).astype(np.int64)
            st.score_hist += np.bincount(score, minlength=SCORE_STEPS)
            st.passed_hist += np.bincount(score, weights=passed, minlength=SCORE_STEPS).astype(np.int64)
            dims = np.asarray(self.dims, np.int64).reshape(len(self.score), len(b.dimensions))
            st.dim_sum += np.where(dims >= 0, dims, 0).sum(axis=0)
            st.dim_n += (dims >= 0).sum(axis=0)
            nr = len(b.rule_ids)
            st.rule_passed += np.bincount(np.asarray(self.fired_passed, np.intp), minlength=nr)
            st.rule_failed += np.bincount(np.asarray(self.fired_failed, np.intp), minlength=nr)
            keys, hits = np.unique(np.asarray(self.fired_at, np.int64), return_counts=True)
            st.rule_at_score = dict(zip(keys.tolist(), hits.tolist(), strict=True))
        self.counts["passed"] = sum(self.passed)
        st.counts = self.counts
        st.error_codes = self.error_codes
        st.phrases = dict(list(self.phrases.items())[:PHRASES_TRACKED])
        st.worst = _distinct_worst(self.worst)
        st.repeats = self.repeats  # a chunk is small: every key of it is kept
        kept = sorted(self.weakest, key=lambda entry: entry[0])[:DETAIL_SETS]
        st.weakest = [(key, _detail(row, worst)) for key, row, worst in kept]
        st.trainees = self.trainees
        return st


def _worst_reply(row: dict[str, Any], turn: Turn) -> dict[str, Any]:
    text = turn.text if len(turn.text) <= QUOTE_CHARS else turn.text[: QUOTE_CHARS - 1] + "…"
    reasons = sorted((c for c in turn.changes if c.amount > 0), key=lambda c: -c.amount)[:4]
    return {
        "line": row["line"], "id": row["id"], "trainee": row["trainee"], "scenario": row["scenario"],
        "persona": row["persona"], "turn": turn.index, "text": text, "delta": turn.delta,
        "anger_before": turn.anger_before, "anger_after": turn.anger_after,
        "reasons": [{"rule": c.rule, "kind": c.kind, "quote": c.quote, "amount": c.amount} for c in reasons],
    }


def _with_repeats(data: dict[str, Any], repeats: list[Any] | None) -> dict[str, Any]:
    """A worst reply with how many results had the same text as their worst reply (same scenario).

    ``count`` is null when the text came after REPEATS_TRACKED other distinct ones and was not counted.
    """
    if repeats is None:
        return {**data, "count": None, "ids": [data["id"]]}
    return {**data, "count": repeats[0], "ids": list(repeats[1])}


def _detail(row: dict[str, Any], worst: dict[str, Any] | None) -> dict[str, Any]:
    keep = ("line", "id", "trainee", "scenario", "persona", "outcome", "score", "passed", "final_anger", "anger",
            "dimensions", "behaviours", "needs_met", "played", "unused")
    out = {k: row[k] for k in keep}
    out["worst_turn"] = worst
    return out


# ----------------------------------------------------------------------------- the summary


def _quantile(hist: np.ndarray, n: int, q: float) -> float | None:
    """Nearest-rank quantile of the scores held in ``hist`` (tenths), exact on the 0.1 grid."""
    if not n:
        return None
    return _quantile_tenths(hist, n, q) / 10


def _quantile_tenths(hist: np.ndarray, n: int, q: float) -> int:
    rank = max(1, int(np.ceil(q * n)))
    return int(np.searchsorted(np.cumsum(hist), rank))


def _separating_quarters(stats: ChunkStats, b: StatsBuilder, n: int) -> dict[str, Any]:
    """Which behaviours separate the top quarter of scores from the bottom quarter.

    Pass and fail split a cohort badly when almost everyone is on one side (a hard
    scenario, a strong group); the quartiles always split it, at exact cut scores.
    Results tied at a cut belong to its side; when the quartiles coincide, only scores
    strictly below and above them are compared.
    """
    hist = stats.score_hist
    if not n:
        return {"bottom_max": None, "top_min": None, "bottom": 0, "top": 0, "rules": []}
    low, high = _quantile_tenths(hist, n, 0.25), _quantile_tenths(hist, n, 0.75)
    if low >= high:
        low, high = low - 1, high + 1  # only scores strictly either side of the tie
    n_bottom, n_top = int(hist[: low + 1].sum()) if low >= 0 else 0, int(hist[high:].sum())
    nr = len(b.rule_ids)
    bottom = np.zeros(nr, np.int64)
    top = np.zeros(nr, np.int64)
    for at, k in stats.rule_at_score.items():
        score, rule = divmod(at, nr)
        if score <= low:
            bottom[rule] += k
        elif score >= high:
            top[rule] += k
    rows: list[dict[str, Any]] = []
    if n_bottom and n_top:
        for i, rid in enumerate(b.rule_ids):
            t, lo = int(top[i]), int(bottom[i])
            if not t and not lo:
                continue
            rt, rb = t / n_top, lo / n_bottom
            rows.append({"rule": rid, "top": t, "bottom": lo, "rate_top": round(rt, 3),
                         "rate_bottom": round(rb, 3), "difference": round(rt - rb, 3)})
        rows.sort(key=lambda r: (-abs(r["difference"]), r["rule"]))
    return {"bottom_max": low / 10 if low >= 0 else None, "top_min": high / 10 if high < SCORE_STEPS else None,
            "bottom": n_bottom, "top": n_top, "rules": rows}


def _exact(x: float) -> Fraction:
    """A threshold typed as a decimal (40.6), exactly: float 40.6 is 40.600000000000001…"""
    return Fraction(repr(float(x)))


def _mean(total_tenths: int, n: int) -> float | None:
    return round(total_tenths / n / 10, 1) if n else None


def _outcome_key(o: str | None) -> str:
    return o or "none"


def summarise(stats: ChunkStats, b: StatsBuilder, pass_mark: float, meta: dict[str, Any]) -> dict[str, Any]:
    """The plain data of summary.json and the cohort report: aggregates only, bounded in size."""
    c = stats.counts
    n = c.get("results", 0)
    hist = stats.score_hist
    total = int((hist * np.arange(SCORE_STEPS)).sum())
    passed = c.get("passed", 0)
    edges = [(lo * 10, (lo + 10) * 10 if lo < 90 else SCORE_STEPS) for lo in range(0, 100, 10)]
    bins = [int(hist[a:b].sum()) for a, b in edges]
    bins_passed = [int(stats.passed_hist[a:b].sum()) for a, b in edges]

    def group(names: tuple[str, ...], outcomes: np.ndarray, score: np.ndarray, won: np.ndarray) -> list[dict[str, Any]]:
        rows = []
        for i, name in enumerate(names):
            k = int(outcomes[i].sum())
            if not k:
                continue
            rows.append({
                "id": name, "results": k, "mean_score": _mean(int(score[i]), k),
                "pass_rate": round(int(won[i]) / k, 3),
                "outcomes": {_outcome_key(o): int(outcomes[i, j]) for j, o in enumerate(OUTCOMES)},
            })
        return rows

    n_passed = passed
    n_failed = n - passed
    separating: list[dict[str, Any]] = []
    for i, rid in enumerate(b.rule_ids):
        p_, f_ = int(stats.rule_passed[i]), int(stats.rule_failed[i])
        if not p_ and not f_:
            continue
        rp = p_ / n_passed if n_passed else 0.0
        rf = f_ / n_failed if n_failed else 0.0
        separating.append({"rule": rid, "passed": p_, "failed": f_, "rate_passed": round(rp, 3),
                           "rate_failed": round(rf, 3), "difference": round(rp - rf, 3)})
    separating.sort(key=lambda r: (-abs(r["difference"]), r["rule"]))
    phrases = sorted(stats.phrases.items(), key=lambda kv: (-kv[1][0], kv[0]))
    trainees = []
    for name, (k, score, won, outcomes, weakest) in stats.trainees.items():
        trainees.append({
            "trainee": name or None, "results": k, "mean_score": _mean(score, k), "pass_rate": round(won / k, 3),
            "outcomes": {_outcome_key(o): outcomes[j] for j, o in enumerate(OUTCOMES)},
            "weakest": {"line": weakest[1], "id": weakest[3], "persona": weakest[4], "score": weakest[0] / 10},
        })
    trainees.sort(key=lambda r: (r["mean_score"], r["trainee"] or ""))
    dims = {
        d: (round(int(stats.dim_sum[i]) / int(stats.dim_n[i]) / 10, 1) if int(stats.dim_n[i]) else None)
        for i, d in enumerate(b.dimensions)
    }
    fail_under, min_rate = meta.get("fail_under"), meta.get("min_pass_rate")
    return {
        "version": 1,
        **meta,
        # The gates compare the exact mean and rate, not the rounded figures shown: a mean
        # of 40.58 is below --fail-under 40.6 although it prints as 40.6.
        "below_threshold": fail_under is not None and (not n or total < _exact(fail_under) * 10 * n),
        "below_pass_rate": min_rate is not None and (not n or passed * 100 < _exact(min_rate) * n),
        "pass_mark": pass_mark,
        "totals": {
            "lines": c.get("sets", 0) + c.get("errors", 0), "sets": c.get("sets", 0), "results": n,
            "errors": c.get("errors", 0), "responses_played": c.get("played", 0),
            "responses_unused": c.get("unused", 0), "passed": passed,
        },
        "errors_by_code": dict(sorted(stats.error_codes.items())),
        "score": {
            "mean": _mean(total, n), "median": _quantile(hist, n, 0.5), "p25": _quantile(hist, n, 0.25),
            "p75": _quantile(hist, n, 0.75), "min": _quantile(hist, n, 0.0), "max": _quantile(hist, n, 1.0),
            "pass_rate": round(passed / n, 3) if n else None,
            "histogram": [{"from": lo, "to": lo + 10, "count": k, "passed": w}
                          for lo, k, w in zip(range(0, 100, 10), bins, bins_passed, strict=True)],
        },
        "dimensions": dims,
        "personas": group(b.personas, stats.persona_outcomes, stats.persona_score, stats.persona_passed),
        "scenarios": group(b.scenarios, stats.scenario_outcomes, stats.scenario_score, stats.scenario_passed),
        "separating": separating,
        "separating_quarters": _separating_quarters(stats, b, n),
        "phrases": [{"rule": r, "phrase": quote, "count": k} for (r, _folded), (k, quote) in phrases[:50]],
        "phrases_untracked": c.get("phrases_untracked", 0),
        "worst_replies": [_with_repeats(data, stats.repeats.get(reply)) for _rank, reply, data in stats.worst],
        "weakest_sets": [data for _key, data in stats.weakest],
        "trainees": trainees,
        "trainee_results_untracked": c.get("trainee_results_untracked", 0),
    }
