"""Where a trainee's own files live: transcripts, reports and the history database.

Everything goes under one user data directory: ``$XDG_DATA_HOME/complaint-sim``
when ``XDG_DATA_HOME`` is set (on every platform, so a test or a shared machine
can redirect it), else the platform's usual place via ``platformdirs``
(``~/.local/share/complaint-sim`` on Linux). Nothing is created until written.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

APP_NAME = "complaint-sim"


def data_dir() -> Path:
    """The user data directory (not created)."""
    xdg = os.environ.get("XDG_DATA_HOME", "")
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / APP_NAME
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def sessions_dir() -> Path:
    """Transcripts of practice sessions (JSON lines)."""
    return data_dir() / "sessions"


def reports_dir() -> Path:
    """HTML reports."""
    return data_dir() / "reports"


def history_db() -> Path:
    """The SQLite database of every session played."""
    return data_dir() / "history.sqlite3"


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def session_stem(started_at: datetime, scenario: str, persona: str) -> str:
    """A file name stem that sorts by time: ``20250301-142501-billing-error-domineering``."""
    parts = [started_at.strftime("%Y%m%d-%H%M%S"), scenario, persona]
    return "-".join(_UNSAFE.sub("_", p) for p in parts)


def unique_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… if it already exists."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1
