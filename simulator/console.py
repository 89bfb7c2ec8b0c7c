"""Terminal rendering helpers: the anger meter, sparklines, colour by band.

Readable without colour: the number, the bar and the trend arrow carry the meaning,
colour only repeats it.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

BAND_COLOURS = {"calm": "green", "annoyed": "yellow", "angry": "red", "furious": "magenta"}
_SPARKS = "▁▂▃▄▅▆▇█"
METER_WIDTH = 20


def sparkline(values: Sequence[float], lo: float = 0.0, hi: float = 100.0) -> str:
    """One block character per value, scaled between ``lo`` and ``hi``."""
    span = (hi - lo) or 1.0
    out = []
    for v in values:
        k = int((min(hi, max(lo, v)) - lo) / span * (len(_SPARKS) - 1) + 0.5)
        out.append(_SPARKS[k])
    return "".join(out)


def trend(before: float, after: float) -> str:
    return "↑" if after > before else "↓" if after < before else "→"


def meter(anger: float, band: str, before: float | None = None, colour: bool = True) -> str:
    """``[████████░░░░░░░░░░░░] 42 ↓`` coloured by band."""
    filled = int(round(anger / 100 * METER_WIDTH))
    bar = "█" * filled + "░" * (METER_WIDTH - filled)
    arrow = f" {trend(before, anger)}" if before is not None else ""
    text = f"[{bar}] {fmt(anger)}{arrow}"
    return click.style(text, fg=BAND_COLOURS.get(band)) if colour else text


def fmt(x: float) -> str:
    """Anger for display: whole numbers stay whole, others keep one decimal."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"


def trajectory(values: Sequence[float]) -> str:
    return " → ".join(fmt(v) for v in values)
