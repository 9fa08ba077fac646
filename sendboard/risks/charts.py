"""Charts drawn on the server as SVG with Altair and vl_convert, named for screen readers.

Every chart is one image described in words, with a table of the same figures beside
it on the page, and carries no style attribute (the content security policy would
block it).
"""

import functools
import re
from datetime import date
from html import escape

import altair as alt
import vl_convert

TEXT = "#0b0c0c"
INHERENT, RESIDUAL = "#1d70b8", "#0b0c0c"


def _describe(svg: str, *, title: str, description: str) -> str:
    """Name the picture for assistive technology and let it scale to its container.

    Vega marks its groups as graphics for screen readers even with ARIA switched off;
    the picture is one image here, described in words, so those roles are removed.
    """
    svg = re.sub(r'\s(?:role|aria-[a-z]+)="[^"]*"', "", svg)
    svg = re.sub(r'<svg([^>]*?) width="[\d.]+" height="[\d.]+"', r"<svg\1", svg, count=1)
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escape(title)}" focusable="false" ',
        1,
    ).replace(">", f"><title>{escape(title)}</title><desc>{escape(description)}</desc>", 1)


def render_svg(chart: alt.TopLevelMixin, *, title: str, description: str) -> str:
    configured = (
        chart.configure(aria=False, font="Arial, sans-serif")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=16, titleFontSize=16, labelColor=TEXT, titleColor=TEXT)
        .configure_legend(
            labelFontSize=16,
            titleFontSize=16,
            labelColor=TEXT,
            titleColor=TEXT,
            orient="bottom",
            direction="horizontal",
        )
    )
    svg = vl_convert.vegalite_to_svg(configured.to_json())
    return _describe(svg, title=title, description=description)


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
