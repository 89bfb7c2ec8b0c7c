"""Core commands: list, validate, schema, explain, demo."""

from __future__ import annotations

import json
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
from simulator.i18n import default_lang, t

# ----------------------------------------------------------------------------- list / validate / schema


@click.command("list")
@content_option
@lang_option
@json_option
def list_cmd(content_dirs: tuple[str, ...], lang: str | None, as_json: bool) -> None:
    """List the personas and scenarios available."""
    from simulator.content import load_content
    from simulator.content.catalog import catalog

    data = catalog(load_content(content_dirs))
    if as_json:
        emit_json(data)
        return
    lg = resolve_lang(lang)
    click.secho(t("list.personas", lg), bold=True)
    for p in data["personas"]:
        click.echo(f"  {p['id']:<16} {p['name'][lg]:<12} " + t("list.anger", lg, anger=p["initial_anger"], patience=p["patience"]))
    click.secho(t("list.scenarios", lg), bold=True)
    for s in data["scenarios"]:
        meta = t(
            "list.scenario_meta", lg, severity=t(f"severity.{s['severity']}", lg),
            stance=t(f"stance.{s['stance']}", lg), nature=t(f"nature.{s['nature']}", lg), needs=len(s["needs"]),
        )
        click.echo(f"  {s['id']:<20} {s['title'][lg]}\n  {'':<20} {meta}")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@content_option
@lang_option
def validate(paths: tuple[str, ...], content_dirs: tuple[str, ...], lang: str | None) -> None:
    """Check content files (the built-ins when no PATH is given).

    Every error of every file in one run, each as file:line:column: field: message,
    sorted by file and line. `--content` folders are checked like PATHs, against
    the built-in lexicon and rules. A file is marked ✓ only once every check has run
    on it; one that could not be fully checked because of another file's errors is
    marked ?.
    """
    from simulator.content.catalog import validate_report
    from simulator.content.problems import describe

    lg = resolve_lang(lang)
    report = validate_report([*paths, *content_dirs])
    bad = {e.path for e in report.errors}
    for f in report.files:
        if f in report.unchecked:
            click.echo(t("content.not_checked", lg, path=f))
        elif f not in bad:
            click.echo(t("validate.ok", lg, path=f))
    for e in report.errors:
        click.echo(describe(e, lg), err=True)
    if report.errors:
        click.echo(t("validate.summary_bad", lg, bad=len(bad), count=len(report.files)), err=True)
        sys.exit(2)
    click.echo(t("validate.summary_ok", lg, count=len(report.files)))


@click.command()
@click.option("--kind", type=click.Choice(["persona", "scenario", "lexicon", "engine", "scoring", "exemplars"]),
              help="Only this kind's schema.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Write one <kind>.schema.json per kind here.")
def schema(kind: str | None, out_dir: str | None) -> None:
    """Print the JSON Schema of the content files (for editors and CI)."""
    from simulator.content.catalog import json_schema, write_schemas

    if out_dir:
        try:
            written = write_schemas(out_dir)
        except OSError as exc:  # --out under a file, a read-only folder
            from simulator.errors import InputError

            raise InputError(t("cli.cannot_write", default_lang(), path=exc.filename or out_dir,
                               detail=exc.strerror or exc)) from None
        for p in written:
            click.echo(t("schema.written", default_lang(), path=p))
        return
    emit_json(json_schema(kind))


# ----------------------------------------------------------------------------- explain


@click.command()
@click.argument("text")
@click.option("--persona", "-p", "personas", multiple=True,
              help="Persona id (see `list`; repeatable). Default: every customer type.")
