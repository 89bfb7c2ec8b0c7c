"""The ``complaint-sim`` command line: the group, error handling, and the commands' registry.

Commands live in ``simulator/commands/<area>.py``; each parses options, calls one
library function and prints. Heavy imports stay inside the commands so
``--help`` starts fast.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click

from simulator import __version__
from simulator.click_i18n import speaking
from simulator.errors import SimError
from simulator.i18n import default_lang, t

# ----------------------------------------------------------------------------- the group


class _Group(click.Group):
    """Catches the library's errors once and turns them into one line and an exit code.

    Runs in the locale's language: under Chinese, click's own words (usage line, section
    headings, usage errors) come from ``locale/click/zh.yaml``.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with speaking(default_lang(), self):
            return super().main(*args, **kwargs)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        ctx = super().make_context(info_name, list(args), parent=parent, **extra)
        ctx.meta["complaint_sim.lang"] = _lang_in(args)
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        # Errors are worded in the output's language: the command's --lang, else the locale's.
        lang = ctx.meta.get("complaint_sim.lang") or default_lang()
        try:
            return super().invoke(ctx)
        except SimError as exc:
            click.echo(t("cli.error", lang, message=_message(exc, lang)), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo(t("cli.interrupted", lang), err=True)
            ctx.exit(130)


def _lang_in(args: list[str]) -> str | None:
    """The value of a ``--lang`` option among the command line's words, if one is given."""
    for i, word in enumerate(args):
        if word == "--":
            break
        value = args[i + 1] if word == "--lang" and i + 1 < len(args) else word[7:] if word.startswith("--lang=") else None
        if value in ("zh", "en"):
            return value
    return None


def _message(exc: SimError, lang: str) -> str:
    """The error's text in ``lang`` when it is worded in both languages (content errors), else as raised."""
    from simulator.content.problems import describe
    from simulator.errors import ContentError

    if isinstance(exc, ContentError):
        return describe(exc, lang)
    return str(getattr(exc, "texts", {}).get(lang) or exc)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="complaint-sim")
def cli() -> None:
    """Practise handling angry customers against scripted personas.

    Anger moves by explicit rules you can see: every change names the rule and
    quotes your words. Start with `complaint-sim demo`, or `complaint-sim explain`.
    """


# Areas of the tool, each a module in simulator/commands/ exposing COMMANDS.
AREAS = ("core", "session", "batch", "authoring")


def _register() -> None:
    for area in AREAS:
        if importlib.util.find_spec(f"simulator.commands.{area}") is None:
            continue
        module = importlib.import_module(f"simulator.commands.{area}")
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def _localise_help(group: click.Group, lang: str) -> None:
    """Swap in translated help texts from ``locale/help/<lang>.yaml`` when there is one.

    English help is the code's own docstrings, so only other languages are swapped.
    """
    from pathlib import Path

    import yaml

    path = Path(__file__).with_name("locale") / "help" / f"{lang}.yaml"
    if not path.exists():
        return
    table = yaml.safe_load(path.read_text("utf-8")) or {}
    group.help = table.get("cli", group.help)
    for name, command in group.commands.items():
        command.help = table.get(name, command.help)
        command.short_help = None
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                param.help = table.get(f"{name}.{param.name}", table.get(f"option.{param.name}", param.help))


if default_lang() != "en":
    _localise_help(cli, default_lang())


def main() -> None:
    cli(prog_name="complaint-sim")


if __name__ == "__main__":  # pragma: no cover
    main()


