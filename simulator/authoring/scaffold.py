"""``new``: write a commented scenario or persona file that already validates.

The file starts from an existing scenario or persona (a built-in one by
default), takes the new id, and explains every field in a comment above it, in
the trainer's language. Its first line is a ``yaml-language-server`` modeline
pointing at the JSON Schema, which is written beside it, so editors such as
VS Code validate and complete the file as the trainer types.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel

from simulator.content import models as m
from simulator.content.catalog import write_schemas
from simulator.content.loader import Content, validate_located
from simulator.content.yamlload import load_yaml_text
from simulator.errors import InputError
from simulator.i18n import t

KINDS = ("scenario", "persona")
# A new file starts from these unless --from names another: the generic
# complaint and the type whose numbers sit in the middle of the range.
DEFAULT_SOURCE = {"scenario": "general-complaint", "persona": "friendly"}
SCHEMA_DIR = "schema"
MODELINE = "# yaml-language-server: $schema="
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,47}$")
_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
# Words YAML 1.1 reads as booleans or null: such ids and keys are quoted.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# Keep generated lines within what an editor shows without scrolling.
WIDTH = 100


@dataclass(frozen=True)
class Scaffold:
    """A written file: where it is, where its schema is, what it says."""

    path: Path
    schema: Path
    text: str


def scaffold(
    content: Content, kind: str, name: str, *, source: str | None = None, out_dir: str | Path = ".",
    lang: str = "en", force: bool = False,
) -> Scaffold:
    """Write ``<out_dir>/<name>.yaml`` (and the JSON Schema in ``<out_dir>/schema/``)."""
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    if not _ID.match(name):
        raise InputError(t("new.bad_name", lang, name=name))
    out = Path(out_dir)
    target = out / f"{name}.yaml"
    if target.exists() and not force:
        raise InputError(t("new.exists", lang, path=target))
    src_id = source or DEFAULT_SOURCE[kind]
    base = content.scenario(src_id) if kind == "scenario" else content.persona(src_id)
    # The copy gets a name of its own, or `list` would show two of the original's.
    label = "title" if kind == "scenario" else "name"
    model = base.model_copy(update={"id": name, label: placeholder_name(name)})
    schema_dir = out / SCHEMA_DIR
    schema = schema_dir / f"{kind}.schema.json"
    text = render(model, lang, modeline=_schema_ref(schema, out), source=src_id, out_dir=out)
    _check(text, model, str(target))
    out.mkdir(parents=True, exist_ok=True)
    write_schemas(schema_dir)
    target.write_text(text, "utf-8")
    return Scaffold(target, schema, text)


def placeholder_name(ident: str) -> m.Text:
    """A display name to replace, derived from the id, in both languages: ``impatient-boss（待命名）``."""
    return m.Text(zh=t("new.placeholder", "zh", id=ident), en=t("new.placeholder", "en", id=ident))


def _schema_ref(schema: Path, out: Path) -> str:
    try:
        return Path(os.path.relpath(schema.resolve(), out.resolve())).as_posix()
    except ValueError:  # another drive on Windows: only an absolute URI works
        return schema.resolve().as_uri()


def _check(text: str, model: m.Strict, path: str) -> None:
    """The generated file must load back into exactly the model it was written from."""
    back = validate_located(load_yaml_text(text, path), type(model))
    if back != model:  # pragma: no cover - a bug in the writer, not the trainer's doing
        raise AssertionError(f"scaffold for {path} does not round-trip")


# ----------------------------------------------------------------------------- the writer


def render(model: m.Strict, lang: str, *, modeline: str, source: str, out_dir: Path | None = None) -> str:
    """The YAML text of ``model`` with a comment above each field, in ``lang``."""
    kind = getattr(model, "kind", "")
    file = f"{model.id}.yaml" if out_dir is None else (out_dir / f"{model.id}.yaml").as_posix()  # type: ignore[attr-defined]
    lines = [
        MODELINE + modeline,
        "#",
        "# " + t("new.header", lang, kind_name=t(f"new.kind.{kind}", lang), name=model.id, source=source),  # type: ignore[attr-defined]
        "# " + t("new.header_edit", lang),
        "# " + t("new.header_check", lang, file=file),
        "# " + t("new.header_play", lang, dir=(out_dir or Path(".")).as_posix()),
        "",
    ]
    w = _Writer(lang)
    w.model(type(model), model.model_dump(mode="python"), 0, top=True)
    return "\n".join(lines + w.lines) + "\n"


class _Writer:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.lines: list[str] = []
        self.commented: set[tuple[str, str]] = set()

    def comment(self, cls: type[BaseModel], name: str, indent: int) -> None:
        key = (cls.__name__, name)
        if key in self.commented or cls.__name__ in BILINGUAL:
            return
        self.commented.add(key)
        text = field_doc(cls, name, self.lang)
        extra = _constraints(cls, name, self.lang)
        if extra:
            text += (" " if self.lang == "en" else "") + extra
        for line in _wrap(text, WIDTH - indent - 2):
            self.lines.append(" " * indent + "# " + line)

    def model(self, cls: type[BaseModel], data: dict[str, Any], indent: int, top: bool = False) -> None:
        for name, info in cls.model_fields.items():
            if name not in data:
                continue
            if top and self.lines:
                self.lines.append("")
            self.comment(cls, name, indent)
            self.value(name, data[name], _submodel(info.annotation), indent, _is_id(cls, name))

    def value(self, key: str, value: Any, sub: type[BaseModel] | None, indent: int, plain: bool = False) -> None:
        pad = " " * indent
        head = f"{pad}{_key(key)}:"
        if sub is not None and isinstance(value, dict):
            if set(value) <= {"zh", "en"} and all(isinstance(v, str) for v in value.values()):
                flow = "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
                if _width(head) + 1 + _width(flow) <= WIDTH:
                    self.lines.append(f"{head} {flow}")
                    return
            self.lines.append(head)
            self.model(sub, value, indent + 2)
            return
        if isinstance(value, list) and value and isinstance(value[0], dict) and sub is not None:
            self.lines.append(head)
            for item in value:
                start = len(self.lines)
                self.model(sub, item, indent + 4)
                first = next(i for i in range(start, len(self.lines)) if not self.lines[i].lstrip().startswith("#"))
                for i in range(start, first):
                    self.lines[i] = self.lines[i][2:]
                self.lines[first] = " " * (indent + 2) + "- " + self.lines[first][indent + 4:]
            return
        if isinstance(value, dict):
            if not value:
                self.lines.append(f"{head} {{}}")
                return
            self.lines.append(head)
            for k, v in value.items():
                self.value(k, v, None, indent + 2)
            return
        if isinstance(value, list):
            self.list(head, value, indent, plain)
            return
        self.lines.append(f"{head} {_scalar(value, plain)}")

    def list(self, head: str, items: list[Any], indent: int, plain: bool) -> None:
        rendered = [_flow(v, plain) for v in items]
        flow = "[" + ", ".join(rendered) + "]"
        if _width(head) + 1 + _width(flow) <= WIDTH:
            self.lines.append(f"{head} {flow}")
            return
        if all(_width(r) <= 24 for r in rendered):
            # Short items (ids, phrases): a wrapped flow list keeps the file compact.
            self.lines.append(f"{head} [")
            row = " " * (indent + 4)
            for r in rendered:
                piece = r + ","
                if _width(row) + _width(piece) + 1 > WIDTH and row.strip():
                    self.lines.append(row.rstrip())
                    row = " " * (indent + 4)
                row += piece + " "
            self.lines.append(row.rstrip().rstrip(","))
            self.lines.append(" " * (indent + 2) + "]")
            return
        self.lines.append(head)
        for r in rendered:
            self.lines.append(" " * (indent + 2) + "- " + r)


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _key(key: str) -> str:
    return key if _PLAIN_KEY.match(key) and key.lower() not in _YAML_WORDS else json.dumps(key, ensure_ascii=False)


def _is_id(cls: type[BaseModel], name: str) -> bool:
    """Whether a field holds ids or fixed words (written bare) rather than text (quoted)."""
    prop = _schema(cls).get("properties", {}).get(name, {})
    items = prop.get("items", {})
    return bool("enum" in prop or "const" in prop or prop.get("pattern") == _ID.pattern
                or items.get("pattern") == _ID.pattern)


def _flow(value: Any, plain: bool = False) -> str:
    """A list item as YAML: a scalar, or a nested list (a frame's word groups) in flow style."""
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v, plain) for v in value) + "]"
    return _scalar(value, plain)


