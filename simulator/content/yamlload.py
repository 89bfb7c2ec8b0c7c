"""Strict YAML loading that remembers where every value came from.

Safe YAML only, and stricter than ``yaml.safe_load``: duplicate keys, aliases,
non-string keys, oversize files and deep nesting are rejected. The result is
plain Python data plus a map from field path to (line, column), so later
validation errors can point at the exact place in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.content.problems import Problem, texts
from simulator.errors import ContentError

# A content file is hand-written YAML; anything near a megabyte is a mistake or an attack.
MAX_BYTES = 1024 * 1024
# Personas and scenarios nest four or five levels deep; twenty is generous.
MAX_DEPTH = 20

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Located:
    """Parsed YAML data with the (line, column) of every field path, 1-based."""

    data: Any
    marks: dict[Path_, tuple[int, int]]
    path: str
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # where each mapping key is written

    def where(self, field: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """Return the line and column of ``field`` (its key, with ``key``), or of its nearest parent."""
        if key and tuple(field) in self.keys:
            return self.keys[tuple(field)]
        probe = tuple(field)
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (None, None))

    def error(self, field: Path_, message: str) -> ContentError:
        line, col = self.where(field)
        return ContentError(
            message, path=self.path, line=line, column=col, field=format_field(field)
        )

    def problem(self, field: Path_, msg_id: str, **fields: Any) -> Problem:
        """A located error worded in both languages (``content.*`` message ids)."""
        return self.problem_texts(field, texts(msg_id, **fields))

    def problem_texts(self, field: Path_, worded: dict[str, str], *, key: bool = False) -> Problem:
        line, col = self.where(field, key=key)
        return Problem(worded, path=self.path, line=line, column=col, field=format_field(field))


def format_field(field: Path_) -> str | None:
    """Render a field path as ``needs[2].phrases.zh``."""
    out = ""
    for part in field:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or None


def load_yaml_file(path: str | Path) -> Located:
    """Read and strictly parse one YAML file."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise Problem(texts("content.cannot_read", detail=exc.strerror or exc), path=str(p)) from exc
    if len(raw) > MAX_BYTES:
        raise Problem(texts("content.too_big", size=len(raw), max=MAX_BYTES), path=str(p))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc, str(p)) from exc
    return load_yaml_text(text, str(p))


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, path: str) -> Problem:
    """The error for a file that is not UTF-8; a GBK file (Chinese Windows' default) is named as such."""
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return Problem(texts("content.not_utf8", byte=exc.start), path=path)
    # exc.start counts from after a byte-order mark, if there is one.
    start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
    before = raw[:start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
    return Problem(texts("content.gbk", byte=exc.start), path=path, line=line, column=column)


def _code(character: object) -> int:
    return character if isinstance(character, int) else ord(str(character)[:1] or "\0")


# What PyYAML says when a line is indented wrongly, the commonest slip in hand-written YAML.
_INDENT_PROBLEMS = ("did not find expected key", "mapping values are not allowed here",
                    "did not find expected '-' indicator", "expected <block end>")


def load_yaml_text(text: str, path: str = "<string>") -> Located:
    """Strictly parse YAML text; ``path`` only names it in errors."""
    loader = None
    try:
        loader = _Loader(text)  # the pure-Python reader checks the characters here already
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        worded = texts("content.invalid_yaml", problem=problem)
        if problem.startswith(_INDENT_PROBLEMS):
            hint = texts("content.yaml_indent_hint")
            worded = {lg: worded[lg] + hint[lg] for lg in worded}
        raise Problem(
            worded,
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from exc
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (NUL and other control characters): point at it.
        # libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters.
        before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace") if _Loader is not yaml.SafeLoader \
            else text[: exc.position]
        raise Problem(
            texts("content.bad_char", code=f"{_code(exc.character):04x}", reason=exc.reason),
            path=path,
            line=before.count("\n") + 1,
            column=len(before) - before.rfind("\n"),
        ) from exc
    except yaml.YAMLError as exc:
        raise Problem(texts("content.invalid_yaml", problem=exc), path=path) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if node is None:
        raise Problem(texts("content.empty"), path=path, line=1, column=1)
    marks: dict[Path_, tuple[int, int]] = {}
    builder = _Builder(path, marks, loader)
    data = builder.build(node, (), 0)
    return Located(data=data, marks=marks, path=path, keys=builder.keys)


class _Builder:
    def __init__(self, path: str, marks: dict[Path_, tuple[int, int]], loader: Any) -> None:
        self.path = path
        self.marks = marks
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.loader = loader
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, field: Path_, msg_id: str, **fields: Any) -> Problem:
        return Problem(
            texts(msg_id, **fields),
            path=self.path,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
            field=format_field(field),
        )

    def build(self, node: yaml.Node, field: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, field, "content.too_deep", max=MAX_DEPTH)
        # Composing resolves an alias to the very node its anchor named, so a node seen
        # twice is an alias: rejected, since aliases are how YAML bombs are built.
        if id(node) in self.seen:
            raise self.fail(node, field, "content.alias")
        self.seen.add(id(node))
        self.marks[field] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise self.fail(key_node, field, "content.merge")
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, field, "content.key_not_scalar")
                key = self.loader.construct_object(key_node)
                if not isinstance(key, str):
                    raise self.fail(key_node, field, "content.key_not_string", key=repr(key_node.value))
                if id(value_node) in self.seen:
                    raise self.fail(key_node, field + (key,), "content.alias")
                if key in out:
                    raise self.fail(key_node, field + (key,), "content.duplicate_key")
                self.keys[field + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, field + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, field + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise self.fail(node, field, "content.invalid_value", problem=getattr(exc, "problem", exc)) from exc
