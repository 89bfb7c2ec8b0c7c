"""Input formats, read as a stream of chunks: JSON lines, CSV (with or without BOM), Parquet.

Reading never holds more than one chunk: JSON lines are split but not decoded
(workers decode them), over-long lines are skipped without being read into
memory, and CSV or Parquet rows are grouped into sets as they stream past, so
the rows of one set must be consecutive. Every problem found while reading
becomes a :class:`LineError` that travels in the chunk like any other item.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import gzip
import io
import shutil
import sqlite3
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from simulator.batch.kernel import Chunk
from simulator.batch.sets import MAX_LINE_BYTES, MAX_RESPONSES, LineError
from simulator.errors import InputError
from simulator.i18n import t

FORMATS = ("auto", "jsonl", "csv", "parquet")
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jl": "jsonl", ".json": "jsonl",
               ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
# A chunk is the unit of work sent to a worker: big enough that shipping it costs
# little next to playing it (a few tens of milliseconds of work), small enough that
# a handful in flight stay within a few megabytes. Fixed, not an option: results
# never depend on it, but keeping it fixed keeps every run's bookkeeping identical.
CHUNK_SETS = 500
CHUNK_BYTES = 2 << 20
CSV_COLUMNS = ("id", "trainee", "scenario", "persona", "turn", "response")
CSV_REQUIRED = ("id", "scenario", "persona", "turn", "response")
_SKIP = 1 << 16  # read size when skipping the rest of an over-long line

Item = bytes | dict[str, Any] | LineError


@dataclass
class Source:
    """An opened input: where it came from, its format, and how far reading has got."""

    name: str
    format: str
    stream: IO[bytes]
    size: int | None  # bytes, when known (for the progress bar)
    position: Callable[[], int]
    lang: str = "en"
    blank_lines: int = 0
    _closers: tuple[IO[Any], ...] = ()

    def items(self) -> Iterator[tuple[int, Item]]:
        if self.format == "jsonl":
            items = self._jsonl()
        elif self.format == "csv":
            items = _group_rows(_csv_rows(self.stream, self.lang), self.lang)
        else:
            items = _parquet_items(self.stream, self.lang)
        try:
            yield from items
        except _READ_ERRORS as exc:  # a .gz cut short or corrupt, a failing disk
            raise _read_error(self.name, exc, self.lang) from None

    def chunks(self) -> Iterator[Chunk]:
        """The items, cut into chunks of at most CHUNK_SETS items or about CHUNK_BYTES bytes."""
        index = 0
        lines: list[int] = []
        items: list[Item] = []
        size = 0
        for line, item in self.items():
            lines.append(line)
            items.append(item)
            size += _weight(item)
            if len(items) >= CHUNK_SETS or size >= CHUNK_BYTES:
                yield Chunk(index, tuple(lines), tuple(items))
                index += 1
                lines, items, size = [], [], 0
        if items:
            yield Chunk(index, tuple(lines), tuple(items))

    def _jsonl(self) -> Iterator[tuple[int, Item]]:
        readline = self.stream.readline
        line = 0
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            line += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                rest = raw
                while rest and not rest.endswith(b"\n"):  # skip it without holding it
                    rest = readline(_SKIP)
                yield line, LineError(line, "line_too_long", {"limit": MAX_LINE_BYTES})
            elif raw.isspace() or (line == 1 and raw.startswith(codecs.BOM_UTF8) and not raw[3:].strip()):
                self.blank_lines += 1
            else:
                yield line, raw

    def close(self) -> None:
        for f in self._closers:
            f.close()


def _weight(item: Item) -> int:
    """About how many bytes an item holds, so a chunk of long CSV sets stays small too."""
    if isinstance(item, bytes):
        return len(item)
    if isinstance(item, dict):
        responses = item.get("responses")
        if isinstance(responses, list):
            return 256 + sum(3 * len(r) for r in responses if isinstance(r, str))
    return 256


def detect_format(name: str, head: bytes) -> str:
    """From the file name's extension, else from the first bytes."""
    suffix = Path(name.removesuffix(".gz")).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head.startswith(b"PAR1"):
        return "parquet"
    body = head.removeprefix(codecs.BOM_UTF8).lstrip()
    return "jsonl" if body.startswith(b"{") else "csv"