@click.option("--scenario", "-s", default=None, help="Scenario id (default: general-complaint).")
@content_option
@lang_option
@json_option
def explain(text: str, personas: tuple[str, ...], scenario: str | None, content_dirs: tuple[str, ...],
            lang: str | None, as_json: bool) -> None:
    """Show how TEXT would be judged as a first reply.

    Hits with their spans and negation, signals, each anger change with its
    reason, anger before and after. With one --persona, for that customer; without
    (or with several), the reading once and then how each customer type takes it.
    With TEXT `-`, read one reply per stdin line and print one JSON object per line.
    """
    from simulator.explain import explain_many, explain_reply

    rules = load_rules(content_dirs)
    lg = resolve_lang(lang)
    chosen = list(personas) or list(rules.content.personas)

    def judge(reply: str) -> dict[str, Any]:
        if len(personas) == 1:  # the one-customer form scripts have always read
            return explain_reply(rules, reply, personas[0], scenario, lang=lg)
        return explain_many(rules, reply, chosen, scenario, lang=lg)

    if text == "-":
        for line in sys.stdin:
            click.echo(json.dumps(judge(line.rstrip("\r\n")), ensure_ascii=False))
        return
    data = judge(text)
    if as_json:
        emit_json(data)
    elif len(personas) == 1:
        _print_explain(rules, data, lg)
    else:
        _print_explain_many(rules, data, lg)


def _print_explain(rules: Any, data: dict[str, Any], lg: str) -> None:
    from simulator.console import fmt, meter

    persona = getattr(rules.content.persona(data["persona"]).name, lg)
    scenario = getattr(rules.content.scenario(data["scenario"]).title, lg)
    click.secho(t("explain.header", lg, persona=persona, scenario=scenario,
                  before=fmt(data["anger_before"]), after=fmt(data["anger_after"])), bold=True)
    click.echo("  " + meter(data["anger_after"], rules.band(data["anger_after"]), data["anger_before"]))
    _print_reading(data, lg)
    _print_moves(data, lg, indent="  ")
    if data["needs_met"]:
        click.secho(t("explain.needs", lg), bold=True)
        click.echo("  " + ", ".join(data["needs_met"]))
    _print_answer(data, lg, indent="")


def _print_explain_many(rules: Any, data: dict[str, Any], lg: str) -> None:
    """The reading once (it does not depend on the customer), then each customer's anger and why."""
    from simulator.console import fmt, meter

    scenario = getattr(rules.content.scenario(data["scenario"]).title, lg)
    first = data["personas"][0]
    click.secho(t("explain.header_many", lg, scenario=scenario), bold=True)
    _print_reading(first, lg)
    if first["needs_met"]:
        click.secho(t("explain.needs", lg), bold=True)
        click.echo("  " + ", ".join(first["needs_met"]))
    click.secho(t("explain.by_persona", lg), bold=True)
    for d in data["personas"]:
        name = getattr(rules.content.persona(d["persona"]).name, lg)
        click.echo(f"  {click.style(name, bold=True)}  {fmt(d['anger_before'])} → "
                   + meter(d["anger_after"], rules.band(d["anger_after"]), d["anger_before"]))
        _print_moves(d, lg, indent="    ", heading=False)
        _print_answer(d, lg, indent="    ")


def _print_reading(data: dict[str, Any], lg: str) -> None:
    click.secho(t("explain.hits", lg), bold=True)
    if not data["hits"]:
        click.echo("  " + t("explain.none", lg))
    for h in data["hits"]:
        note = ""
        if h["derived"]:
            note = t("explain.derived", lg)
        elif h["negated"]:
            note = t("explain.negated", lg, target=h["counts_as_name"]) if h["counts_as"] else t("explain.cancelled", lg)
        elif not h["counts_as"]:
            note = t("explain.suppressed", lg)
        click.echo(f"  [{h['start']}:{h['end']}] 「{h['quote']}」 {h['name']} ({h['behaviour']})" + (f"  {note}" if note else ""))
    if data["signals"]:
        click.secho(t("explain.signals", lg), bold=True)
        for s in data["signals"]:
            click.echo(f"  {s['kind']} ({s['value']})" + (f" 「{s['quote']}」" if s["quote"] and s["kind"] not in ("too_short", "wall_of_text", "shouting", "repeated") else ""))


def _print_moves(data: dict[str, Any], lg: str, *, indent: str, heading: bool = True) -> None:
    """Each anger change with its reason and section."""
    from simulator.reasons import cited, signed

    if heading:
        click.secho(t("explain.changes", lg), bold=True)
    if not data["changes"]:
        click.echo(indent + t("explain.none", lg))
    for c in data["changes"]:
        colour = "green" if c["amount"] < 0 else "red"
        click.echo(indent + click.style(f"{signed(c['amount']):>6}", fg=colour) + f"  {c['reason']}  [{cited(c['section'], lg)}]")


