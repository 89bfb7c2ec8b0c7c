"""Session reports: data building (``build``), chart geometry (``chart``), rendering (``render``).

The library entry points a command calls: :func:`session_html` and
:func:`render_transcript` for one session, :func:`demo_html` for the demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simulator.engine import Rulebook
from simulator.errors import UnknownNameError
from simulator.report import render as rendering
from simulator.report.build import SessionInput, demo_data, from_transcript, report_data
from simulator.report.render import write_page
from simulator.report.transcript import read_transcript


def session_html(rules: Rulebook, inp: SessionInput, *, lang: str | None = None) -> str:
    """The report page of one session."""
    return rendering.render("session.html", report_data(rules, inp, lang=lang))


def render_transcript(
    rules: Rulebook, transcript: str | Path, out: str | Path | None, *, lang: str | None = None
) -> tuple[str, Path | None]:
    """Re-render a transcript; writes ``out`` when given. Same transcript, same bytes."""
    tr = read_transcript(transcript)
    try:
        html = session_html(rules, from_transcript(tr), lang=lang)
    except UnknownNameError as exc:
        extra = tr.header.get("content") or []
        if extra:  # the persona or scenario came from a trainer's folder: say which
            raise UnknownNameError(f"{exc}; {tr.path} was recorded with --content {' '.join(map(str, extra))}") from None
        raise
    return html, (write_page(out, html) if out is not None else None)


def demo_html(
    rules: Rulebook, inputs: Sequence[SessionInput], *, lang: str, scenario_title: str, set_id: str
) -> str:
    """One page with a section per persona the demo played."""
    return rendering.render("demo.html", demo_data(rules, inputs, lang=lang, scenario_title=scenario_title, set_id=set_id))


__all__ = ["SessionInput", "demo_html", "from_transcript", "read_transcript", "render_transcript", "session_html", "write_page"]
