"""Content errors worded in both languages, with "did you mean" suggestions.

A :class:`Problem` is a :class:`ContentError` whose reason is a message id of
``locale/core.yaml`` (``content.*``) rendered in zh and en when it is made; ``str()``
stays the English line, so logs and tests read as before, and :func:`describe` gives
the line in the output language. pydantic's own messages are translated from their
error ``type`` and ``ctx`` (:func:`pydantic_texts`), falling back to English.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from simulator.errors import ContentError
from simulator.i18n import LANGS, t


class Problem(ContentError):
    """A located content error with its reason in every language."""

    def __init__(self, texts: dict[str, str], *, path: str | None = None, line: int | None = None,
                 column: int | None = None, field: str | None = None) -> None:
        self.texts = texts
        super().__init__(texts["en"], path=path, line=line, column=column, field=field)


def texts(msg_id: str, **fields: Any) -> dict[str, str]:
    """``msg_id`` rendered in every language; a field may itself be a ``{lang: text}`` dict."""
    return {lg: t(msg_id, lg, **{k: (v[lg] if isinstance(v, dict) else v) for k, v in fields.items()})
            for lg in LANGS}


def reason(err: ContentError, lang: str) -> str:
    """The reason of ``err`` in ``lang`` (English for errors not worded in both)."""
    return getattr(err, "texts", {}).get(lang) or err.reason


def describe(err: ContentError, lang: str) -> str:
    """``file:line:column: field: reason`` with the reason in ``lang``."""
    return err.format(reason(err, lang))


def sort_key(err: ContentError) -> tuple[str, int, int]:
    return (err.path or "", err.line or 0, err.column or 0)


def suggestion(name: object, choices: Iterable[str]) -> dict[str, str]:
    """`` (did you mean x?)`` in every language when ``name`` is close to one of ``choices``, else ``""``.

    Close means spelled alike (difflib), or, failing that, sharing a whole word with exactly
    one choice (``anger_stat`` → ``initial_anger``).
    """
    options = sorted(set(choices) - {str(name)})
    close = [c for c in options if c.lower() == str(name).lower()]  # Major → major
    close = close or difflib.get_close_matches(str(name), options, n=1, cutoff=0.75)
    if not close:
        words = {w for w in _words(str(name)) if len(w) >= 4}
        sharing = [c for c in options if words & set(_words(c))]
        close = sharing if len(sharing) == 1 else []
    if not close:
        return {lg: "" for lg in LANGS}
    return texts("content.did_you_mean", name=close[0])


def _words(name: str) -> list[str]:
    return name.lower().replace("-", "_").split("_")


# ----------------------------------------------------------------------------- pydantic's messages

_TYPE_NAMES = {
    "int": "int", "float": "float", "string": "str", "bool": "bool", "list": "list",
    "dict": "dict", "model": "dict", "literal": "str",
}


def _quote_zh(expected: str) -> str:
    return expected.replace(" or ", "、").replace(", ", "、")


def pydantic_texts(err: dict[str, Any], english: str, fields: Iterable[str] = ()) -> dict[str, str]:
    """zh and en of one pydantic error; ``english`` is the wording already in use for en.

    ``fields`` are the field names allowed where an unknown field was found (for a suggestion).
    """
    kind = str(err["type"])
    ctx = err.get("ctx") or {}
    raw = err.get("input")
    got = f"，实际是 {raw!r}" if "input" in err and not isinstance(raw, (dict, list)) else ""
    tail = {lg: "" for lg in LANGS}
    zh: str | None = None
    if kind == "extra_forbidden":
        tail = suggestion(err["loc"][-1] if err.get("loc") else "", fields)
        zh = t("content.unknown_field", "zh")
    elif kind == "missing":
        zh = t("content.missing", "zh")
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        zh = t("content.one_of", "zh", expected=_quote_zh(expected), got=repr(raw))
        tail = suggestion(raw, [c.strip("'\"") for c in expected.replace(" or ", ", ").split(", ")])
    elif kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^[a-z]"):
        zh = t("content.id_pattern", "zh")
    elif kind == "string_pattern_mismatch" and str(ctx.get("pattern", "")).startswith("^§"):
        zh = t("content.section_pattern", "zh", got=repr(raw))
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = ctx.get({"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt",
                         "less_than_equal": "le"}[kind])
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        zh = t(f"content.range.{kind}", "zh", bound=bound, got=got)
    elif kind in ("too_short", "too_long"):
        zh = t(f"content.{kind}", "zh", min=ctx.get("min_length"), max=ctx.get("max_length"),
               actual=ctx.get("actual_length"))
    elif kind in ("string_too_short", "string_too_long"):
        zh = t(f"content.{kind}", "zh", min=ctx.get("min_length"), max=ctx.get("max_length"))
    elif kind.endswith(("_type", "_parsing")) and kind.split("_")[0] in _TYPE_NAMES:
        zh = t("content.wrong_type", "zh", type=t(f"content.type.{_TYPE_NAMES[kind.split('_')[0]]}", "zh"), got=got)
    return {"en": english + tail["en"], "zh": (zh if zh is not None else english) + tail["zh"]}
