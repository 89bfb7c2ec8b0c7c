"""User-facing strings in zh-CN and en, kept as data in ``locale/*.yaml``.

``t(id, lang, **fields)`` formats one message; an unknown id raises KeyError so a
typo fails in tests, not in front of a trainee.
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out: dict[str, dict[str, str]] = {}
    # One file per area of the tool (core, session, batch, authoring…), so each
    # area's strings live beside each other; an id defined twice is a bug.
    for path in sorted(Path(__file__).with_name("locale").glob("*.yaml")):
        data = yaml.load(path.read_text("utf-8"), Loader=loader) or {}
        for k, v in data.items():
            if k in out:
                raise KeyError(f"message id {k!r} defined twice ({path.name})")
            out[str(k)] = {str(lk): str(lv) for lk, lv in v.items()}
    return out


def default_lang() -> str:
    """zh when the locale says Chinese, else en."""
    for var in ("COMPLAINT_SIM_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class _PluralFormatter(string.Formatter):
    """``{n:plural:turn|turns}`` prints the first word when n is 1, else the second.

    English messages choose singular or plural this way; Chinese has no plural and
    writes ``{n}`` alone.
    """

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            one, _, other = format_spec[len("plural:"):].partition("|")
            return one if value == 1 else other
        return str(super().format_field(value, format_spec))


_PLURAL = _PluralFormatter()


def format_message(template: str, /, **fields: object) -> str:
    """``template.format(**fields)``, with ``{n:plural:one|other}`` fields chosen by count."""
    return _PLURAL.format(template, **fields) if "plural:" in template else template.format(**fields)


def plural_id(msg_id: str, n: int) -> str:
    """``msg_id + "_one"`` when there is one and that variant exists, else ``msg_id`` (the plural)."""
    one = f"{msg_id}_one"
    return one if n == 1 and one in messages() else msg_id


def t(msg_id: str, lang: str, **fields: object) -> str:
    entry = messages()[msg_id]
    text = entry.get(lang) or entry["en"]
    return format_message(text, **fields) if fields else text


def pick(text: object, lang: str) -> str:
    """The ``lang`` side of a content ``Text`` (anything with .zh and .en)."""
    return str(getattr(text, lang))
