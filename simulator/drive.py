"""``drive``: play the customer against an external support bot over JSON lines.

The protocol, one JSON object per line, UTF-8:

* the simulator writes ``{"customer": "...", "turn": n, "scenario": "...",
  "persona": "...", "lang": "zh", "run": k}`` to the bot's standard input, where
  ``turn`` is the number of the reply expected;
* the bot answers with one line ``{"response": "..."}`` on its standard output
  (blank lines are ignored; its standard error is kept in ``runs/run-NNN.stderr.txt``);
* when the session ends (resolved, escalated, walked out, patience gone) the
  simulator closes the bot's standard input and the bot should exit.

Every run starts a fresh bot process and plays one session with its own seed.
A bot that exits, prints something that is not such a line, or stays silent
longer than the turn timeout ends that run with a clear message; the process
(and anything it started) is stopped, so a run never hangs.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import shlex
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.batch.cohort import summarise
from simulator.batch.kernel import WorkerContext, csv_header, csv_row, json_line, result_row
from simulator.batch.outputs import CSV_BOM, AtomicOutputs, csv_line
from simulator.batch.render import cohort_html
from simulator.batch.runner import ERRORS, REPORT, RESULTS, RESULTS_CSV, SUMMARY
from simulator.batch.sets import ResponseSet
from simulator.content import load_content
from simulator.engine import Rulebook, Turn, opening, start, step
from simulator.engine.step import MAX_REPLY_CHARS
from simulator.errors import InputError
from simulator.i18n import t
from simulator.report import SessionInput, session_html, write_page
from simulator.report.transcript import dumps, footer_record, header_record, now, turn_record
from simulator.scoring import score_session

MAX_LINE_BYTES = 1 << 16  # a bot line longer than this is not a reply
STDERR_TAIL = 400  # characters of the bot's standard error quoted when it fails
EXIT_GRACE = 2.0  # seconds a bot gets to exit after its standard input is closed


@dataclass(frozen=True)
class DriveOptions:
    agent: str
    scenario: str
    persona: str
    runs: int = 1
    seed: int = 0
    turn_timeout: float = 30.0
    out_dir: str = "drive-results"
    fail_under: float | None = None
    min_pass_rate: float | None = None  # percent
    content_dirs: tuple[str, ...] = ()
    lang: str = "zh"


@dataclass(frozen=True)
class RunResult:
    number: int
    seed: int
    turns: tuple[Turn, ...]
    transcript: Path
    report: Path | None
    row: dict[str, Any] | None = None  # the results.jsonl line; None when the run failed
    error: str | None = None  # why the run failed, in the run's language
    code: str | None = None


@dataclass(frozen=True)
class DriveRun:
    summary: dict[str, Any]
    runs: list[RunResult] = field(default_factory=list)
    out_dir: Path = Path(".")

    @property
    def failed(self) -> list[RunResult]:
        return [r for r in self.runs if r.error is not None]

    @property
    def mean(self) -> float | None:
        return self.summary["score"]["mean"]


class BotError(Exception):
    """The bot broke the protocol; ``code`` names how (``drive.error.<code>``)."""

    def __init__(self, code: str, **fields: Any) -> None:
        super().__init__(code)
        self.code = code
        self.fields = fields


class Bot:
    """One bot process and its side of the protocol."""

    def __init__(self, argv: list[str], timeout: float, stderr_path: Path) -> None:
        self.timeout = timeout
        self.stderr_path = stderr_path
        self._stderr = open(stderr_path, "wb")  # noqa: SIM115 - closed in close()
        # A session of its own, so stopping it also stops anything it started.
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                                     start_new_session=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._out = self.proc.stdout.fileno()
        os.set_blocking(self._out, False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)
        self._buffer = b""

    def ask(self, message: dict[str, Any]) -> str:
        """Send one customer line; return the bot's response (or raise BotError)."""
        turn = message["turn"]
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            raise self._exited(turn) from None
        deadline = time.monotonic() + self.timeout
        while True:
            raw = self._line(turn, deadline)
            if raw.strip():
                break
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BotError("garbage", turn=turn, excerpt=_excerpt(raw)) from None
        if not isinstance(record, dict) or not isinstance(record.get("response"), str):
            raise BotError("no_response", turn=turn, excerpt=_excerpt(raw))
        response: str = record["response"]
        if len(response) > MAX_REPLY_CHARS:
            raise BotError("too_long", turn=turn, length=len(response), limit=MAX_REPLY_CHARS)
        return response

    def _line(self, turn: int, deadline: float) -> bytes:
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_LINE_BYTES:
                raise BotError("garbage", turn=turn, excerpt=_excerpt(self._buffer))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise BotError("silent", turn=turn, timeout=f"{self.timeout:g}")
            if not self._selector.select(remaining):
                continue
            try:
                chunk = os.read(self._out, 1 << 16)
            except BlockingIOError:
                continue
            if not chunk:
                if self._buffer.strip():  # a last line without its newline
                    line, self._buffer = self._buffer, b""
                    return line
                raise self._exited(turn)
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def _exited(self, turn: int) -> BotError:
        try:
            code = self.proc.wait(timeout=EXIT_GRACE)
        except subprocess.TimeoutExpired:
            code = None
        return BotError("exited", turn=turn, status="?" if code is None else code, stderr=self.stderr_tail())

    def stderr_tail(self) -> str:
        self._stderr.flush()
        try:
            text = self.stderr_path.read_bytes()[-STDERR_TAIL * 4:].decode("utf-8", "replace")
        except OSError:
            return ""
        text = text.strip()
        return text[-STDERR_TAIL:] if text else "—"

    def close(self) -> None:
        """Close its input; give it a moment to exit, then stop it and its children."""
        with contextlib.suppress(OSError):
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=EXIT_GRACE)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=EXIT_GRACE)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.proc.wait()
        self._selector.close()
        with contextlib.suppress(OSError):
            assert self.proc.stdout is not None
            self.proc.stdout.close()
        self._stderr.close()

    def _signal(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)


