"""Charts drawn on the server as SVG with Altair and vl_convert, named for screen readers.

Every chart is one image described in words, with a table of the same figures beside
it on the page, and carries no style attribute (the content security policy would
block it).
"""

import functools
from datetime import date

import altair as alt

from sendboard.core.charts import render_svg

INHERENT, RESIDUAL = "#1d70b8", "#0b0c0c"


@functools.lru_cache(maxsize=256)
def score_history_svg(points: tuple[tuple[date, int, int], ...], *, title: str) -> str:
    """Scores over time, (day, before mitigation, now) oldest first: one line each."""
    values = [
        {"day": day.isoformat(), "score": score, "measure": measure}
        for day, inherent, residual in points
        for measure, score in (("Before mitigation", inherent), ("Now (residual)", residual))
    ]
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=3)
        .encode(
            x=alt.X("day:T", title="Date recorded", axis=alt.Axis(format="%-d %b %Y", tickCount=4)),
            y=alt.Y("score:Q", title="Score (1 to 25)", scale=alt.Scale(domain=[0, 25])),
            color=alt.Color(
                "measure:N",
                title="Score",
                scale=alt.Scale(
                    domain=["Before mitigation", "Now (residual)"], range=[INHERENT, RESIDUAL]
                ),
            ),
            strokeDash=alt.StrokeDash(
                "measure:N", legend=None, scale=alt.Scale(range=[[6, 4], [1, 0]])
            ),
        )
        .properties(width=480, height=220)
    )
    description = " ".join(
        f"{day:%-d %B %Y}: {inherent} before mitigation, {residual} now."
        for day, inherent, residual in points
    )
    return render_svg(chart, title=title, description=description)