def open_source(path: str, fmt: str = "auto", *, lang: str = "en", stdin: IO[bytes] | None = None) -> Source:
    """Open ``path`` (``-`` for standard input, ``.gz`` decompressed on the fly)."""
    if fmt not in FORMATS:
        raise InputError(t("batch.bad_format", lang, format=fmt, choices=", ".join(FORMATS)))
    closers: list[IO[Any]] = []
    if path == "-":
        raw: IO[bytes] = stdin if stdin is not None else sys.stdin.buffer
        size = None
        name = "-"
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError(t("batch.no_input", lang, path=path))
        try:
            raw = open(p, "rb")  # noqa: SIM115 - closed by Source.close
        except OSError as exc:
            raise InputError(t("batch.cannot_read", lang, path=path, detail=exc.strerror or exc)) from None
        closers.append(raw)
        size = p.stat().st_size
        name = p.name
    position = raw.tell if raw.seekable() else (lambda: 0)
    stream = raw
    if path.endswith(".gz"):
        stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
        closers.insert(0, stream)
    if not isinstance(stream, io.BufferedReader | gzip.GzipFile):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type,type-var]
    try:
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        chosen = detect_format(name, head) if fmt == "auto" else fmt
        if chosen == "parquet" and not (raw.seekable() and stream is raw):
            stream = _spool(stream)  # Parquet keeps its index at the end: it needs a seekable file
            closers.insert(0, stream)
    except _READ_ERRORS as exc:  # a .gz that is not gzip or is cut short, a failing disk
        for f in closers:
            f.close()
        raise _read_error(path, exc, lang) from None
    return Source(name, chosen, stream, size, position, lang, 0, tuple(closers))


# What reading the input can raise besides bad content: a broken .gz, a failing disk.
_READ_ERRORS = (OSError, EOFError, zlib.error)


def _read_error(name: str, exc: BaseException, lang: str) -> InputError:
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return InputError(t("batch.bad_gzip", lang, path=name, detail=exc))
    detail = getattr(exc, "strerror", None) or exc
    return InputError(t("batch.cannot_read", lang, path=name, detail=detail))


def _spool(stream: IO[bytes]) -> IO[bytes]:
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - closed by Source.close
    shutil.copyfileobj(stream, spool, 1 << 20)
    spool.seek(0)
    return spool


# ----------------------------------------------------------------------------- CSV and Parquet rows


class _Lines:
    """The file's lines decoded for :mod:`csv`, over-long or undecodable ones replaced by blanks."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.line = 0
        self.bad: dict[int, LineError] = {}

    def __iter__(self) -> Iterator[str]:
        readline = self.stream.readline
        while True:
            raw = readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            self.line += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                rest = raw
                while rest and not rest.endswith(b"\n"):
                    rest = readline(_SKIP)
                self.bad[self.line] = LineError(self.line, "line_too_long", {"limit": MAX_LINE_BYTES})
                yield "\n"
                continue
            try:
                yield raw.decode("utf-8-sig" if self.line == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                self.bad[self.line] = LineError(self.line, "bad_utf8", {"position": exc.start + 1})
                # Decoded with replacement characters, not dropped: quotes and commas are
                # ASCII, so a bad line inside a quoted cell does not unbalance the rest.
                yield raw.decode("utf-8", "replace")

    def problem(self, first: int) -> LineError | None:
        """The first bad line from ``first`` to the last line read (one row may span lines); forgets them."""
        found = sorted(n for n in self.bad if n >= first)
        for n in found[1:]:
            del self.bad[n]
        return self.bad.pop(found[0]) if found else None


def _csv_rows(stream: IO[bytes], lang: str) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    """Rows as dicts keyed by the header's column names (case and spaces ignored)."""
    lines = _Lines(stream)
    csv.field_size_limit(MAX_LINE_BYTES)
    # strict: a quote left open to the end of the file, or text after a closing quote,
    # is an error for that row rather than rows silently merged or mangled.
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise InputError(t("batch.error.csv_error", lang, detail=exc)) from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in CSV_REQUIRED if c not in names]
    if missing and len(header) == 1:
        # Excel in many locales saves "CSV" with semicolons; say so rather than list every column.
        for delimiter in (";", "\t", "|"):
            if len([c for c in CSV_REQUIRED if c in header[0].lower().split(delimiter)]) >= 2:
                raise InputError(t("batch.csv_delimiter", lang, delimiter=delimiter.replace("\t", "Tab"),
                                   found=header[0]))
    if missing:
        raise InputError(t("batch.csv_header", lang, missing=", ".join(missing), found=", ".join(header)))
    index = {c: names.index(c) for c in CSV_COLUMNS if c in names}
    width = len(header)
    done = lines.line
    while True:
        start = done + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            detail = str(exc)
            if lines.line > start and "unexpected end of data" in detail:
                detail = t("batch.csv_unclosed", lang, last=lines.line)
            done = lines.line
            lines.problem(start)
            yield start, LineError(start, "csv_error", {"detail": detail})
            continue
        done = lines.line
        bad = lines.problem(start)
        if bad is not None:
            # Named with the row's id when it has one, so the error spoils that whole set.
            yield start, dataclasses.replace(bad, id=(row[index["id"]] if index["id"] < len(row) else "") or None)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        if len(row) != width:
            sid = row[index["id"]] if index["id"] < len(row) else None
            yield start, LineError(start, "csv_width", {"count": len(row), "want": width}, sid or None)
            continue
        yield start, {c: row[i] for c, i in index.items()}


