"""Geometry of the inline SVG charts, computed here so templates only place shapes.

Every coordinate is formatted to one decimal so the same data always gives the
same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Drawing box in SVG user units; the SVG scales to its container (viewBox).
WIDTH, HEIGHT = 720.0, 260.0
# The right margin holds the band names, clear of the last point.
LEFT, RIGHT, TOP, BOTTOM = 44.0, 64.0, 14.0, 34.0
# With more turns than this, label every k-th turn on the x axis so labels do not collide.
MAX_X_LABELS = 16


def _f(x: float) -> str:
    return f"{x:.1f}"


@dataclass(frozen=True)
class Scale:
    n: int  # points minus one (turns)
    lo: float = 0.0
    hi: float = 100.0
    width: float = WIDTH
    height: float = HEIGHT

    def x(self, i: int) -> float:
        inner = self.width - LEFT - RIGHT
        return LEFT + (inner * i / self.n if self.n else inner / 2)

    def y(self, v: float) -> float:
        inner = self.height - TOP - BOTTOM
        v = min(self.hi, max(self.lo, v))
        return TOP + inner * (self.hi - v) / ((self.hi - self.lo) or 1.0)


def anger_chart(
    values: Sequence[float],
    point_titles: Sequence[str],
    bands: Sequence[tuple[str, float, float, str]],
    lines: Sequence[tuple[str, float, str]],
    x_labels: Sequence[str],
) -> dict[str, Any]:
    """Shapes of an anger chart: one point per value (the start, then each turn).

    ``bands`` are ``(id, low, high, label)`` background stripes; ``lines`` are
    ``(id, anger, label)`` dashed thresholds.
    """
    n = max(len(values) - 1, 0)
    sc = Scale(n)
    points = [
        {"x": _f(sc.x(i)), "y": _f(sc.y(v)), "title": point_titles[i], "index": i}
        for i, v in enumerate(values)
    ]
    step = max(1, -(-len(values) // MAX_X_LABELS))  # ceiling division
    return {
        "width": _f(WIDTH),
        "height": _f(HEIGHT),
        "viewbox": f"0 0 {WIDTH:.0f} {HEIGHT:.0f}",
        "plot": {"x": _f(LEFT), "y": _f(TOP), "w": _f(WIDTH - LEFT - RIGHT), "h": _f(HEIGHT - TOP - BOTTOM)},
        "bands": [
            {"id": bid, "y": _f(sc.y(hi)), "h": _f(sc.y(lo) - sc.y(hi)), "label": label,
             "label_y": _f((sc.y(hi) + sc.y(lo)) / 2 + 4)}
            for bid, lo, hi, label in bands
        ],
        "lines": [
            {"id": lid, "y": _f(sc.y(v)), "label": label}
            for lid, v, label in lines
            if 0 <= v <= 100
        ],
        "y_ticks": [{"y": _f(sc.y(v)), "label": f"{v:.0f}"} for v in (0, 25, 50, 75, 100)],
        "x_ticks": [
            {"x": _f(sc.x(i)), "label": x_labels[i]}
            for i in range(len(values))
            if i % step == 0 or i == len(values) - 1
        ],
        "x_label_y": _f(HEIGHT - BOTTOM + 18),
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "right": _f(WIDTH - RIGHT),
        "bottom": _f(HEIGHT - BOTTOM),
    }


def sparkline_svg(
    values: Sequence[float], reference: float | None = None, width: float = 160.0, height: float = 36.0
) -> dict[str, Any]:
    """A small score-over-time line for the progress page (0–100, one point per session).

    ``reference`` (the pass mark) is drawn as a level line at ``ref_y``.
    """
    pad = 4.0
    n = max(len(values) - 1, 1)

    def y(v: float) -> float:
        return pad + (height - 2 * pad) * (100 - min(100.0, max(0.0, v))) / 100

    pts = []
    for i, v in enumerate(values):
        x = pad + (width - 2 * pad) * (i / n if len(values) > 1 else 0.5)
        pts.append({"x": _f(x), "y": _f(y(v))})
    return {
        "ref_y": _f(y(reference)) if reference is not None else None,
        "width": _f(width),
        "height": _f(height),
        "viewbox": f"0 0 {width:.0f} {height:.0f}",
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in pts),
        "points": pts,
    }