def _print_answer(data: dict[str, Any], lg: str, *, indent: str) -> None:
    if data["outcome"]:
        click.echo(indent + t("explain.outcome", lg, outcome=t(f"outcome.{data['outcome']}", lg)))
    if data["reply"]:
        click.echo(indent + t("explain.reply", lg, reply=data["reply"]))


# ----------------------------------------------------------------------------- demo


@click.command()
@click.option("--scenario", "-s", default="general-complaint", show_default=True, help="Scenario id.")
@click.option("--persona", "-p", "personas", multiple=True, help="Persona id (repeatable; default: all four).")
@click.option("--set", "set_id", default=None, help="Exemplar set id (default: the good set in --lang).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed for the customer's words.")
@click.option("--report-dir", "--out", "report_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the HTML report (default: your data folder's reports/; with --json, none unless given).")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
@content_option
@lang_option
@json_option
def demo(scenario: str, personas: tuple[str, ...], set_id: str | None, seed: int, report_dir: str | None,
         no_report: bool, content_dirs: tuple[str, ...], lang: str | None, as_json: bool) -> None:
    """Play a built-in scenario with canned replies and show the anger trajectory.

    Ends by writing one HTML report with a section per persona, and prints its path.
    """
    from simulator.console import fmt, meter, sparkline, trajectory
    from simulator.demo import demo_report, run_demo
    from simulator.reasons import change_reason, signed

    rules = load_rules(content_dirs)
    lg = resolve_lang(lang)
    ex, runs = run_demo(rules, scenario=scenario, personas=list(personas) or None, set_id=set_id, lang=lg, seed=seed)
    # JSON output is for machines: a report only when a folder was asked for, its path on stderr.
    write = not no_report and (report_dir is not None or not as_json)
    report = demo_report(rules, ex, runs, scenario=scenario, lang=lg, seed=seed, out_dir=report_dir) if write else None
    if as_json:
        emit_json([
            {"persona": r.persona, "exemplar": ex.id, "anger": [r.initial_anger] + [x.anger_after for x in r.turns],
             "outcome": r.turns[-1].outcome.value if r.turns and r.turns[-1].outcome else None,
             "score": r.scorecard.total, "scorecard": r.scorecard.to_dict(),
             "turns": [x.to_dict() for x in r.turns]}
            for r in runs
        ])
        if report is not None:
            click.echo(t("demo.report", lg, path=report), err=True)
        return
    title = getattr(rules.content.scenario(scenario).title, lg)
    click.secho(t("demo.title", lg, scenario=title, set=ex.id), bold=True)
    for r in runs:
        persona = getattr(rules.content.persona(r.persona).name, lg)
        click.echo()
        click.secho(t("demo.persona", lg, persona=persona, anger=fmt(r.initial_anger)), bold=True)
        click.echo(f"  {t('demo.customer', lg)}: {r.opening}")
        for x in r.turns:
            click.echo(f"  {t('demo.you', lg)} {x.index}: {x.text}")
            click.echo("    " + meter(x.anger_after, rules.band(x.anger_after), x.anger_before))
            for c in sorted(x.changes, key=lambda c: -abs(c.amount))[:4]:
                click.echo(f"      {signed(c.amount):>6} {change_reason(rules, c, lg, scenario)}")
            if x.reply:
                click.echo(f"  {t('demo.customer', lg)}: {x.reply}")
        values = [r.initial_anger] + [x.anger_after for x in r.turns]
        outcome = r.scorecard.outcome or "none"
        click.echo("  " + sparkline(values) + "  " + t(
            "demo.summary", lg, outcome=t(f"outcome.{outcome}", lg), score=fmt(r.scorecard.total),
            pass_mark=fmt(r.scorecard.pass_mark), trajectory=trajectory(values)))
    if report is not None:
        click.echo()
        click.secho(t("demo.report", lg, path=report), bold=True)


COMMANDS = [list_cmd, validate, schema, explain, demo]
