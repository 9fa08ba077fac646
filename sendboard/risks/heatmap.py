"""The 5 x 5 heat map as server-rendered SVG: likelihood across, impact up.

Each cell is coloured by its rating band and carries the number of risks in it as
text, so colour is never the only carrier; pages put a table of the same counts
beside it. Drawing takes vl_convert a few tenths of a second, so each picture is kept
by its input: the same counts give the same SVG.
"""

import functools
from dataclasses import dataclass

import altair as alt

from sendboard.risks.charts import render_svg
from sendboard.risks.scoring import Band

# Fills that black or white text reads on at 4.5:1 or better (white only on Very high).
FILLS = {
    Band.LOW: "#85994b",
    Band.MEDIUM: "#ffdd00",
    Band.HIGH: "#f47738",
    Band.VERY_HIGH: "#d4351c",
}
CELL = 64


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    count: int
    band: Band


def _chart(cells: tuple[HeatCell, ...]) -> alt.LayerChart:
    data = alt.Data(
        values=[
            {
                "likelihood": cell.likelihood,
                "impact": cell.impact,
                "count": cell.count,
                "band": cell.band.label,
            }
            for cell in cells
        ]
    )
    grades = list(range(1, 6))
    base = alt.Chart(data).encode(
        x=alt.X(
            "likelihood:O",
            title="Likelihood (1 rare to 5 almost certain)",
            scale=alt.Scale(domain=grades),
            axis=alt.Axis(labelAngle=0),
        ),
        y=alt.Y(
            "impact:O",
            title="Impact (1 negligible to 5 severe)",
            scale=alt.Scale(domain=grades[::-1]),
        ),
    )
    cells_layer = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "band:N",
            title="Rating band",
            scale=alt.Scale(
                domain=[band.label for band in Band], range=[FILLS[band] for band in Band]
            ),
        )
    )
    counts = base.mark_text(fontSize=22, fontWeight="bold").encode(
        text="count:Q",
        color=alt.condition(
            alt.datum.band == Band.VERY_HIGH.label, alt.value("#ffffff"), alt.value("#0b0c0c")
        ),
    )
    return (cells_layer + counts).properties(width=5 * CELL, height=5 * CELL)


def describe_cells(cells: tuple[HeatCell, ...]) -> str:
    occupied = [cell for cell in cells if cell.count]
    if not occupied:
        return "No risks in any cell."
    return " ".join(
        f"Likelihood {cell.likelihood}, impact {cell.impact}: {cell.count} "
        f"{'risk' if cell.count == 1 else 'risks'} ({cell.band.label})."
        for cell in sorted(occupied, key=lambda c: (-c.likelihood * c.impact, -c.likelihood))
    )


@functools.lru_cache(maxsize=256)
def heat_map_svg(cells: tuple[HeatCell, ...], *, title: str = "Risk heat map") -> str:
    """The heat map of `cells` (all 25, any order) as an SVG element to put inline."""
    return render_svg(_chart(cells), title=title, description=describe_cells(cells))
