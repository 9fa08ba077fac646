"""Charts are Vega-Lite drawn to SVG on the server, named and described, kept by their data."""

from datetime import date

from sendboard.performance.charts import Line, sparkline_svg, trend_svg

MONTHS = tuple(date(2025, month, 1) for month in range(1, 7))


def _chart(values) -> str:
    return trend_svg(
        [
            Line("Northshire", tuple(zip(MONTHS, values, strict=True))),
            Line("Target", tuple((m, 18.0) for m in MONTHS)),
            Line("England", tuple((m, 25.0) for m in MONTHS)),
        ],
        unit_title="Weeks",
        title="Autism assessment: median wait: trend",
        description="January 2025 37.0 weeks; June 2025 31.0 weeks.",
    )


def test_the_svg_is_one_described_image_with_its_legend():
    svg = _chart((37.0, 36.0, None, 34.0, 33.0, 31.0))  # March hidden: a gap, not zero
    assert svg.startswith('<svg role="img" aria-label="Autism assessment: median wait: trend"')
    assert "<title>Autism assessment: median wait: trend</title>" in svg
    assert "<desc>January 2025 37.0 weeks; June 2025 31.0 weeks.</desc>" in svg
    for legend in ("Northshire", "Target", "England", "Weeks"):
        assert legend in svg
    assert 'style="' not in svg  # the content security policy blocks inline styles


def test_a_chart_is_drawn_again_only_when_its_data_changes():
    first = _chart((37.0, 36.0, 35.0, 34.0, 33.0, 31.0))
    assert _chart((37.0, 36.0, 35.0, 34.0, 33.0, 31.0)) is first
    assert _chart((37.0, 36.0, 35.0, 34.0, 33.0, 21.0)) != first


def test_a_sparkline_is_named_too():
    svg = sparkline_svg(
        tuple(zip(MONTHS, (1.0, 2.0, 3.0, 2.0, 1.0, 2.0), strict=True)),
        title="Trend of waits",
        description="From 1 to 2.",
    )
    assert "<title>Trend of waits</title>" in svg and "<desc>From 1 to 2.</desc>" in svg