def _scalar(value: Any, plain: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    s = str(value)
    if plain and _ID.match(s) and s not in _YAML_WORDS:
        return s
    return json.dumps(s, ensure_ascii=False)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal or editor: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_TOKEN = re.compile(r"\s*(?:[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+)")


def _wrap(text: str, width: int) -> list[str]:
    """Break a comment into lines; Chinese may break between any two characters, English at spaces."""
    width = max(width, 30)
    out: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if line and _width(line) + _width(token) > width:
            out.append(line)
            token = token.lstrip()
            line = ""
        line += token
    if line.strip():
        out.append(line.strip())
    return out


# ----------------------------------------------------------------------------- field documentation


def field_doc(cls: type[BaseModel], name: str, lang: str) -> str:
    """What a field does, from ``authoring.field.<Model>.<field>`` in the locale files."""
    return t(f"authoring.field.{cls.__name__}.{name}", lang)


@lru_cache(maxsize=64)
def _schema(cls: type[BaseModel]) -> dict[str, Any]:
    return cls.model_json_schema()


def _constraints(cls: type[BaseModel], name: str, lang: str) -> str:
    prop = _schema(cls).get("properties", {}).get(name, {})
    if "enum" in prop:
        return t("new.choices", lang, choices=", ".join(str(v) for v in prop["enum"]))
    lo = prop.get("minimum", prop.get("exclusiveMinimum"))
    hi = prop.get("maximum", prop.get("exclusiveMaximum"))
    if lo is not None and hi is not None:
        return t("new.range", lang, lo=_scalar(float(lo)), hi=_scalar(float(hi)))
    return ""


def documented_models() -> list[type[BaseModel]]:
    """Every model reachable from a content file kind, in first-seen order."""
    out: list[type[BaseModel]] = []

    def visit(cls: type[BaseModel]) -> None:
        if cls in out:
            return
        out.append(cls)
        for info in cls.model_fields.values():
            for sub in _all_submodels(info.annotation):
                visit(sub)

    for cls in m.MODELS.values():
        visit(cls)
    return out


def _all_submodels(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [s for a in get_args(annotation) for s in _all_submodels(a)]


# The per-language halves of these say only "Chinese" / "English": their class says it all.
BILINGUAL = frozenset({"Text", "Lines", "Phrases"})


def documented_fields() -> list[tuple[type[BaseModel], str]]:
    """Every (model, field) that needs a description (all but the zh/en halves of bilingual models)."""
    return [(cls, name) for cls in documented_models() if cls.__name__ not in BILINGUAL for name in cls.model_fields]
