"""The journal: a transcript written one line at a time, each on disk before play goes on.

Every record is appended, flushed and fsynced before the customer's answer is
shown, so Ctrl-C, a crash or a closed terminal loses nothing the trainee saw.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from simulator.errors import InputError
from simulator.report.transcript import dumps


class Journal:
    """Append-only transcript file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.lines = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # "x": never overwrite an earlier session's transcript.
            self._fh: IO[str] | None = open(self.path, "x", encoding="utf-8", newline="\n")  # noqa: SIM115
        except FileExistsError:
            raise InputError(f"{self.path}: a transcript already exists there; choose another --transcript") from None
        except OSError as exc:
            raise InputError(f"{self.path}: cannot write the transcript: {exc.strerror or exc}") from None
        self._sync_dir()

    def write(self, record: dict[str, Any]) -> None:
        """Append one record and make it durable before returning."""
        if self._fh is None:
            raise ValueError("journal is closed")
        try:
            self._fh.write(dumps(record) + "\n")
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:  # a full disk, a removed USB stick
            raise InputError(f"{self.path}: cannot write the transcript: {exc.strerror or exc}") from None
        self.lines += 1

    @property
    def closed(self) -> bool:
        return self._fh is None

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sync_dir(self) -> None:
        # The new file's directory entry must be durable too, or a crash can lose the file.
        try:
            fd = os.open(self.path.parent, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass  # some filesystems (and Windows) cannot fsync a directory
        finally:
            os.close(fd)
