"""The heat map picture: every count written in its cell, and named for a screen reader."""

import re

from sendboard.risks.heatmap import HeatCell, heat_map_svg
from sendboard.risks.scoring import DEFAULT_BANDS, SCALE


def _cells(counts: dict[tuple[int, int], int]) -> tuple[HeatCell, ...]:
    return tuple(
        HeatCell(lik, imp, counts.get((lik, imp), 0), DEFAULT_BANDS.band_for(lik * imp))
        for lik in SCALE
        for imp in SCALE
    )


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_each_cell_carries_its_count_as_text():
    svg = heat_map_svg(_cells({(5, 5): 3, (2, 4): 7}), title="After mitigation")
    texts = _texts(svg)
    assert texts.count("3") >= 1 and texts.count("7") >= 1
    assert texts.count("0") >= 23


def test_it_is_named_and_described_for_a_screen_reader():
    svg = heat_map_svg(_cells({(5, 5): 2}), title="After mitigation: 2 open risks")
    assert svg.startswith('<svg role="img" aria-label="After mitigation: 2 open risks"')
    assert "<title>After mitigation: 2 open risks</title>" in svg
    assert "<desc>Likelihood 5, impact 5: 2 risks (Very high).</desc>" in svg
    assert svg.count("role=") == 1


def test_the_key_names_every_band():
    texts = _texts(heat_map_svg(_cells({}), title="Empty"))
    assert {"Low", "Medium", "High", "Very high"} <= set(texts)


def test_the_same_counts_are_drawn_once():
    cells = _cells({(1, 1): 1})
    assert heat_map_svg(cells, title="Kept") is heat_map_svg(cells, title="Kept")


def test_it_has_no_style_attribute_the_content_security_policy_would_block():
    assert "style=" not in heat_map_svg(_cells({(3, 3): 1}), title="CSP")
