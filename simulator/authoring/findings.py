"""What ``lint`` reports: a finding with its place, severity, code, message and hint.

A finding stores its code and the values its message needs, never the words:
the message and the hint are looked up in ``locale/authoring.yaml`` as
``lint.<code>`` and ``lint.<code>.hint`` when it is shown, in the language asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from simulator.content.yamlload import Located, format_field
from simulator.i18n import t


class Severity(StrEnum):
    """How bad a finding is. ``--strict`` fails on warnings as well as errors."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

# Every finding code and its severity. The message and hint of each live in
# locale/authoring.yaml as lint.<code> and lint.<code>.hint (a test checks both exist).
CODES: dict[str, Severity] = {
    # the file does not validate: nothing deeper is checked
    "invalid": E,
    # lexicon
    "phrase-opposite-polarity": E,
    "phrase-duplicate": W,
    "phrase-repeated": N,
    "phrase-negated": W,
    "phrase-empty": W,
    "behaviour-no-phrases": W,
    "behaviour-inert": W,
    "behaviour-unweighed": N,
    # both languages
    "missing-translation": W,
    "wrong-language": W,
    # scenarios and their needs
    "need-unaddressable": E,
    "need-signal": W,
    "need-negative": W,
    "need-effect-positive": W,
    "need-phrase-common": W,
    "need-phrase-in-negative": W,
    # personas
    "threshold-start": E,
    "threshold-never": W,
    "threshold-shadowed": W,
    "fit-conflict": E,
    "fit-polarity": W,
    "reply-pool-missing": W,
    "reply-pool-unused": W,
    "reply-pool-fallback": N,
    # personas and scenarios together
    "name-duplicate": W,
    # the emotion dynamics, found by searching over the behaviour space
    "scenario-unresolvable": E,
    "scenario-trivial": E,
    "persona-cannot-resolve": W,
    "never-leaves": W,
    "reach-summary": N,
    # exemplars
    "no-exemplars": W,
    "exemplars-incomplete": W,
    "rule-never-fires": W,
    "need-never-met": W,
}


@dataclass(frozen=True)
class LocalText:
    """A piece of a message that is itself localised (``t(msg_id, lang, **fields)``)."""

    msg_id: str
    fields: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str) -> str:
        return t(self.msg_id, lang, **{k: _render(v, lang) for k, v in self.fields})


def local(msg_id: str, **fields: Any) -> LocalText:
    return LocalText(msg_id, tuple(fields.items()))


@dataclass(frozen=True)
class ByLang:
    """A value given in each language (a persona's display name): shown in the output's."""

    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def by_lang(text: Any) -> ByLang:
    """A content ``Text`` (anything with .zh and .en) as a finding value."""
    return ByLang(str(text.zh), str(text.en))


def _render(value: Any, lang: str) -> Any:
    if isinstance(value, (LocalText, ByLang)):
        return value.render(lang)
    if isinstance(value, (list, tuple)):
        parts = [str(_render(v, lang)) for v in value]
        return ("；" if lang == "zh" else "; ").join(parts)
    return value


@dataclass(frozen=True)
class Finding:
    """One problem (or note) about the content, at a place in a file."""

    code: str
    file: str
    line: int | None = None
    column: int | None = None
    field: str | None = None
    args: tuple[tuple[str, Any], ...] = ()
    # Other files the finding is about (the persona of a persona × scenario finding),
    # so `lint my-persona.yaml` shows it although it sits in a scenario file.
    subjects: frozenset[str] = frozenset()
    # Findings that report a validation error carry its text, already worded
    # (``texts``: the same per language, when it is worded in both).
    text: str | None = None
    texts: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> Severity:
        return CODES[self.code]

    def message(self, lang: str) -> str:
        if self.texts:
            return dict(self.texts).get(lang) or str(self.text)
        if self.text is not None:
            return self.text
        return t(f"lint.{self.code}", lang, **{k: _render(v, lang) for k, v in self.args})

    def hint(self, lang: str) -> str:
        return t(f"lint.{self.code}.hint", lang, **{k: _render(v, lang) for k, v in self.args})

    def where(self) -> str:
        out = display_path(self.file)
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.severity.rank, self.code)

    def to_dict(self, lang: str) -> dict[str, Any]:
        return {
            "file": display_path(self.file),
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }


def at(code: str, doc: Located, path: tuple[str | int, ...] = (), subjects: Iterable[str] = (),
       **args: Any) -> Finding:
    """A finding placed at ``path`` inside ``doc`` (or its nearest parent that has a place)."""
    if code not in CODES:
        raise KeyError(f"unknown finding code {code!r}")
    line, col = doc.where(path)
    return Finding(
        code=code, file=doc.path, line=line, column=col, field=format_field(path),
        args=tuple(args.items()), subjects=frozenset(subjects),
    )


def display_path(path: str) -> str:
    """``path`` relative to the working folder when it lies inside it, else as given."""
    try:
        rel = os.path.relpath(Path(path).resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel


def counts(findings: Iterable[Finding]) -> Mapping[Severity, int]:
    out = {s: 0 for s in Severity}
    for f in findings:
        out[f.severity] += 1
    return out


@dataclass(frozen=True)
class LintResult:
    """Findings of one lint run, sorted by file and place, and the files looked at."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    seconds: float = 0.0
    invalid: bool = False
    stats: dict[str, Any] = field(default_factory=dict)

    def failed(self, strict: bool) -> bool:
        worst = {f.severity for f in self.findings}
        return Severity.ERROR in worst or (strict and Severity.WARNING in worst)
