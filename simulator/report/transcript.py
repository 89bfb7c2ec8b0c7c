"""The transcript format: one JSON object per line, the source of truth for a report.

Line 1 is a header (format, version, session id, scenario, persona, lang, seed,
trainee, start time, the customer's opening line); then one line per turn
(``Turn.to_dict()`` with its time); last a footer (outcome, end time, whether the
session reached an outcome, how it ended). A crash leaves no footer; a power
cut may leave a torn last line, which is skipped with a warning.

Writing (append + flush + fsync) is the journal's job in ``simulator/play``;
this module only builds the records and reads them back.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator import __version__
from simulator.engine.step import MAX_REPLY_CHARS
from simulator.errors import InputError

FORMAT = 1
# How a session can end; the footer's ``ended_by``.
ENDINGS = ("outcome", "quit", "eof", "interrupted", "restart", "error")
# The largest transcript read: a 5,000-character reply limit × a persona's at most
# 50 turns is far below this; anything bigger is not a transcript.
MAX_BYTES = 20_000_000


def now() -> datetime:
    """The local time with its UTC offset, to the second (recorded, never rendered)."""
    return datetime.now().astimezone().replace(microsecond=0)


def header_record(
    *, scenario: str, persona: str, lang: str, seed: int, trainee: str, started_at: datetime,
    opening: str, content: list[str] | None = None, session_id: str | None = None,
) -> dict[str, Any]:
    return {
        "type": "header",
        "format": FORMAT,
        "version": __version__,
        "session_id": session_id or uuid.uuid4().hex,
        "scenario": scenario,
        "persona": persona,
        "lang": lang,
        "seed": int(seed),
        "trainee": trainee,
        "started_at": started_at.isoformat(),
        "opening": opening,
        "content": list(content or []),
    }


def turn_record(turn_dict: dict[str, Any], at: datetime) -> dict[str, Any]:
    return {"type": "turn", "at": at.isoformat(), **turn_dict}


def footer_record(
    *, outcome: str | None, ended_at: datetime, complete: bool, ended_by: str, turns: int, hints: int = 0
) -> dict[str, Any]:
    if ended_by not in ENDINGS:
        raise ValueError(f"unknown ending {ended_by!r}")
    return {
        "type": "footer",
        "outcome": outcome,
        "ended_at": ended_at.isoformat(),
        "complete": bool(complete),
        "ended_by": ended_by,
        "turns": turns,
        "hints": hints,
    }


def dumps(record: dict[str, Any]) -> str:
    """One transcript line (no newline): UTF-8 text as typed, keys in a stable order."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Transcript:
    """A transcript read back: the header, the turn records in order, the footer if any."""

    path: str
    header: dict[str, Any]
    turns: tuple[dict[str, Any], ...]
    footer: dict[str, Any] | None
    warnings: tuple[str, ...] = field(default=())

    @property
    def texts(self) -> list[str]:
        return [t["text"] for t in self.turns]

    @property
    def started_at(self) -> str:
        return str(self.header["started_at"])


_HEADER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "format": int, "version": str, "session_id": str, "scenario": str, "persona": str,
    "lang": str, "seed": int, "trainee": str, "started_at": str,
}


def read_transcript(path: str | Path) -> Transcript:
    """Read and check a transcript; every problem names the file and line."""
    p = Path(path)
    try:
        raw = p.read_bytes() if p.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        raise InputError(f"{p}: cannot read transcript: {exc.strerror or exc}") from None
    if raw is None:
        raise InputError(f"{p}: too large for a transcript (over {MAX_BYTES} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    lines = text.split("\n")
    torn_tail = not text.endswith("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise InputError(f"{p}: empty transcript")
    warnings: list[str] = []
    records: list[tuple[int, dict[str, Any]]] = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, RecursionError) as exc:  # also a 5,000-digit number, [[[[… nested too deep
            if no == len(lines) and torn_tail and no > 1:
                # A write cut short by a crash or power loss: everything before it is intact.
                warnings.append(f"line {no}: incomplete last line skipped")
                break
            detail = exc.msg if isinstance(exc, json.JSONDecodeError) else \
                "nested too deeply" if isinstance(exc, RecursionError) else "a number too long to read"
            raise InputError(f"{p}:{no}: not valid JSON: {detail}") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("type"), str):
            raise InputError(f"{p}:{no}: each line must be a JSON object with a 'type'")
        records.append((no, rec))
    if not records or records[0][1]["type"] != "header":
        raise InputError(f"{p}:1: the first line must be the header (type 'header')")
    header = records[0][1]
    for key, kind in _HEADER_FIELDS.items():
        if key not in header:
            raise InputError(f"{p}:1: header: missing field {key!r}")
        if not isinstance(header[key], kind) or isinstance(header[key], bool):
            raise InputError(f"{p}:1: header: {key!r} has the wrong type")
    if header["format"] != FORMAT:
        raise InputError(f"{p}:1: header: transcript format {header['format']} is not supported (this version reads {FORMAT})")
    if header["lang"] not in ("zh", "en"):
        raise InputError(f"{p}:1: header: unknown language {header['lang']!r}; use zh or en")
    _check_time(p, 1, "started_at", header["started_at"])
    turns: list[dict[str, Any]] = []
    footer: dict[str, Any] | None = None
    for no, rec in records[1:]:
        kind = rec["type"]
        if footer is not None:
            raise InputError(f"{p}:{no}: nothing may follow the footer")
        if kind == "turn":
            if not isinstance(rec.get("text"), str):
                raise InputError(f"{p}:{no}: turn: 'text' must be a string")
            if len(rec["text"]) > MAX_REPLY_CHARS:
                raise InputError(f"{p}:{no}: turn: 'text' is {len(rec['text'])} characters long; "
                                 f"a reply may be at most {MAX_REPLY_CHARS}")
            if rec.get("turn") != len(turns) + 1:
                raise InputError(f"{p}:{no}: turn: expected turn {len(turns) + 1}, got {rec.get('turn')!r}")
            turns.append(rec)
        elif kind == "footer":
            if not isinstance(rec.get("complete"), bool):
                raise InputError(f"{p}:{no}: footer: 'complete' must be true or false")
            if not isinstance(rec.get("ended_at"), str):
                raise InputError(f"{p}:{no}: footer: missing field 'ended_at'")
            _check_time(p, no, "ended_at", rec["ended_at"])
            if rec.get("ended_by") is not None and rec["ended_by"] not in ENDINGS:
                raise InputError(f"{p}:{no}: footer: 'ended_by' must be one of {', '.join(ENDINGS)}, "
                                 f"got {rec['ended_by']!r}")
            hints = rec.get("hints", 0)
            if not isinstance(hints, int) or isinstance(hints, bool) or hints < 0:
                raise InputError(f"{p}:{no}: footer: 'hints' must be a whole number, got {hints!r}")
            footer = rec
        elif kind == "header":
            raise InputError(f"{p}:{no}: a second header")
        else:
            raise InputError(f"{p}:{no}: unknown line type {kind!r}")
    return Transcript(str(p), header, tuple(turns), footer, tuple(warnings))


def _check_time(p: Path, no: int, key: str, value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{p}:{no}: {key!r} is not an ISO 8601 time: {value!r}") from None
