"""Reading the register: bands, trend, overdue reviews, the board's summary and heat maps."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from sendboard.risks import queries, services
from sendboard.risks.models import Risk
from sendboard.risks.scoring import Band
from sendboard.risks.tests.factories import add_risk, review

TODAY = timezone.localdate()
LATE = TODAY - datetime.timedelta(days=1)


def _register(partnership, people):
    """R01 12 High (reviewed down from 16), R02 25 Very high escalated and late, R03 2 Low,
    R04 closed."""
    editor = people["editor"].user
    first = add_risk(partnership, owner=people["member"], by=editor, residual_likelihood=4)
    review(first, by=editor, likelihood=3, impact=4)
    add_risk(
        partnership,
        owner=people["chair"],
        by=editor,
        title="Children not in education",
        category=Risk.Category.SAFEGUARDING,
        likelihood=5,
        impact=5,
        residual_likelihood=5,
        residual_impact=5,
        escalated_to_board=True,
        review_due_on=LATE,
    )
    add_risk(
        partnership, owner=people["member"], by=editor, residual_likelihood=1, residual_impact=2
    )
    closed = add_risk(partnership, owner=people["member"], by=editor, review_due_on=LATE)
    services.risk_close(risk=closed, reason="Passed", by=editor)


def test_the_register_shows_each_risk_with_its_band_and_trend_highest_first(partnership, people):
    _register(partnership, people)
    rows = queries.register(partnership, as_at=TODAY)
    assert [(row.risk.reference, row.band, row.trend) for row in rows] == [
        ("R02", Band.VERY_HIGH, "New"),
        ("R01", Band.HIGH, "Falling"),
        ("R03", Band.LOW, "New"),
    ]
    assert [row.overdue for row in rows] == [True, False, False]


def test_the_register_filters(partnership, people):
    _register(partnership, people)

    def refs(**filters):
        return [row.risk.reference for row in queries.register(partnership, as_at=TODAY, **filters)]

    assert refs(status="") == ["R02", "R01", "R04", "R03"]
    assert refs(status="closed") == ["R04"]
    assert refs(escalated=True) == ["R02"]
    assert refs(overdue=True) == ["R02"]
    assert refs(overdue=False) == ["R01", "R03"]
    assert refs(category=Risk.Category.SAFEGUARDING) == ["R02"]
    assert refs(band=Band.LOW) == ["R03"]


def test_a_review_is_overdue_only_after_its_day(partnership, people):
    _register(partnership, people)
    assert [
        row.risk.reference for row in queries.register(partnership, as_at=LATE, overdue=True)
    ] == []


def test_the_summary_counts_by_band_and_lists_what_the_board_must_see(partnership, people):
    _register(partnership, people)
    summary = queries.register_summary(partnership, as_at=TODAY)
    assert summary.total == 3
    assert [
        (count.band, count.lowest, count.highest, count.count) for count in summary.by_band
    ] == [
        (Band.VERY_HIGH, 16, 25, 1),
        (Band.HIGH, 10, 15, 1),
        (Band.MEDIUM, 5, 9, 0),
        (Band.LOW, 1, 4, 1),
    ]
    assert [row.risk.reference for row in summary.escalated] == ["R02"]
    assert [row.risk.reference for row in summary.overdue] == ["R02"]
    assert [row.risk.reference for row in summary.top] == ["R02", "R01", "R03"]


def test_the_heat_maps_place_each_open_risk_before_and_after_mitigation(partnership, people):
    _register(partnership, people)
    summary = queries.register_summary(partnership, as_at=TODAY)
    after = {(c.likelihood, c.impact): c.count for c in summary.residual_map.cells if c.count}
    before = {(c.likelihood, c.impact): c.count for c in summary.inherent_map.cells if c.count}
    assert after == {(3, 4): 1, (5, 5): 1, (1, 2): 1}
    assert before == {(4, 5): 2, (5, 5): 1}
    assert len(summary.residual_map.cells) == 25
    label, top_row = summary.residual_map.rows[0]
    assert label == "5: Severe"
    assert [cell.count for cell in top_row] == [0, 0, 0, 0, 1]


def test_an_empty_register_has_an_empty_summary(partnership):
    summary = queries.register_summary(partnership, as_at=TODAY)
    assert summary.total == 0
    assert summary.residual_map.total == 0


def test_the_summary_partial_starts_at_h2_for_the_board_pack(partnership, people):
    _register(partnership, people)
    html = render_to_string(
        "risks/_register_summary.html",
        {"summary": queries.register_summary(partnership, as_at=TODAY)},
    )
    assert "<h1" not in html
    assert html.index("<h2") < html.index("<h3")
    assert html.count('<svg role="img"') == 2