def _parquet_items(stream: IO[bytes], lang: str) -> Iterator[tuple[int, Item]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(t("batch.no_pyarrow", lang)) from None
    try:
        pf = pq.ParquetFile(stream)
    except Exception as exc:  # pyarrow raises its own ArrowInvalid and OSError kinds
        raise InputError(t("batch.bad_parquet", lang, detail=exc)) from None
    names = [n.lower() for n in pf.schema_arrow.names]
    wide = "responses" in names
    if not wide:
        missing = [c for c in CSV_REQUIRED if c not in names]
        if missing:
            raise InputError(t("batch.parquet_columns", lang, missing=", ".join(missing)))

    def rows() -> Iterator[tuple[int, dict[str, Any] | LineError]]:
        n = 0
        for batch in pf.iter_batches(batch_size=1024):
            for rec in batch.to_pylist():
                n += 1
                yield n, {str(k).lower(): v for k, v in rec.items()}

    if wide:
        yield from rows()
    else:
        yield from _group_rows(rows(), lang)


# ----------------------------------------------------------------------------- rows → sets


@dataclass
class _Group:
    line: int
    id: str
    fields: dict[str, Any]
    turns: list[tuple[int, int, Any]]  # (turn, line, response): checked later, like any set
    error: LineError | None = None


def _turn(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, float) and value.is_integer() and value >= 1:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii() and len(value.strip()) <= 9:
        n = int(value.strip())
        return n if n >= 1 else None
    return None


def _group_rows(rows: Iterator[tuple[int, dict[str, Any] | LineError]], lang: str = "en") -> Iterator[tuple[int, Item]]:
    """Consecutive rows with the same id become one set, ordered by their turn numbers.

    Rows of a set that come back after other sets are an error, not a second set
    with the same id: that would play its replies without the ones before.
    """
    group: _Group | None = None
    began = FirstLines()  # the first line of every set id seen so far
    for line, row in rows:
        if isinstance(row, LineError):
            if group is not None and row.id is not None and row.id == group.id:
                group.error = group.error or row
            else:
                if group is not None:
                    yield _finish(group)
                    group = None
                yield line, row
            continue
        sid = "" if row.get("id") is None else str(row["id"])
        if group is None or sid != group.id:
            if group is not None:
                yield _finish(group)
            group = _Group(line, sid, {k: row.get(k) for k in ("trainee", "scenario", "persona")}, [])
            first = began.first(sid, line) if sid else None
            if first is not None:
                group.error = LineError(line, "csv_error", {"detail": t("batch.csv_split", lang, id=sid,
                                                                        first=first)}, sid)
        if group.error is not None:
            continue
        for key in ("trainee", "scenario", "persona"):
            mine, theirs = group.fields[key], row.get(key)
            if mine != theirs:
                group.error = LineError(line, "csv_mixed", {"field": key, "a": mine, "b": theirs, "first": group.line},
                                        sid or None)
                break
        else:
            turn = _turn(row.get("turn"))
            if turn is None:
                group.error = LineError(line, "csv_turn", {"value": row.get("turn")}, sid or None)
            elif any(turn == t_ for t_, _, _ in group.turns):
                group.error = LineError(line, "csv_duplicate_turn", {"turn": turn}, sid or None)
            elif len(group.turns) >= MAX_RESPONSES:
                group.error = LineError(group.line, "too_many_responses", {"count": f"> {MAX_RESPONSES}",
                                                                          "limit": MAX_RESPONSES}, sid or None)
            else:
                group.turns.append((turn, line, row.get("response")))
    if group is not None:
        yield _finish(group)


class FirstLines:
    """The first line of every set id seen, in a temporary SQLite file.

    Catching a set whose rows come back after other sets means remembering every
    id; a dict would grow with the input (a 10-million-row CSV holds millions of
    sets), so the ids live on disk and memory stays flat. Small inputs never notice:
    SQLite keeps a small database in its page cache.
    """

    def __init__(self) -> None:
        self._db = sqlite3.connect("")  # "": a private temporary file, deleted on close
        self._db.execute("PRAGMA cache_size = -4096")  # at most 4 MiB of pages in memory
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE first (id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def first(self, sid: str, line: int) -> int | None:
        """Record ``sid`` as first seen at ``line``; if it was seen before, that earlier line."""
        cur = self._db.execute("INSERT OR IGNORE INTO first VALUES (?, ?)", (sid, line))
        if cur.rowcount:
            return None
        (earlier,) = self._db.execute("SELECT line FROM first WHERE id = ?", (sid,)).fetchone()
        return int(earlier)

    def __del__(self) -> None:
        self._db.close()


def _finish(group: _Group) -> tuple[int, Item]:
    if group.error is not None:
        return group.line, group.error
    group.turns.sort()
    record: dict[str, Any] = {"id": group.id, **group.fields, "responses": [r for _, _, r in group.turns]}
    return group.line, record
