"""Authoring commands: new, lint, calibrate."""

from __future__ import annotations

import sys
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

# ----------------------------------------------------------------------------- new


@click.command()
@click.argument("kind", type=click.Choice(["scenario", "persona"]))
@click.argument("name")
@click.option("--from", "source", default=None,
              help="Start from this scenario or persona (default: general-complaint / friendly).")
@click.option("--dir", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write NAME.yaml in; the JSON Schema goes in its schema/ subfolder.")
@click.option("--force", is_flag=True, help="Overwrite NAME.yaml if it exists.")
@content_option
@lang_option
def new(kind: str, name: str, source: str | None, out_dir: str, force: bool,
        content_dirs: tuple[str, ...], lang: str | None) -> None:
    """Write a commented scenario or persona file that already validates.

    Its first line points editors at the JSON Schema, so VS Code and others
    validate and complete the file as you type.
    """
    from simulator.authoring.scaffold import scaffold
    from simulator.content import load_content
    from simulator.errors import InputError

    lg = resolve_lang(lang)
    content = load_content(content_dirs)
    try:
        made = scaffold(content, kind, name, source=source, out_dir=out_dir, lang=lg, force=force)
    except OSError as exc:  # --dir under a file, a read-only folder, a full disk
        raise InputError(t("cli.cannot_write", lg, path=exc.filename or out_dir, detail=exc.strerror or exc)) from None
    click.echo(t("new.written", lg, path=made.path))
    builtin = load_content(())
    if name in (builtin.scenarios if kind == "scenario" else builtin.personas):
        click.secho(t("new.shadows", lg, kind=t(f"content.what.{kind}", lg), name=name), fg="yellow", err=True)
    click.echo(t("new.schema", lg, path=made.schema.parent))
    click.echo(t("new.next", lg, path=made.path))


# ----------------------------------------------------------------------------- lint


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("--all", "report_all", is_flag=True,
              help="Report on the built-in content too, not only on the PATHs given.")
@content_option
@lang_option
@json_option
def lint(paths: tuple[str, ...], strict: bool, report_all: bool, content_dirs: tuple[str, ...], lang: str | None,
         as_json: bool) -> None:
    """Check that content works, beyond being valid (the built-ins when no PATH is given).

    Searches whether each persona can be calmed in each scenario, how fast,
    and whether it can be driven away; finds dead rules, phrases listed against
    their meaning, missing reply pools and translations. PATHs are loaded on
    top of the built-in content and only findings about them are shown (--all
    shows the built-ins' too); --content adds files they need (exemplars,
    personas) without reporting on them. When files do not load, every load
    error of every file is shown at once. Exit status: 0 passed, 1 failed,
    2 content does not load.
    """
    from simulator.authoring.findings import Severity, counts
    from simulator.authoring.lint import lint_paths

    lg = resolve_lang(lang)
    result = lint_paths(list(paths), context=content_dirs, report_all=report_all)
    if as_json:
        emit_json([f.to_dict(lg) for f in result.findings])
    else:
        for f in result.findings:
            colour = {"error": "red", "warning": "yellow", "info": "cyan"}[f.severity.value]
            head = click.style(t(f"lint.severity.{f.severity.value}", lg), fg=colour, bold=True)
            click.echo(f"{f.where()}: {head} [{f.code}] {f.message(lg)}")
            click.echo("    " + t("lint.hint", lg, hint=f.hint(lg)))
        n = counts(result.findings)
        click.echo(t("lint.summary", lg, files=len(result.files), errors=n[Severity.ERROR],
                     warnings=n[Severity.WARNING], infos=n[Severity.INFO], seconds=f"{result.seconds:.1f}"))
        failed = result.failed(strict)
        key = ("failed" if failed else "passed") + ("_strict" if strict else "")
        click.secho(t(f"lint.{key}", lg), fg="red" if failed else "green", bold=True)
    if result.invalid:
        sys.exit(2)
    if result.failed(strict):
        sys.exit(1)


# ----------------------------------------------------------------------------- calibrate


@click.command()
@click.option("--scenario", "-s", required=True, help="Scenario id (see `list`).")
@click.option("--persona", "-p", "personas", multiple=True, help="Persona id (repeatable; default: all).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), help="Also write an HTML chart here.")
@click.option("--check", is_flag=True, help="Exit 1 unless good < mediocre < bad for every persona.")
@content_option
@lang_option
@json_option
def calibrate(scenario: str, personas: tuple[str, ...], html_out: str | None, check: bool,
              content_dirs: tuple[str, ...], lang: str | None, as_json: bool) -> None:
    """Run the graded exemplar replies through every persona and compare.

    Shows each exemplar set's anger trajectory and score, and whether final
    anger orders good < mediocre < bad for each persona, in zh and en. Add your
    own sets with --content (a file of kind: exemplars).
    """
    from simulator.authoring.calibrate import calibrate as run

    rules = load_rules(content_dirs)
    lg = resolve_lang(lang)
    cal = run(rules, scenario, list(personas) or None)
    if html_out:
        from simulator.authoring.chart import render_html
        from simulator.report.render import write_page

        write_page(html_out, render_html(rules, cal, lg))
    if as_json:
        emit_json(cal.to_list())
    else:
        _print_calibration(rules, cal, lg)
        if html_out:
            click.echo(t("calibrate.written", lg, path=html_out))
    if check and not cal.ok:
        sys.exit(1)


def _print_calibration(rules: Any, cal: Any, lg: str) -> None:
    from simulator.authoring.chart import leave_text, notes, order_text
    from simulator.console import fmt, sparkline, trajectory

    title = getattr(rules.content.scenario(cal.scenario).title, lg)
    click.secho(t("calibrate.title", lg, scenario=title), bold=True)
    width = max(len(r.exemplar) for r in cal.runs())
    for p in cal.personas:
        persona = getattr(rules.content.persona(p.persona).name, lg)
        th = p.thresholds
        click.echo()
        click.secho(t("calibrate.persona", lg, persona=persona, anger=fmt(p.initial_anger),
                      resolve=fmt(th.resolve_at), leave=leave_text(th, lg)), bold=True)
        for r in p.runs:
            colour = {"good": "green", "mediocre": "yellow", "bad": "red"}[r.grade]
            outcome = t(f"outcome.{r.outcome or 'none'}", lg)
            click.echo("  " + click.style(f"{r.exemplar:<{width}}", fg=colour) + f"  {sparkline(r.anger):<10} "
                       + t("calibrate.run", lg, anger=trajectory(r.anger), outcome=outcome, score=fmt(r.score)))
        for o in p.orders:
            line = order_text(o, lg)
            click.secho("  " + line["text"], fg=None if line["ok"] is None else "green" if line["ok"] else "red")
        for note in notes(p, lg):
            click.secho("  " + note, fg="yellow")
    click.echo()
    if cal.ok:
        click.secho(t("calibrate.summary_ok", lg), fg="green", bold=True)
    else:
        bad = sum(not o.ok for p in cal.personas for o in p.orders)
        click.secho(t("calibrate.summary_bad", lg, count=bad), fg="red", bold=True)


COMMANDS = [new, lint, calibrate]
