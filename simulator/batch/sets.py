"""What one input line or row group must hold to be a response set, and the checks.

Every reader (JSON lines, CSV, Parquet) ends in :func:`check_set`, so a set is
held to the same rules whatever file it came from; a failed check is a
:class:`LineError` naming a stable ``code`` and the fields of its message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from simulator.engine.step import MAX_REPLY_CHARS

# Oversize input (issue 5): one line of a JSON-lines file, one set's responses, one
# id or trainee name. The limits sit far above any real cohort's data and keep the
# memory of one in-flight chunk bounded whatever the file holds.
MAX_LINE_BYTES = 1 << 20
MAX_RESPONSES = 200
MAX_NAME_CHARS = 200
# ``persona: all`` plays the set against every persona.
ALL_PERSONAS = "all"


@dataclass(frozen=True)
class LineError:
    """Why one line (or one CSV set, or one Parquet row) could not be played."""

    line: int
    code: str
    fields: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    excerpt: str | None = None


@dataclass(frozen=True)
class ResponseSet:
    """A checked set: everything needed to play it against one or more personas."""

    line: int
    id: str
    trainee: str | None
    scenario: str
    personas: tuple[str, ...]
    responses: tuple[str, ...]

    @cached_property
    def seed(self) -> int:
        # Cached: every persona's session and result row reads it, and it is a hash.
        return seed_for(self.id)


def seed_for(set_id: str) -> int:
    """The set's seed: from its id alone, so results never depend on process order."""
    return int.from_bytes(hashlib.blake2b(set_id.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _type_name(value: Any) -> str:
    """The JSON kind of a value, as a message id suffix (``batch.type.*``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return "text" if isinstance(value, str) else "other"


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _name(record: dict[str, Any], key: str, line: int, sid: str | None, required: bool) -> str | None | LineError:
    """An id or trainee: text or a whole number (spreadsheets export ids as numbers)."""
    value = record.get(key)
    if value is None or value == "":
        if required:
            code = "missing_field" if value is None else "empty_field"
            return LineError(line, code, {"field": key}, sid)
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return LineError(line, "bad_field", {"field": key, "expected": "text", "got": _type_name(value)}, sid)
    text = str(value)
    if len(text) > MAX_NAME_CHARS:
        return LineError(line, "long_field", {"field": key, "limit": MAX_NAME_CHARS}, sid)
    return text


def check_set(
    record: Any, line: int, scenarios: dict[str, Any], personas: tuple[str, ...], *, check_surrogates: bool = True
) -> ResponseSet | LineError:
    """Check one parsed record against the content; the first problem found is reported."""
    if not isinstance(record, dict):
        return LineError(line, "not_object", {"got": _type_name(record)})
    sid = _name(record, "id", line, None, True)
    if isinstance(sid, LineError):
        return sid
    assert sid is not None
    trainee = _name(record, "trainee", line, sid, False)
    if isinstance(trainee, LineError):
        return trainee
    out: dict[str, str] = {}
    for key in ("scenario", "persona"):
        value = record.get(key)
        if value is None:
            return LineError(line, "missing_field", {"field": key}, sid)
        if not isinstance(value, str):
            return LineError(line, "bad_field", {"field": key, "expected": "text", "got": _type_name(value)}, sid)
        out[key] = value
    if out["scenario"] not in scenarios:
        return LineError(line, "unknown_scenario", {"value": out["scenario"], "choices": ", ".join(scenarios)}, sid)
    if out["persona"] == ALL_PERSONAS:
        chosen = personas
    elif out["persona"] in personas:
        chosen = (out["persona"],)
    else:
        return LineError(line, "unknown_persona", {"value": out["persona"], "choices": ", ".join(personas)}, sid)
    responses = record.get("responses")
    if responses is None:
        return LineError(line, "missing_field", {"field": "responses"}, sid)
    if not isinstance(responses, list):
        return LineError(line, "bad_field", {"field": "responses", "expected": "list", "got": _type_name(responses)}, sid)
    if not responses:
        return LineError(line, "no_responses", {}, sid)
    if len(responses) > MAX_RESPONSES:
        return LineError(line, "too_many_responses", {"count": len(responses), "limit": MAX_RESPONSES}, sid)
    for n, text in enumerate(responses, 1):
        if not isinstance(text, str):
            return LineError(line, "bad_response", {"n": n, "got": _type_name(text)}, sid)
        if len(text) > MAX_REPLY_CHARS:
            return LineError(line, "long_response", {"n": n, "length": len(text), "limit": MAX_REPLY_CHARS}, sid)
    if check_surrogates:
        # Only JSON escapes (\ud800) can smuggle a lone surrogate in; it could not be
        # written back out as UTF-8, so it is refused here rather than at the end.
        for key, value in (("id", sid), ("trainee", trainee), *((f"responses[{n}]", r) for n, r in enumerate(responses, 1))):
            if value is not None and _has_surrogate(value):
                return LineError(line, "surrogate", {"field": key}, None if key == "id" else sid)
    return ResponseSet(line, sid, trainee, out["scenario"], chosen, tuple(responses))
