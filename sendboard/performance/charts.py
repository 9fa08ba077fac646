"""The board's charts, drawn by Altair (Vega-Lite) and rendered to SVG on the server.

Missing and hidden figures are left out of a line (a gap), never drawn as zero. Each
line differs in dash as well as colour, so the chart reads in black and white.
"""

import functools
from dataclasses import dataclass
from datetime import date

import altair as alt

from sendboard.core.charts import svg_of, template_of, with_data

SERIES_STYLE = {
    # name: (colour, dash)
    "Target": ("#0b0c0c", (8, 4)),
    "England": ("#d4351c", (2, 2)),
    "Region": ("#4c2c92", (6, 2, 2, 2)),
    "Statistical neighbours": ("#00703c", (10, 3)),
}
OURS = ("#1d70b8", (1, 0))
TABLE = alt.NamedData(name="table")


@dataclass(frozen=True)
class Line:
    name: str
    points: tuple[tuple[date, float | None], ...]  # period start, value (None: a gap)


@functools.lru_cache(maxsize=64)
def _trend_template(names: tuple[str, ...], unit_title: str) -> dict:
    styles = [SERIES_STYLE.get(name, OURS) for name in names]
    chart = (
        alt.Chart(TABLE)
        .mark_line(point=alt.OverlayMarkDef(size=30), strokeWidth=3)
        .encode(
            x=alt.X("period:T", title="Period", axis=alt.Axis(format="%b %Y", tickCount=6)),
            y=alt.Y("value:Q", title=unit_title),
            color=alt.Color(
                "series:N",
                title=None,
                legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolSize=400),
                sort=list(names),
                scale=alt.Scale(domain=list(names), range=[colour for colour, _ in styles]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                title=None,
                sort=list(names),
                scale=alt.Scale(domain=list(names), range=[list(dash) for _, dash in styles]),
            ),
        )
        .transform_filter("isValid(datum.value)")
        .properties(width=560, height=260)
    )
    return template_of(chart)


def trend_svg(lines: list[Line], *, unit_title: str, title: str, description: str) -> str:
    """One line per series (the partnership's own first), over periods."""
    values = [
        {"period": start.isoformat(), "series": line.name, "value": value}
        for line in lines
        for start, value in line.points
    ]
    template = _trend_template(tuple(line.name for line in lines), unit_title)
    return svg_of(with_data(template, values), title=title, description=description)


@functools.cache
def _sparkline_template() -> dict:
    chart = (
        alt.Chart(TABLE)
        .mark_line(strokeWidth=2, color=OURS[0])
        .encode(
            x=alt.X("period:T", axis=None),
            y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        )
        .transform_filter("isValid(datum.value)")
        .properties(width=160, height=36)
    )
    return template_of(chart)


def sparkline_svg(
    points: tuple[tuple[date, float | None], ...], *, title: str, description: str
) -> str:
    """A small line with no axes: the shape of the last two years at a glance."""
    values = [{"period": start.isoformat(), "value": value} for start, value in points]
    return svg_of(with_data(_sparkline_template(), values), title=title, description=description)
