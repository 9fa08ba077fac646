"""Charts are Vega-Lite drawn to SVG on the server, named and described, kept by their data."""

from datetime import date

from sendboard.core.charts import svg_of, template_of, with_data
from sendboard.performance.charts import Line, key_of, sparkline_svg, trend_chart, trend_svg

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


def test_the_svg_is_one_described_image():
    svg = _chart((37.0, 36.0, None, 34.0, 33.0, 31.0))  # March hidden: a gap, not zero
    assert svg.startswith('<svg role="img" aria-label="Autism assessment: median wait: trend"')
    assert "<title>Autism assessment: median wait: trend</title>" in svg
    assert "<desc>January 2025 37.0 weeks; June 2025 31.0 weeks.</desc>" in svg
    assert "Weeks" in svg  # the axis title
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


def test_a_chart_drawn_from_vega_compiled_once_is_the_one_vega_lite_draws():
    points = tuple(zip(MONTHS, (37.0, 36.0, None, 34.0, 33.0, 31.0), strict=True))
    values = [
        {"period": start.isoformat(), "series": "Northshire", "value": value}
        for start, value in points
    ]
    from_vega_lite = svg_of(
        with_data(template_of(trend_chart(("Northshire",), "Weeks")), values),
        title="Waits",
        description="Six months.",
    )

    drawn = trend_svg(
        [Line("Northshire", points)], unit_title="Weeks", title="Waits", description="Six months."
    )

    assert drawn == from_vega_lite


def test_the_key_says_how_each_line_is_drawn():
    key = key_of(["Northshire", "Target", "England"])

    assert [(entry.name, entry.colour, entry.dash) for entry in key] == [
        ("Northshire", "#1d70b8", ""),
        ("Target", "#0b0c0c", "8 4"),
        ("England", "#d4351c", "2 2"),
    ]
