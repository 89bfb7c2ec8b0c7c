"""Rendering: the one strict Jinja environment, and writing pages safely.

Autoescaping is on for every template (nothing a trainee typed can become
markup) and ``StrictUndefined`` makes a misspelt variable fail loudly. Templates
live in the top-level ``reports/`` folder (inside the wheel: ``_content/reports``).
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from simulator.content import builtin_path
from simulator.errors import InputError


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment every report page is rendered with."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_path("reports"))),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, data: dict[str, Any]) -> str:
    """Render one page from plain data."""
    return environment().get_template(template).render(**data)


def write_page(path: str | Path, html: str) -> Path:
    """Write a page atomically (a crash mid-write never leaves half a report)."""
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(html)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)  # mkstemp makes it private; a report is an ordinary document
            os.replace(tmp, p)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(f"{p}: cannot write the report: {exc.strerror or exc}") from None
    return p