def _excerpt(raw: bytes, limit: int = 80) -> str:
    text = raw.decode("utf-8", "replace").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_drive(opts: DriveOptions, *, rules: Rulebook | None = None, echo: Any = None) -> DriveRun:
    """Play ``opts.runs`` sessions against the bot; write transcripts, reports and the cohort files."""
    rules = rules or Rulebook(load_content(list(opts.content_dirs)))
    rules.pairing(opts.scenario, opts.persona)  # unknown ids fail here, before any bot starts
    argv = shlex.split(opts.agent)
    if not argv:
        raise InputError(t("drive.no_agent", opts.lang))
    if opts.runs < 1:
        raise InputError(t("drive.bad_runs", opts.lang))
    out = Path(opts.out_dir)
    runs_dir = out / "runs"
    try:
        runs_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(t("batch.cannot_write", opts.lang, path=out, detail=exc.strerror or exc)) from None
    ctx = WorkerContext(rules, opts.lang)
    results: list[RunResult] = []
    for k in range(1, opts.runs + 1):
        result = _one_run(rules, ctx, opts, argv, k, runs_dir)
        results.append(result)
        if echo is not None:
            echo(result)
    return _write_cohort(rules, ctx, opts, results, out)


def _one_run(rules: Rulebook, ctx: WorkerContext, opts: DriveOptions, argv: list[str], k: int, runs_dir: Path) -> RunResult:
    seed = opts.seed + k - 1
    name = f"run-{k:03d}"
    state = start(rules, opts.scenario, opts.persona, seed=seed, lang=opts.lang)
    first_words = customer = opening(state)
    started = now()
    transcript = runs_dir / f"{name}.jsonl"
    trainee = opts.agent[:200]
    records: list[dict[str, Any]] = []
    turns: list[Turn] = []
    error: BotError | None = None
    with open(transcript, "w", encoding="utf-8", newline="\n") as tr:
        tr.write(dumps(header_record(scenario=opts.scenario, persona=opts.persona, lang=opts.lang, seed=seed,
                                     trainee=trainee, started_at=started, opening=customer,
                                     content=list(opts.content_dirs))) + "\n")
        try:
            bot = Bot(argv, opts.turn_timeout, runs_dir / f"{name}.stderr.txt")
        except OSError as exc:
            raise InputError(t("drive.error.start", opts.lang, agent=opts.agent, detail=exc.strerror or exc)) from None
        try:
            while not state.over:
                n = state.turn + 1
                response = bot.ask({"customer": customer, "turn": n, "scenario": opts.scenario,
                                    "persona": opts.persona, "lang": opts.lang, "run": k})
                turn = step(state, response)
                turns.append(turn)
                record = turn_record(turn.to_dict(), now())
                records.append(record)
                tr.write(dumps(record) + "\n")
                tr.flush()
                state = turn.state
                customer = turn.reply or ""
        except BotError as exc:
            error = exc
        finally:
            bot.close()
        ended = now()
        outcome = state.outcome.value if state.outcome else None
        footer = footer_record(outcome=outcome, ended_at=ended, complete=error is None,
                               ended_by="error" if error else "outcome", turns=len(turns))
        message = None
        if error is not None:
            message = t(f"drive.error.{error.code}", opts.lang, **error.fields)
            footer["error"] = message
        tr.write(dumps(footer) + "\n")
    inp = SessionInput(scenario=opts.scenario, persona=opts.persona, lang=opts.lang, seed=seed,
                       texts=tuple(x.text for x in turns), trainee=trainee, started_at=started.isoformat(),
                       ended_at=ended.isoformat(), opening=first_words,
                       recorded=tuple(records), ended_by=footer["ended_by"], complete=error is None,
                       source=str(transcript))
    report = write_page(runs_dir / f"{name}.html", session_html(rules, inp, lang=opts.lang))
    if error is not None:
        return RunResult(k, seed, tuple(turns), transcript, report, None, message, error.code)
    rs = ResponseSet(k, name, trainee, opts.scenario, (opts.persona,), tuple(x.text for x in turns))
    card = score_session(rules, opts.scenario, opts.persona, turns)
    return RunResult(k, seed, tuple(turns), transcript, report, result_row(ctx, rs, opts.persona, turns, card, seed=seed))


