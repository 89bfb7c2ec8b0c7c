"""Atomic output files: written beside their final names, renamed into place at the end.

An interrupted run leaves either the previous files or complete new ones, never
half a file: everything is written into a hidden temporary folder inside the
output folder (same file system, so ``os.replace`` is atomic), flushed to disk,
and only then renamed over the old files, with Ctrl-C held back for the few
renames so the set of files is not left half old, half new either.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from simulator.errors import InputError
from simulator.i18n import t

TMP_PREFIX = ".complaint-sim-tmp-"
# results.csv starts with a byte-order mark so Excel opens Chinese text as UTF-8 (issue 5).
CSV_BOM = codecs.BOM_UTF8


def csv_line(cells: Sequence[str]) -> bytes:
    """One CSV row (``\r\n``-terminated, as Excel expects), UTF-8 encoded."""
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue().encode("utf-8")


class AtomicOutputs:
    """A set of files in ``out_dir`` replaced together by :meth:`commit`."""

    def __init__(self, out_dir: str | Path, *, lang: str = "en") -> None:
        self.out_dir = Path(out_dir)
        self.lang = lang
        self.tmp: Path | None = None
        self._files: dict[str, BinaryIO] = {}
        self._order: list[str] = []
        self.committed = False

    def __enter__(self) -> AtomicOutputs:
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=self.out_dir))
        except OSError as exc:
            raise InputError(t("batch.cannot_write", self.lang, path=self.out_dir, detail=exc.strerror or exc)) from None
        return self

    def open(self, name: str) -> BinaryIO:
        """A binary file that becomes ``out_dir/name`` on commit."""
        assert self.tmp is not None, "use AtomicOutputs as a context manager"
        f = open(self.tmp / name, "wb")  # noqa: SIM115 - closed by commit or __exit__
        self._files[name] = f
        self._order.append(name)
        return f

    def write_bytes(self, name: str, data: bytes) -> None:
        self.open(name).write(data)

    def commit(self) -> list[Path]:
        """Flush every file to disk, then rename them all into place; returns the final paths."""
        assert self.tmp is not None
        for f in self._files.values():
            f.flush()
            os.fsync(f.fileno())
            f.close()
        final = []
        with _signals_held():
            for name in self._order:
                target = self.out_dir / name
                os.replace(self.tmp / name, target)
                final.append(target)
            _fsync_dir(self.out_dir)
            self.committed = True
        shutil.rmtree(self.tmp, ignore_errors=True)
        return final

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if not self.committed:
            for f in self._files.values():
                with contextlib.suppress(OSError):
                    f.close()
            if self.tmp is not None:
                shutil.rmtree(self.tmp, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (delivered right after) while files are renamed."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
