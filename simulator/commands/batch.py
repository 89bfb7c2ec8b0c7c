"""Batch commands: score many response sets at once (`batch`), drive an external bot (`drive`)."""

from __future__ import annotations

from typing import Any

import click

from simulator.commands.options import content_option, lang_option, resolve_lang

FAIL_UNDER_HELP = "Exit with status 3 when the mean score is below SCORE (0–100)."
MIN_PASS_RATE_HELP = ("Exit with status 3 when fewer than PCT percent of results pass (a result fails below the "
                      "pass mark, or when the customer escalated, walked out or ran out of patience).")


def _fail_under(f):  # type: ignore[no-untyped-def]
    f = click.option("--min-pass-rate", type=click.FloatRange(0, 100), default=None, metavar="PCT",
                     help=MIN_PASS_RATE_HELP)(f)
    return click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="SCORE",
                        help=FAIL_UNDER_HELP)(f)


def _fail(lg: str, summary: dict[str, Any], fail_under: float | None, min_pass_rate: float | None,
          failure: Exception | None) -> None:
    """Raise ``failure`` (lines or runs that failed), else the first gate not met; say every other gate missed."""
    from simulator.errors import BelowPassMark
    from simulator.i18n import t

    score = summary["score"]
    gates = []
    if summary["below_threshold"]:
        gates.append(t("batch.below", lg, mean="—" if score["mean"] is None else score["mean"], fail_under=fail_under))
    if summary["below_pass_rate"]:
        rate = "—" if score["pass_rate"] is None else f"{score['pass_rate']:.1%}"
        gates.append(t("batch.below_pass_rate", lg, rate=rate, min=f"{min_pass_rate:g}"))
    if failure is None and gates:
        failure = BelowPassMark(gates.pop())
    for message in gates:
        click.echo(t("cli.error", lg, message=message), err=True)
    if failure is not None:
        raise failure


@click.command()
@click.argument("input_path", metavar="INPUT", type=str)
@click.option("--out", "out_dir", default="batch-results", show_default=True, type=click.Path(file_okay=False),
              help="Folder for results.jsonl, results.csv, errors.jsonl, summary.json and report.html.")
@click.option("--workers", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes to use; 0 for one per CPU.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: a Dask cluster (extra complaint-sim[dask]).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the scheduler of an existing cluster (else a LocalCluster).")
@click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SEC",
              help="With --scheduler: seconds to wait for the scheduler to answer "
                   "(default: Dask's distributed.comm.timeouts.connect, 30 s unless configured).")
@_fail_under
@click.option("--format", "fmt", type=click.Choice(["auto", "jsonl", "csv", "parquet"]), default="auto",
              show_default=True, help="Input format (auto: from the extension, else the first bytes).")
@click.option("--progress/--no-progress", default=None, help="Progress line on stderr (default: when it is a terminal).")
@content_option
@lang_option
def batch(input_path: str, out_dir: str, workers: int, engine: str, scheduler: str | None,
          connect_timeout: float | None, fail_under: float | None, min_pass_rate: float | None, fmt: str,
          progress: bool | None,
          content_dirs: tuple[str, ...], lang: str | None) -> None:
    """Score every response set in INPUT (JSON lines, CSV or Parquet; `-` for stdin).

    One result per set and persona, in input order, the same bytes whatever
    --workers and --engine. Bad lines go to errors.jsonl with their line number
    and a reason; the exit status is then 2. With --fail-under, a mean score
    below the threshold exits with 3.
    """
    from simulator.batch import BatchOptions, run_batch
    from simulator.errors import InputError
    from simulator.i18n import t

    lg = resolve_lang(lang)
    opts = BatchOptions(input=input_path, out_dir=out_dir, workers=workers, engine=engine, scheduler=scheduler,
                        fail_under=fail_under, min_pass_rate=min_pass_rate, format=fmt, content_dirs=content_dirs, lang=lg, progress=progress,
                        connect_timeout=connect_timeout)
    try:
        run = run_batch(opts)
    except OSError as exc:  # e.g. a folder named results.jsonl in --out, a full disk
        raise InputError(t("batch.io_error", lg, path=exc.filename2 or exc.filename or out_dir, detail=exc.strerror or exc)) from None
    tot = run.summary["totals"]
    score = run.summary["score"]
    if tot["lines"] == 0:
        click.echo(t("batch.empty", lg), err=True)
    else:
        rate = "—" if score["pass_rate"] is None else f"{score['pass_rate']:.0%}"
        click.echo(t("batch.done", lg, sets=tot["sets"], results=tot["results"], responses=tot["responses_played"],
                     mean="—" if run.mean is None else run.mean, pass_rate=rate, out=out_dir))
    repeated = run.summary["repeated_ids"]
    if repeated["count"]:
        e = repeated["examples"][0]
        click.secho(t("batch.dup_ids", lg, n=repeated["count"], id=e["id"], first=e["first_line"], line=e["line"]),
                    fg="yellow", err=True)
    lines_failed = InputError(t("batch.lines_failed", lg, errors=run.errors, path=run.out_dir / "errors.jsonl"))
    _fail(lg, run.summary, fail_under, min_pass_rate, lines_failed if run.errors else None)


