"""click's own words — "Usage:", "Options:", its usage errors — in the CLI's language.

click marks its messages for gettext: each of its modules does
``from gettext import gettext as _`` (and ``ngettext``), so the message ids are click's
English source strings. Plain gettext would want compiled ``.mo`` catalogs found through
LANGUAGE/LC_*; the CLI decides its language itself (``i18n.default_lang``) and keeps its
words as YAML, so instead ``speaking(lang, cli)`` rebinds those two names in the loaded
click modules to look-ups in ``locale/click/<lang>.yaml`` for the length of one
invocation, and puts click's own functions back afterwards. English has no catalog: click
runs untouched and its output is click's, byte for byte.

Two of click's words are computed once and kept on option objects rather than looked up
at each use — the ``--help`` and ``--version`` help texts — so those are swapped on the
command tree on the way in and back on the way out, like ``cli._localise_help`` does for
the commands' own help.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import click

# A catalog entry: one string for every n, or (singular, plural) forms.
Entry = str | tuple[str, str]


@cache
def catalog(lang: str) -> dict[str, Entry]:
    """click's message id → this language's text; empty when there is no catalog (English)."""
    path = Path(__file__).with_name("locale") / "click" / f"{lang}.yaml"
    if not path.exists():
        return {}
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text("utf-8"), Loader=loader) or {}
    out: dict[str, Entry] = {}
    for key, value in data.items():
        out[str(key)] = (str(value["one"]), str(value["other"])) if isinstance(value, dict) else str(value)
    return out


def translators(table: dict[str, Entry]) -> tuple[Callable[[str], str], Callable[[str, str, int], str]]:
    """``gettext`` and ``ngettext`` over ``table``; an unknown id comes back as click wrote it."""

    def _gettext(message: str) -> str:
        entry = table.get(message)
        if entry is None:
            return message
        return entry if isinstance(entry, str) else entry[0]

    def _ngettext(singular: str, plural: str, n: int) -> str:
        entry = table.get(singular)
        if entry is None:
            return singular if n == 1 else plural
        if isinstance(entry, str):
            return entry
        return entry[0] if n == 1 else entry[1]

    return _gettext, _ngettext


def _commands(command: click.Command) -> Iterator[click.Command]:
    yield command
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            yield from _commands(sub)


def _swap_option_help(root: click.Command, mapping: dict[str, str]) -> None:
    for command in _commands(root):
        # click builds each command's --help option on first use and caches it in
        # ``_help_option`` (click ≥ 8.1.8); without the cache it is rebuilt, already
        # in the current language, so a missing attribute needs nothing.
        params = [*command.params, getattr(command, "_help_option", None)]
        for param in params:
            if param is not None and isinstance(param.help, str) and param.help in mapping:
                param.help = mapping[param.help]


@contextmanager
def speaking(lang: str, root: click.Command) -> Iterator[None]:
    """Within the block, click speaks ``lang`` (a no-op when ``lang`` has no catalog)."""
    table = catalog(lang)
    if not table:
        yield
        return
    _gettext, _ngettext = translators(table)
    swapped: list[tuple[object, str, object]] = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "click" or name.startswith("click.")):
            continue
        for attr, original, replacement in (("_", gettext.gettext, _gettext), ("ngettext", gettext.ngettext, _ngettext)):
            if getattr(module, attr, None) is original:
                setattr(module, attr, replacement)
                swapped.append((module, attr, original))
    plain = {k: v for k, v in table.items() if isinstance(v, str)}
    _swap_option_help(root, plain)
    try:
        yield
    finally:
        for swapped_module, attr, saved in swapped:
            setattr(swapped_module, attr, saved)
        _swap_option_help(root, {v: k for k, v in plain.items()})
