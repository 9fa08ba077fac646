"""Geometry for a server-rendered SVG line chart; the template draws it.

Hidden or missing values break the line rather than being drawn as zero.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 48


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value_text: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class LineChart:
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    lines: list[str] = field(default_factory=list)  # SVG polyline "points" strings
    points: list[Point] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    target_y: float | None = None


def _nice_ceiling(value: float) -> float:
    """The next of 1, 2, 2.5 or 5 times a power of ten at or above ``value``."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def line_chart(
    series: list[tuple[str, Decimal | int | None, str]],
    *,
    percent: bool = False,
    target: Decimal | None = None,
) -> LineChart:
    """``series`` is (period label, value or None, value as text), oldest first."""
    chart = LineChart()
    values = [float(v) for _, v, _ in series if v is not None]
    if target is not None:
        values.append(float(target))
    top_value = 100.0 if percent else _nice_ceiling(max(values, default=0))
    span_x = chart.right - chart.left
    span_y = chart.bottom - chart.top

    def y_of(value: float) -> float:
        return round(chart.bottom - span_y * value / top_value, 1)

    for step in range(5):
        value = top_value * step / 4
        text = f"{value:g}%" if percent else f"{value:,.{0 if value == int(value) else 1}f}"
        chart.y_ticks.append(Tick(y_of(value), text))
    count = len(series)
    every = max(1, math.ceil(count / 6))
    run: list[str] = []
    for index, (label, value, value_text) in enumerate(series):
        x = round(chart.left + (span_x * (index + 0.5) / count), 1) if count else chart.left
        if index % every == 0:
            chart.x_ticks.append(Tick(x, label))
        if value is None:
            if run:
                chart.lines.append(" ".join(run))
            run = []
            continue
        y = y_of(float(value))
        run.append(f"{x},{y}")
        chart.points.append(Point(x, y, label, value_text))
    if run:
        chart.lines.append(" ".join(run))
    if target is not None:
        chart.target_y = y_of(float(target))
    return chart