@click.command()
@click.option("--agent", required=True, metavar="CMD",
              help="The bot to test, a command line (e.g. \"python examples/polite_bot.py\").")
@click.option("--scenario", "-s", required=True, help="Scenario id (see `list`).")
@click.option("--persona", "-p", required=True, help="Persona id (see `list`).")
@click.option("--runs", type=click.IntRange(min=1), default=1, show_default=True, help="Sessions to play, each with a fresh bot.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of run 1; run k uses SEED + k - 1.")
@click.option("--turn-timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SEC", help="Seconds the bot may take to answer one turn.")
@click.option("--out", "out_dir", default="drive-results", show_default=True, type=click.Path(file_okay=False),
              help="Folder for runs/ (transcripts and reports), results.jsonl, results.csv, summary.json, report.html.")
@_fail_under
@content_option
@lang_option
def drive(agent: str, scenario: str, persona: str, runs: int, seed: int, turn_timeout: float, out_dir: str,
          fail_under: float | None, min_pass_rate: float | None, content_dirs: tuple[str, ...],
          lang: str | None) -> None:
    """Play the customer against an external bot speaking JSON lines.

    The bot reads {"customer": ..., "turn": n, ...} lines on stdin and answers
    each with one {"response": ...} line on stdout; stdin is closed when the
    session ends. A bot that exits, prints garbage or stays silent past
    --turn-timeout ends its run with a message; the exit status is then 1.
    See examples/polite_bot.py.
    """
    from simulator.drive import DriveOptions, RunResult, run_drive
    from simulator.errors import SimError
    from simulator.i18n import t

    lg = resolve_lang(lang)

    def echo(r: RunResult) -> None:
        if r.row is None:
            click.echo(t("drive.run_failed", lg, run=r.number, runs=runs, reason=r.error, transcript=r.transcript),
                       err=True)
            return
        outcome = t(f"batch.outcome.{r.row['outcome'] or 'none'}", lg)
        click.echo(t("drive.run_ok", lg, run=r.number, runs=runs, outcome=outcome, score=r.row["score"],
                     turns=r.row["played"], report=r.report))

    opts = DriveOptions(agent=agent, scenario=scenario, persona=persona, runs=runs, seed=seed,
                        turn_timeout=turn_timeout, out_dir=out_dir, fail_under=fail_under, min_pass_rate=min_pass_rate,
                        content_dirs=content_dirs, lang=lg)
    run = run_drive(opts, echo=echo)
    mean = "—" if run.mean is None else run.mean
    click.echo(t("drive.done", lg, ok=runs - len(run.failed), runs=runs, mean=mean, out=out_dir,
                 passed=run.summary["totals"]["passed"]))
    runs_failed = SimError(t("drive.failed", lg, failed=len(run.failed), runs=runs, path=run.out_dir / "errors.jsonl"))
    _fail(lg, run.summary, fail_under, min_pass_rate, runs_failed if run.failed else None)


COMMANDS = [batch, drive]