def _write_cohort(rules: Rulebook, ctx: WorkerContext, opts: DriveOptions, results: list[RunResult], out: Path) -> DriveRun:
    collector = ctx.stats.new()
    with AtomicOutputs(out, lang=opts.lang) as outs:
        res, table, errs = outs.open(RESULTS), outs.open(RESULTS_CSV), outs.open(ERRORS)
        table.write(CSV_BOM + csv_line(csv_header(ctx)))
        for r in results:
            if r.row is None:
                collector.error(f"bot_{r.code}")
                errs.write((json_line({"line": r.number, "id": f"run-{r.number:03d}", "run": r.number,
                                       "code": f"bot_{r.code}", "reason": r.error,
                                       "transcript": f"runs/{r.transcript.name}"}) + "\n").encode("utf-8"))
                continue
            collector.set_ok()
            collector.add(r.row, list(r.turns))
            res.write((json_line(r.row) + "\n").encode("utf-8"))
            table.write(csv_line(csv_row(ctx, r.row)))
        stats = ctx.stats.empty()
        stats.merge(collector.finish())
        meta = {"input": opts.agent, "format": "drive", "blank_lines": 0, "fail_under": opts.fail_under,
                "min_pass_rate": opts.min_pass_rate}
        summary = summarise(stats, ctx.stats, ctx.pass_mark, meta)
        outs.write_bytes(SUMMARY, (json.dumps(summary, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        outs.write_bytes(REPORT, cohort_html(summary, rules, opts.lang).encode("utf-8"))
        outs.commit()
    return DriveRun(summary, results, out)
