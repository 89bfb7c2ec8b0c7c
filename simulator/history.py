"""Practice history: every finished or interrupted session, in SQLite.

One database per user (``paths.history_db()``, or ``--db``), in WAL mode so a
report or ``history`` can read while a session writes. The schema version lives
in ``PRAGMA user_version``; :data:`MIGRATIONS` upgrades an older file in place,
each step in its own transaction, and a newer file than this version knows is
refused rather than damaged. Nothing here knows the engine: rows are plain data.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.errors import InputError

# Each step: (version it brings the file to, SQL statements). Append only; never edit a
# shipped step, or files already migrated would differ from new ones.
MIGRATIONS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE,
            trainee TEXT NOT NULL,
            scenario TEXT NOT NULL,
            persona TEXT NOT NULL,
            lang TEXT NOT NULL,
            seed INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            turns INTEGER NOT NULL,
            outcome TEXT,
            complete INTEGER NOT NULL,
            ended_by TEXT,
            total REAL,
            pass_mark REAL,
            passed INTEGER,
            transcript TEXT,
            report TEXT,
            version TEXT
        )""",
        """CREATE TABLE dimension_scores (
            session INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            dimension TEXT NOT NULL,
            score REAL,
            weight REAL NOT NULL,
            PRIMARY KEY (session, dimension)
        )""",
    )),
    # The progress page draws anger at the start and end, and reads per trainee and pairing.
    (2, (
        "ALTER TABLE sessions ADD COLUMN anger_start REAL",
        "ALTER TABLE sessions ADD COLUMN anger_end REAL",
        "CREATE INDEX sessions_progress ON sessions (trainee, persona, scenario, started_at)",
    )),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]
# How long a writer waits for another process's lock before giving up (ms).
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class SessionRow:
    """One session as history keeps it."""

    session_id: str
    trainee: str
    scenario: str
    persona: str
    lang: str
    seed: int
    started_at: str
    turns: int
    complete: bool
    ended_at: str | None = None
    outcome: str | None = None
    ended_by: str | None = None
    total: float | None = None
    pass_mark: float | None = None
    passed: bool | None = None
    transcript: str | None = None
    report: str | None = None
    version: str | None = None
    anger_start: float | None = None
    anger_end: float | None = None
    dimensions: tuple[tuple[str, float | None, float], ...] = field(default=())  # (id, score, weight)

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "dimensions"}
        d["dimensions"] = {dim: score for dim, score, _ in self.dimensions}
        return d


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the history database."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(p, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise InputError(f"{p}: cannot open the history database: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        _migrate(conn, p)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(f"{p}: not a usable complaint-sim history database: {exc}") from None
    except BaseException:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _migrate(conn: sqlite3.Connection, p: Path) -> None:
    if schema_version(conn) == SCHEMA_VERSION:
        return
    # IMMEDIATE takes the write lock first, so two processes never migrate at once;
    # the version is read again under the lock.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{p}: history database schema version {version} is newer than this complaint-sim "
                f"understands ({SCHEMA_VERSION}); upgrade complaint-sim"
            )
        for target, statements in MIGRATIONS:
            if target <= version:
                continue
            for sql in statements:
                conn.execute(sql)
            conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


_COLUMNS = (
    "session_id", "trainee", "scenario", "persona", "lang", "seed", "started_at", "ended_at", "turns",
    "outcome", "complete", "ended_by", "total", "pass_mark", "passed", "transcript", "report", "version",
    "anger_start", "anger_end",
)


