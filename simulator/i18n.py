"""User-facing strings in zh-CN and en, kept as data in ``locale/*.yaml``.

``t(id, lang, **fields)`` formats one message; an unknown id raises KeyError so a
typo fails in tests, not in front of a trainee.
"""

from __future__ import annotations

import os
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


def t(msg_id: str, lang: str, **fields: object) -> str:
    entry = messages()[msg_id]
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def pick(text: object, lang: str) -> str:
    """The ``lang`` side of a content ``Text`` (anything with .zh and .en)."""
    return str(getattr(text, lang))
