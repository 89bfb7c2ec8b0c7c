"""``run_batch``: stream the input through an engine into atomically written outputs.

The parent process reads and cuts the input, writes what the workers return in
input order and merges their statistics; the workers do everything else. The
outputs are the same bytes whatever the engine and the number of workers:
seeds come from set ids, chunks are fixed, and nothing run-specific (time,
host, worker count) is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from simulator.batch.cohort import ChunkStats, summarise
from simulator.batch.engines import default_workers, make_engine
from simulator.batch.inputs import FirstLines, open_source
from simulator.batch.kernel import WorkerContext, csv_header
from simulator.batch.outputs import CSV_BOM, AtomicOutputs, csv_line
from simulator.batch.progress import Progress
from simulator.batch.render import cohort_html
from simulator.content import load_content
from simulator.engine import Rulebook
from simulator.errors import InputError
from simulator.i18n import t

RESULTS, RESULTS_CSV, ERRORS, SUMMARY, REPORT = "results.jsonl", "results.csv", "errors.jsonl", "summary.json", "report.html"


@dataclass(frozen=True)
class BatchOptions:
    """What ``complaint-sim batch`` was asked to do."""

    input: str
    out_dir: str = "batch-results"
    workers: int = 1  # 0: one per CPU
    engine: str = "local"
    scheduler: str | None = None
    fail_under: float | None = None
    min_pass_rate: float | None = None  # percent
    format: str = "auto"
    content_dirs: tuple[str, ...] = ()
    lang: str = "en"
    progress: bool | None = None  # None: when standard error is a terminal
    connect_timeout: float | None = None  # seconds, with ``scheduler``; None: Dask's distributed.comm.timeouts.connect


@dataclass(frozen=True)
class BatchRun:
    """What a finished run produced."""

    summary: dict[str, Any]
    out_dir: Path
    files: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return int(self.summary["totals"]["errors"])

    @property
    def mean(self) -> float | None:
        return self.summary["score"]["mean"]

    @property
    def below_threshold(self) -> bool:
        return bool(self.summary["below_threshold"])

    @property
    def below_pass_rate(self) -> bool:
        return bool(self.summary["below_pass_rate"])


def run_batch(opts: BatchOptions, *, rules: Rulebook | None = None, stdin: IO[bytes] | None = None) -> BatchRun:
    """Score every set of ``opts.input`` and write the five output files into ``opts.out_dir``."""
    if opts.workers < 0:
        raise InputError(t("batch.bad_workers", opts.lang))
    rules = rules or Rulebook(load_content(list(opts.content_dirs)))
    ctx = WorkerContext(rules, opts.lang)
    workers = opts.workers or default_workers()
    # The engine starts before the input is opened, so forked workers inherit no open files.
    engine = make_engine(opts.engine, ctx, opts.content_dirs, workers, opts.scheduler, opts.connect_timeout)
    try:
        source = open_source(opts.input, opts.format, lang=opts.lang, stdin=stdin)
        try:
            return _run(opts, rules, ctx, engine, source)
        finally:
            source.close()
    finally:
        engine.close()


class _RepeatedIds:
    """Set ids seen on more than one line: each is scored, but results.jsonl holds the id twice.

    Not an error (both lines are good sets, and each result carries its line), but a
    cohort file whose ids repeat joins ambiguously, so the run says so. The ids live on
    disk (``FirstLines``), so memory stays flat however long the input.
    """

    EXAMPLES = 10

    def __init__(self) -> None:
        self.first = FirstLines()
        self.count = 0
        self.examples: list[dict[str, Any]] = []

    def add(self, ids: Iterable[tuple[int, str]]) -> None:
        for line, sid in ids:
            earlier = self.first.first(sid, line)
            if earlier is not None:
                self.count += 1
                if len(self.examples) < self.EXAMPLES:
                    self.examples.append({"id": sid, "line": line, "first_line": earlier})

    def summary(self) -> dict[str, Any]:
        return {"count": self.count, "examples": self.examples}


def _run(opts: BatchOptions, rules: Rulebook, ctx: WorkerContext, engine: Any, source: Any) -> BatchRun:
    stats: ChunkStats = ctx.stats.empty()
    repeats = _RepeatedIds()
    progress = Progress(opts.lang, source.size, enabled=opts.progress)
    with AtomicOutputs(opts.out_dir, lang=opts.lang) as outs:
        results = outs.open(RESULTS)
        table = outs.open(RESULTS_CSV)
        errors = outs.open(ERRORS)
        # UTF-8 with BOM, so Excel opens Chinese correctly (issue 5).
        table.write(CSV_BOM + csv_line(csv_header(ctx)))
        try:
            for res in engine.map(source.chunks()):
                results.write(res.results)
                table.write(res.csv)
                errors.write(res.errors)
                stats.merge(res.stats)
                repeats.add(res.ids)
                c = stats.counts
                progress.update(c.get("sets", 0), c.get("played", 0), c.get("errors", 0), source.position())
        finally:
            progress.close()
        meta = {"input": source.name, "format": source.format, "blank_lines": source.blank_lines,
                "fail_under": opts.fail_under, "min_pass_rate": opts.min_pass_rate,
                "repeated_ids": repeats.summary()}
        summary = summarise(stats, ctx.stats, ctx.pass_mark, meta)
        outs.write_bytes(SUMMARY, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        outs.write_bytes(REPORT, cohort_html(summary, rules, opts.lang).encode("utf-8"))
        files = outs.commit()
    return BatchRun(summary, Path(opts.out_dir), files)