def record(path: str | Path, row: SessionRow) -> None:
    """Add a session, or replace it when the same session id was recorded before."""
    conn = connect(path)
    try:
        values = [getattr(row, c) for c in _COLUMNS]
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "session_id")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                f"INSERT INTO sessions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
                f"ON CONFLICT(session_id) DO UPDATE SET {updates}",
                values,
            )
            sid = conn.execute("SELECT id FROM sessions WHERE session_id = ?", (row.session_id,)).fetchone()[0]
            conn.execute("DELETE FROM dimension_scores WHERE session = ?", (sid,))
            conn.executemany(
                "INSERT INTO dimension_scores (session, dimension, score, weight) VALUES (?, ?, ?, ?)",
                [(sid, d, s, w) for d, s, w in row.dimensions],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot record the session: {exc}") from None
    finally:
        conn.close()


def sessions(path: str | Path, trainee: str | None = None) -> list[SessionRow]:
    """Every recorded session, oldest first (optionally one trainee's)."""
    if not Path(path).exists():
        return []
    conn = connect(path)
    conn.row_factory = sqlite3.Row
    try:
        where, args = ("WHERE trainee = ?", (trainee,)) if trainee is not None else ("", ())
        rows = conn.execute(f"SELECT * FROM sessions {where} ORDER BY started_at, id", args).fetchall()
        dims: dict[int, list[tuple[str, float | None, float]]] = {}
        for d in conn.execute("SELECT session, dimension, score, weight FROM dimension_scores ORDER BY rowid"):
            dims.setdefault(d["session"], []).append((d["dimension"], d["score"], d["weight"]))
    except sqlite3.Error as exc:
        raise InputError(f"{path}: cannot read the history: {exc}") from None
    finally:
        conn.close()
    out = []
    for r in rows:
        kw = {c: _fit(c, r[c]) for c in _COLUMNS}
        kw["complete"] = bool(kw["complete"])
        kw["passed"] = None if kw["passed"] is None else bool(kw["passed"])
        mine = tuple((_text(d), _number(s_), _number(w) or 0.0) for d, s_, w in dims.get(r["id"], ()))
        out.append(SessionRow(**kw, dimensions=mine))
    return out


# SQLite keeps whatever type a value was given, so a damaged or hand-edited file can hold
# text where a score belongs. Such a value is read as unknown (None) and the rest of the
# row is kept, rather than one bad cell stopping `history` for every session.
_TEXT = {"session_id", "trainee", "scenario", "persona", "lang", "started_at"}
_OPTIONAL_TEXT = {"ended_at", "ended_by", "transcript", "report", "version"}
_INTEGER = {"seed", "turns"}
_OUTCOMES = {"resolved", "escalated", "walked_out", "unresolved"}


def _fit(column: str, value: Any) -> Any:
    if column in _TEXT:
        return _text(value)
    if column in _OPTIONAL_TEXT:
        return None if value is None else _text(value)
    if column in _INTEGER:
        return value if isinstance(value, int) else 0
    if column == "outcome":
        return value if value in _OUTCOMES else None
    if column in ("complete", "passed"):
        return value if value is None or isinstance(value, (int, float)) else None
    return _number(value)  # total, pass_mark, anger_start, anger_end


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


# ----------------------------------------------------------------------------- progress


def _brief(r: SessionRow) -> dict[str, Any]:
    return {
        "session_id": r.session_id, "started_at": r.started_at, "total": r.total, "passed": r.passed,
        "outcome": r.outcome, "complete": r.complete, "turns": r.turns, "report": r.report,
        "transcript": r.transcript, "anger_start": r.anger_start, "anger_end": r.anger_end,
    }


def progress(rows: Sequence[SessionRow]) -> dict[str, Any]:
    """Progress per trainee and per (persona, scenario): scores over time, best and latest.

    Scores over time and the best count only sessions that reached an outcome: an
    interrupted session's score leaves the outcome out, so it is not comparable.
    """
    by_trainee: dict[str, list[SessionRow]] = {}
    for r in rows:
        by_trainee.setdefault(r.trainee, []).append(r)
    trainees = []
    for name in sorted(by_trainee):
        mine = by_trainee[name]
        groups: dict[tuple[str, str], list[SessionRow]] = {}
        for r in mine:
            groups.setdefault((r.persona, r.scenario), []).append(r)
        group_rows = []
        for (persona, scenario), rs in sorted(groups.items()):
            scored = [r for r in rs if r.complete and r.total is not None]
            best = max(scored, key=lambda r: (r.total, r.started_at)) if scored else None
            group_rows.append({
                "persona": persona,
                "scenario": scenario,
                "count": len(rs),
                "complete": len(scored),
                "interrupted": len(rs) - len(scored),
                "passed": sum(1 for r in scored if r.passed),
                "scores": [r.total for r in scored],
                "best": _brief(best) if best else None,
                "latest": _brief(rs[-1]),
                "sessions": [_brief(r) for r in rs],
            })
        trainees.append({
            "trainee": name,
            "count": len(mine),
            "complete": sum(1 for r in mine if r.complete),
            "passed": sum(1 for r in mine if r.complete and r.passed),
            "groups": group_rows,
            "dimensions": _dimension_summary(r for r in mine if r.complete),
        })
    return {"schema_version": SCHEMA_VERSION, "trainees": trainees}


def _dimension_summary(rows: Iterable[SessionRow]) -> list[dict[str, Any]]:
    """Mean and latest score per dimension, over sessions where it applied."""
    seen: dict[str, list[float]] = {}
    for r in rows:
        for dim, score, _ in r.dimensions:
            if score is not None:
                seen.setdefault(dim, []).append(score)
    return [
        {"dimension": d, "mean": round(sum(v) / len(v), 1), "latest": v[-1], "count": len(v)}
        for d, v in seen.items()
    ]
