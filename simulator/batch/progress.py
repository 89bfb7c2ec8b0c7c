"""A one-line progress display on standard error, only when it is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from simulator.i18n import t

REFRESH_SECONDS = 0.2


class Progress:
    def __init__(self, lang: str, total_bytes: int | None, stream: TextIO | None = None, enabled: bool | None = None):
        self.lang = lang
        self.total = total_bytes
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def update(self, sets: int, responses: int, errors: int, position: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < REFRESH_SECONDS:
            return
        self.last = now
        rate = responses / max(now - self.started, 1e-9)
        text = t("batch.progress", self.lang, sets=f"{sets:,}", responses=f"{responses:,}", rate=f"{rate:,.0f}",
                 errors=f"{errors:,}")
        if self.total:
            share = min(1.0, position / self.total)
            filled = int(share * 20)
            text = f"[{'█' * filled}{'░' * (20 - filled)}] {share:4.0%}  " + text
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
