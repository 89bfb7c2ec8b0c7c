"""Session commands: play, report, history."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from simulator.commands.options import (
    content_option,
    emit_json,
    json_option,
    lang_option,
    load_rules,
    resolve_lang,
)
from simulator.i18n import t

# The exit code after Ctrl-C, as shells report a process ended by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130


@click.command()
@click.option("--scenario", "-s", default=None, help="Scenario id (see `list`; default: drawn from the seed).")
@click.option("--persona", "-p", default=None, help="Persona id (see `list`; default: drawn from the seed).")
@click.option("--seed", type=click.IntRange(min=0), default=None,
              help="Seed for the customer's words and any random choice (default: a fresh one, printed).")
@lang_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False), default=None,
              help="Write the HTML report here (default: in your data folder).")
@click.option("--transcript", "transcript_path", type=click.Path(dir_okay=False), default=None,
              help="Write the transcript (JSON lines) here; must not exist yet (default: in your data folder).")
@click.option("--trainee", default=None, help="Your name in the history (default: your user name).")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="History database (default: history.sqlite3 in your data folder).")
@click.option("--no-history", is_flag=True, help="Do not record this session in the history.")
@content_option
@click.pass_context
def play(
    ctx: click.Context, scenario: str | None, persona: str | None, seed: int | None, lang: str | None,
    report_path: str | None, transcript_path: str | None, trainee: str | None, db: str | None,
    no_history: bool, content_dirs: tuple[str, ...],
) -> None:
    """Practise one complaint in the terminal.

    Reply as the service agent; after each reply you see the customer's answer,
    the anger meter and why it moved. Inside the session: /hint, /restart,
    /quit, /help. Every turn is saved as you go; the report and transcript paths
    are printed at the end. With stdin from a pipe, one reply per line.
    """
    from simulator.play import Screen, SessionOptions, reader_for_stdin, run_session

    rules = load_rules(content_dirs)
    opts = SessionOptions(
        scenario=scenario, persona=persona, seed=seed, lang=resolve_lang(lang), trainee=trainee,
        report=report_path, transcript=transcript_path, db=db, history=not no_history, content=content_dirs,
    )
    result = run_session(rules, opts, reader_for_stdin(), Screen())
    if result.last.ended_by == "interrupted":
        ctx.exit(EXIT_INTERRUPTED)


@click.command("report")
@click.argument("transcript", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Where to write the HTML ('-' for stdout; default: your data folder's reports/).")
@lang_option
@content_option
def report_cmd(transcript: str, out: str | None, lang: str | None, content_dirs: tuple[str, ...]) -> None:
    """Render the HTML report of a session from its TRANSCRIPT.

    The engine is replayed from the recorded replies; the same transcript always
    gives the same bytes. A transcript recorded under other rules still renders,
    and says which turns now come out differently.
    """
    from simulator import paths
    from simulator.errors import UnknownNameError
    from simulator.report import render_transcript as render

    def render_transcript(*args: Any, **kwargs: Any) -> Any:
        try:
            return render(*args, **kwargs)
        except UnknownNameError as exc:  # the header names a persona or scenario not loaded
            raise UnknownNameError(f"{transcript}:1: header: {exc}") from None

    rules = load_rules(content_dirs)
    if out == "-":
        html, _ = render_transcript(rules, transcript, None, lang=lang)
        stdout = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
        if stdout is None:
            click.echo(html, nl=False)
        else:
            stdout.write(html.encode("utf-8"))
            stdout.flush()
        return
    target = Path(out) if out else paths.reports_dir() / f"{Path(transcript).stem}.html"
    _, written = render_transcript(rules, transcript, target, lang=lang)
    click.echo(t("session.report_written", resolve_lang(lang), path=written))


@click.command()
@click.option("--trainee", default=None, help="Only this trainee's sessions.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="History database (default: history.sqlite3 in your data folder).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write a progress page (HTML) here.")
@lang_option
@json_option
@content_option
def history(trainee: str | None, db: str | None, html_out: str | None, lang: str | None, as_json: bool,
            content_dirs: tuple[str, ...]) -> None:
    """Show progress per persona and scenario: scores over time, best and latest."""
    from simulator import paths
    from simulator.history import progress, sessions

    db_path = Path(db) if db else paths.history_db()
    if db and not db_path.exists():
        from simulator.errors import InputError

        raise InputError(f"{db_path}: no such history database")
    data = progress(sessions(db_path, trainee))
    lg = resolve_lang(lang)
    # Content only gives display names; plain JSON does not need it.
    rules = load_rules(content_dirs) if html_out or not as_json else None
    if html_out:
        from simulator.report.history_page import history_html
        from simulator.report.render import write_page

        page = history_html(data, lang=lg, rules=rules, trainee=trainee, out=html_out,
                            pass_mark=rules.content.scoring.pass_mark if rules else 70.0)
        written = write_page(html_out, page)
    if as_json:
        emit_json({"db": str(db_path), **data})
    else:
        _print_history(rules, data, lg, db_path)
    if html_out:
        click.echo(t("history.page_written", lg, path=written), err=as_json)


def _print_history(rules: Any, data: dict[str, Any], lg: str, db_path: Path) -> None:
    from simulator.console import sparkline
    from simulator.report.build import num
    from simulator.report.history_page import _date, _names

    if not data["trainees"]:
        click.echo(t("history.empty_db", lg, path=db_path))
        return
    for tr in data["trainees"]:
        click.secho(t("history.trainee_line", lg, name=tr["trainee"]) + "  " + t(
            "history.trainee_summary", lg, count=tr["count"], complete=tr["complete"], passed=tr["passed"]),
            bold=True)
        for g in tr["groups"]:
            pname, sname = _names(rules, g["persona"], g["scenario"], lg)
            click.echo(f"  {pname} · {sname}  " + t("history.counts", lg, complete=g["complete"],
                                                     passed=g["passed"], interrupted=g["interrupted"]))
            best, latest = g["best"], g["latest"]
            spark = sparkline(g["scores"]) if g["scores"] else "—"
            best_text = t("history.best_line", lg, score=num(best["total"]), date=_date(best["started_at"])) if best else ""
            outcome = latest["outcome"] or ("incomplete" if not latest["complete"] else "none")
            latest_score = num(latest["total"]) if latest["total"] is not None else "—"
            click.echo(f"    {spark}  {best_text}  " + t(
                "history.latest_line", lg, score=latest_score, date=_date(latest["started_at"]),
                outcome=t(f"outcome.{outcome}", lg)))
        if tr["dimensions"]:
            names = {d.id: getattr(d.name, lg) for d in rules.content.scoring.dimensions}
            dims = "  ".join(f"{names.get(d['dimension'], d['dimension'])} {num(d['mean'])}" for d in tr["dimensions"])
            click.echo("  " + t("history.dimension_means", lg, dims=dims))


COMMANDS = [play, report_cmd, history]
