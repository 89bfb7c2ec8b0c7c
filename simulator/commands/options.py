"""Options and helpers shared by every command module."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from simulator.i18n import default_lang

F = Callable[..., Any]


def content_option(f: F) -> F:
    return click.option(
        "--content", "content_dirs", multiple=True, type=click.Path(exists=True),
        help="Extra folder or file of personas/scenarios (repeatable); same ids replace built-ins.",
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang", type=click.Choice(["zh", "en"]), default=None,
        help="Language of the output (default: from the locale).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def load_rules(content_dirs: tuple[str, ...]) -> Any:
    from simulator.content import load_content
    from simulator.engine import Rulebook

    return Rulebook(load_content(content_dirs))


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def resolve_lang(lang: str | None) -> str:
    return lang or default_lang()


