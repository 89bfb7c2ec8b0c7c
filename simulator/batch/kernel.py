"""The work of one chunk, wherever it runs: decode, check, play, score, format.

``process_chunk`` is a pure function of the chunk and the content, so a chunk
gives the same bytes in this process, in a pool worker or on a Dask worker;
the runner only writes the pieces in input order. Everything written for a
chunk is produced here, as text, so the parent process stays light.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator.batch.cohort import ChunkStats, StatsBuilder
from simulator.batch.sets import LineError, ResponseSet, check_set
from simulator.content import load_content
from simulator.engine import Rulebook, Turn, start
from simulator.engine.step import apply_reading, read_reply
from simulator.i18n import t
from simulator.scoring import Scorecard, score_session

# The columns of results.csv, in order; dimension columns are added after ``unused``.
CSV_HEAD = ("line", "id", "trainee", "scenario", "persona", "outcome", "score", "passed",
            "final_anger", "anger", "played", "unused")
CSV_TAIL = ("behaviours", "signals", "needs_met")
# Characters that make Excel or LibreOffice read a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Chunk:
    """Consecutive items of the input: a raw JSON line, a record already parsed, or an error."""

    index: int
    lines: tuple[int, ...]
    items: tuple[bytes | dict[str, Any] | LineError, ...]


@dataclass(frozen=True)
class ChunkResult:
    index: int
    results: bytes  # results.jsonl lines, UTF-8: encoded here so the parent only writes
    csv: bytes  # results.csv rows
    errors: bytes  # errors.jsonl lines
    stats: ChunkStats
    ids: tuple[tuple[int, str], ...] = ()  # (line, id) of each set scored, for the parent's duplicate check


class WorkerContext:
    """The compiled content and everything a chunk needs besides its items."""

    def __init__(self, rules: Rulebook, lang: str) -> None:
        self.rules = rules
        self.lang = lang
        content = rules.content
        self.scenarios = content.scenarios
        self.personas = tuple(content.personas)
        self.dimensions = tuple(d.id for d in content.scoring.dimensions)
        self.pass_mark = content.scoring.pass_mark
        self.csv_columns = (*CSV_HEAD, *(f"dim_{d}" for d in self.dimensions), *CSV_TAIL)
        self.stats = StatsBuilder(rules)


_CONTEXTS: dict[tuple[tuple[str, ...], str], WorkerContext] = {}


def context(content_dirs: Sequence[str], lang: str) -> WorkerContext:
    """The context for these content folders, built once per process (pool or Dask worker)."""
    key = (tuple(content_dirs), lang)
    if key not in _CONTEXTS:
        _CONTEXTS[key] = WorkerContext(Rulebook(load_content(list(content_dirs))), lang)
    return _CONTEXTS[key]


def remember(ctx: WorkerContext, content_dirs: Sequence[str]) -> None:
    """Register an already built context (the parent's, inherited by forked workers)."""
    _CONTEXTS[(tuple(content_dirs), ctx.lang)] = ctx


def run_chunk(content_dirs: Sequence[str], lang: str, chunk: Chunk) -> ChunkResult:
    """Entry point for pool and Dask workers: look the context up, then process."""
    return process_chunk(context(content_dirs, lang), chunk)


def process_chunk(ctx: WorkerContext, chunk: Chunk) -> ChunkResult:
    """Score every item of the chunk: its results.jsonl, results.csv and errors.jsonl bytes, and its statistics."""
    results: list[str] = []
    errors: list[str] = []
    out = io.StringIO()
    writer = csv.writer(out)
    stats = ctx.stats.new()
    ids: list[tuple[int, str]] = []
    for line, item in zip(chunk.lines, chunk.items, strict=True):
        parsed = _parse(ctx, line, item)
        if isinstance(parsed, LineError):
            errors.append(error_line(parsed, ctx.lang))
            stats.error(parsed.code)
            continue
        stats.set_ok()
        ids.append((line, parsed.id))
        for persona, turns in zip(parsed.personas, play_set(ctx.rules, parsed), strict=True):
            card = score_session(ctx.rules, parsed.scenario, persona, turns)
            row = result_row(ctx, parsed, persona, turns, card)
            results.append(json_line(row))
            writer.writerow(csv_row(ctx, row))
            stats.add(row, turns)
    return ChunkResult(
        chunk.index,
        "".join(r + "\n" for r in results).encode("utf-8"),
        out.getvalue().encode("utf-8"),
        "".join(e + "\n" for e in errors).encode("utf-8"),
        stats.finish(),
        tuple(ids),
    )


def _parse(ctx: WorkerContext, line: int, item: bytes | dict[str, Any] | LineError) -> ResponseSet | LineError:
    if isinstance(item, LineError):
        return item
    if isinstance(item, dict):
        # Decoded from strict UTF-8 (CSV) or Arrow strings (Parquet): no lone surrogates.
        return check_set(item, line, ctx.scenarios, ctx.personas, check_surrogates=False)
    try:
        text = item.decode("utf-8-sig" if line == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return LineError(line, "bad_utf8", {"position": exc.start + 1}, excerpt=_excerpt(item))
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return LineError(line, "bad_json", {"detail": exc.msg, "column": exc.colno}, excerpt=_excerpt(item))
    except RecursionError:
        return LineError(line, "bad_json", {"detail": "nested too deeply", "column": 1}, excerpt=_excerpt(item))
    except ValueError as exc:  # not a JSONDecodeError: an integer too long to convert (Python's 4,300-digit limit)
        return LineError(line, "bad_json", {"detail": str(exc).split(";")[0], "column": 1}, excerpt=_excerpt(item))
    # Raw UTF-8 cannot hold a lone surrogate; only a JSON escape (\ud800) can.
    return check_set(record, line, ctx.scenarios, ctx.personas, check_surrogates=b"\\u" in item)


def _excerpt(raw: bytes, limit: int = 120) -> str:
    text = raw.decode("utf-8", "replace").rstrip("\r\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def play_set(rules: Rulebook, rs: ResponseSet) -> list[list[Turn]]:
    """Play the set against each of its personas, reading every reply once.

    Equal to ``play(start(...), responses, with_reply=False)`` for each persona:
    a reply's reading depends on the scenario and the earlier replies only, and
    every session still open at a turn has heard the same earlier replies.
    """
    states = [start(rules, rs.scenario, p, seed=rs.seed) for p in rs.personas]
    turns: list[list[Turn]] = [[] for _ in rs.personas]
    for text in rs.responses:
        open_ = [i for i, s in enumerate(states) if not s.over]
        if not open_:
            break
        reading = read_reply(rules, rs.scenario, text, states[open_[0]].seen)
        for i in open_:
            turn = apply_reading(states[i], reading, with_reply=False)
            turns[i].append(turn)
            states[i] = turn.state
    return turns


def result_row(
    ctx: WorkerContext, rs: ResponseSet, persona: str, turns: list[Turn], card: Scorecard, *, seed: int | None = None
) -> dict[str, Any]:
    """One line of results.jsonl: a set played against one persona (``seed``: the set's, by default)."""
    behaviours: dict[str, int] = {}
    signals: dict[str, int] = {}
    needs_met: list[str] = []
    for turn in turns:
        for h in turn.hits:
            if h.counts_as:
                behaviours[h.counts_as] = behaviours.get(h.counts_as, 0) + 1
        for s in turn.signals:
            signals[s.kind] = signals.get(s.kind, 0) + 1
        needs_met.extend(turn.needs_met)
    last = turns[-1]
    return {
        "line": rs.line,
        "id": rs.id,
        "trainee": rs.trainee,
        "scenario": rs.scenario,
        "persona": persona,
        "seed": rs.seed if seed is None else seed,
        "outcome": last.outcome.value if last.outcome else None,
        "final_anger": last.anger_after,
        "anger": [turns[0].anger_before, *(x.anger_after for x in turns)],
        "score": card.total,
        "passed": card.passed,
        "dimensions": {d.id: d.score for d in card.dimensions},
        "behaviours": dict(sorted(behaviours.items())),
        "signals": dict(sorted(signals.items())),
        "needs_met": needs_met,
        "played": len(turns),
        "unused": len(rs.responses) - len(turns),
    }


def _cell(value: Any) -> str:
    """Free text for a spreadsheet cell, defused if it would start a formula."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return f"{x:g}"


def csv_row(ctx: WorkerContext, row: dict[str, Any]) -> list[str]:
    dims = row["dimensions"]
    return [
        str(row["line"]), _cell(row["id"]), _cell(row["trainee"]), row["scenario"], row["persona"],
        row["outcome"] or "", _num(row["score"]), "yes" if row["passed"] else "no",
        _num(row["final_anger"]), " ".join(_num(a) for a in row["anger"]),
        str(row["played"]), str(row["unused"]),
        *(_num(dims.get(d)) for d in ctx.dimensions),
        ";".join(f"{k}:{v}" for k, v in row["behaviours"].items()),
        ";".join(f"{k}:{v}" for k, v in row["signals"].items()),
        ";".join(row["needs_met"]),
    ]


def csv_header(ctx: WorkerContext) -> list[str]:
    return list(ctx.csv_columns)


def error_line(err: LineError, lang: str) -> str:
    """One line of errors.jsonl: the 1-based line, the set id when known, a code and a reason."""
    row: dict[str, Any] = {"line": err.line}
    if err.id is not None:
        row["id"] = err.id
    row["code"] = err.code
    fields = {k: t(f"batch.type.{v}", lang) if k in ("got", "expected") else v for k, v in err.fields.items()}
    row["reason"] = t(f"batch.error.{err.code}", lang, **fields)
    if err.excerpt is not None:
        row["excerpt"] = err.excerpt
    return json_line(row)


def json_line(record: dict[str, Any]) -> str:
    """One JSON-lines record: compact, UTF-8 as typed, but never containing a line break.

    JSON escapes every control character, but U+0085, U+2028 and U+2029 pass
    through raw and split a line for readers that honour Unicode line breaks
    (``str.splitlines``, many editors); they only occur inside strings, so
    escaping them there keeps the record one line and the same JSON value.
    """
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return text
