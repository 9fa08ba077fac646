"""The board's charts, drawn by Altair (Vega-Lite) and rendered to SVG on the server.

Missing and hidden figures are left out of a line (a gap), never drawn as zero. Each
line differs in dash as well as colour, so the chart reads in black and white. The key
to the lines is the page's (``key_of``), in text: drawing it inside the picture took a
third of the drawing's time, and as text it reads, zooms and translates like the rest.

Each kind of chart is compiled from Vega-Lite to Vega once, with its data left out, and
drawn from Vega with the data put in: compiling is a fifth of the time of drawing one,
and the picture is the same. As in sendboard.core.charts, a drawing is kept under its
whole specification, data included, so a changed figure is always drawn afresh.
"""

import functools
import json
from dataclasses import dataclass
from datetime import date

import altair as alt
import vl_convert

from sendboard.core.charts import describe, template_of, with_data

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


@dataclass(frozen=True)
class KeyEntry:
    name: str
    colour: str
    dash: str  # an SVG stroke-dasharray; empty for a solid line


def key_of(names: list[str]) -> list[KeyEntry]:
    """How each series is drawn in ``trend_svg``, for the key beside the chart."""
    entries = []
    for name in names:
        colour, dash = SERIES_STYLE.get(name, OURS)
        entries.append(KeyEntry(name, colour, "" if dash == OURS[1] else " ".join(map(str, dash))))
    return entries


@functools.lru_cache(maxsize=64)
def _trend_template(names: tuple[str, ...], unit_title: str) -> dict:
    return _compiled(trend_chart(names, unit_title))


def trend_chart(names: tuple[str, ...], unit_title: str) -> alt.Chart:
    """The trend chart of these series, its data left to be named "table"."""
    styles = [SERIES_STYLE.get(name, OURS) for name in names]
    return (
        alt.Chart(TABLE)
        .mark_line(point=alt.OverlayMarkDef(size=30), strokeWidth=3)
        .encode(
            x=alt.X("period:T", title="Period", axis=alt.Axis(format="%b %Y", tickCount=6)),
            y=alt.Y("value:Q", title=unit_title),
            color=alt.Color(
                "series:N",
                legend=None,
                sort=list(names),
                scale=alt.Scale(domain=list(names), range=[colour for colour, _ in styles]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                legend=None,
                sort=list(names),
                scale=alt.Scale(domain=list(names), range=[list(dash) for _, dash in styles]),
            ),
        )
        .transform_filter("isValid(datum.value)")
        .properties(width=560, height=260)
    )


def trend_svg(lines: list[Line], *, unit_title: str, title: str, description: str) -> str:
    """One line per series (the partnership's own first), over periods."""
    values = [
        {"period": start.isoformat(), "series": line.name, "value": value}
        for line in lines
        for start, value in line.points
    ]
    template = _trend_template(tuple(line.name for line in lines), unit_title)
    return _svg_of(_with_values(template, values), title=title, description=description)


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
    return _compiled(chart)


def sparkline_svg(
    points: tuple[tuple[date, float | None], ...], *, title: str, description: str
) -> str:
    """A small line with no axes: the shape of the last two years at a glance."""
    values = [{"period": start.isoformat(), "value": value} for start, value in points]
    return _svg_of(
        _with_values(_sparkline_template(), values), title=title, description=description
    )


def _compiled(chart: alt.TopLevelMixin) -> dict:
    """The chart in Vega, its data (named "table") empty."""
    return vl_convert.vegalite_to_vega(with_data(template_of(chart), []))


def _with_values(compiled: dict, values: list[dict]) -> str:
    data = [
        {**dataset, "values": values} if dataset["name"] == TABLE.name else dataset
        for dataset in compiled["data"]
    ]
    return json.dumps({**compiled, "data": data}, sort_keys=True)


@functools.lru_cache(maxsize=1024)
def _svg_of(spec: str, *, title: str, description: str) -> str:
    return describe(vl_convert.vega_to_svg(spec), title=title, description=description)
