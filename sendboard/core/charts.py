"""Charts drawn on the server as SVG with Altair and vl_convert, named for screen readers.

Every chart is one image described in words, with a table of the same figures beside
it on the page, and carries no style attribute (the content security policy would
block it). A rendered chart is kept under its whole specification (data, title and
description), so an edit that changes a figure changes the key: a chart is drawn again
only when what it shows has changed, and a stale one is never shown.
"""

import functools
import json
import re
from html import escape

import altair as alt
import vl_convert

TEXT = "#0b0c0c"


def describe(svg: str, *, title: str, description: str) -> str:
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


def configured(chart: alt.TopLevelMixin, *, font_size: int = 16) -> alt.TopLevelMixin:
    return (
        chart.configure(aria=False, font="Arial, sans-serif")
        .configure_view(stroke=None)
        .configure_axis(
            labelFontSize=font_size, titleFontSize=font_size, labelColor=TEXT, titleColor=TEXT
        )
        .configure_legend(
            labelFontSize=font_size,
            titleFontSize=font_size,
            labelColor=TEXT,
            titleColor=TEXT,
            orient="bottom",
            direction="horizontal",
        )
    )


def render_svg(chart: alt.TopLevelMixin, *, title: str, description: str) -> str:
    return svg_of(configured(chart).to_json(), title=title, description=description)


def with_data(template: dict, values: list[dict]) -> str:
    """A chart Altair built once (``template``, its data named "table") given its values.

    Altair checks a chart against the Vega-Lite schema as it builds it, which takes far
    longer than drawing a small one: a page of sparklines builds each kind once.
    """
    return json.dumps({**template, "datasets": {"table": values}}, sort_keys=True)


def template_of(chart: alt.TopLevelMixin) -> dict:
    """A chart's specification with its data left to ``with_data``."""
    return configured(chart).to_dict()


@functools.lru_cache(maxsize=1024)
def svg_of(spec: str, *, title: str, description: str) -> str:
    """The SVG of a Vega-Lite specification (JSON), drawn once per process for each
    specification: the whole of it (data, title, description) is the key."""
    return describe(vl_convert.vegalite_to_svg(spec), title=title, description=description)
