"""The board's rules, checked with figures worked by hand."""

from datetime import date
from decimal import Decimal as D

import pytest

from sendboard.performance.rules import (
    Month,
    combine,
    direction,
    months_back,
    rag,
    target_for,
    year_to_date_months,
)

TRAJECTORY = [(date(2025, 8, 31), D(18)), (date(2025, 3, 31), D(26))]


@pytest.mark.parametrize(
    ("period_end", "expected"),
    [
        (date(2025, 1, 31), D(26)),  # before the first step: held to it
        (date(2025, 3, 31), D(26)),  # the step's own month
        (date(2025, 4, 30), D(18)),  # on the way to "18 weeks by August 2025"
        (date(2025, 8, 31), D(18)),
        (date(2026, 1, 31), D(18)),  # after the last step it stands
    ],
)
def test_a_period_is_held_to_the_next_step_of_the_trajectory(period_end, expected):
    assert target_for(period_end, TRAJECTORY, standing=D(99)) == expected


def test_without_a_trajectory_the_standing_target_applies():
    assert target_for(date(2025, 1, 31), [], standing=D(60)) == D(60)
    assert target_for(date(2025, 1, 31), [], standing=None) is None


@pytest.mark.parametrize(
    ("value", "polarity", "expected"),
    [
        # 20-week timeliness, target 60%, amber within 10 points
        (D("60"), "higher", "green"),
        (D("50"), "higher", "amber"),
        (D("49.9"), "higher", "red"),
        # weeks waiting, target 18, amber within 4 weeks
        (D("18"), "lower", "green"),
        (D("22"), "lower", "amber"),
        (D("22.1"), "lower", "red"),
        (D("31"), "neutral", "grey"),
        (None, "higher", "grey"),
    ],
)
def test_rag_against_a_target_with_tolerance(value, polarity, expected):
    target = D(60) if polarity == "higher" else D(18)
    tolerance = D(10) if polarity == "higher" else D(4)
    assert rag(value, polarity=polarity, target=target, tolerance=tolerance) == expected


def test_rag_without_tolerance_is_green_or_red():
    assert rag(D("59.9"), polarity="higher", target=D(60)) == "red"
    assert rag(D("60"), polarity="higher", target=D(60)) == "green"


def test_a_tolerance_puts_the_target_before_the_thresholds():
    kwargs = {"polarity": "higher", "green_from": D(40), "amber_from": D(30)}
    assert rag(D(45), target=D(60), tolerance=D(10), **kwargs) == "red"
    assert rag(D(45), target=D(60), **kwargs) == "green"  # no tolerance: the thresholds


def test_rag_by_thresholds_when_there_is_no_target():
    kwargs = {"polarity": "lower", "green_from": D(20), "amber_from": D(26)}
    assert [rag(D(v), **kwargs) for v in (20, 26, 27)] == ["green", "amber", "red"]
    assert rag(D(5), polarity="higher") == "grey"


@pytest.mark.parametrize(
    ("newer", "older", "polarity", "judgement", "arrow"),
    [
        (D(31), D(37), "lower", "better", "Down"),  # seed 001: 37 weeks to 31
        (D(31), D(37), "higher", "worse", "Down"),
        (D("46.4"), D("50.3"), "higher", "worse", "Down"),
        (D(5), D(5), "higher", "no change", "No change"),
        (D(7), D(5), "neutral", "", "Up"),
        (D(7), None, "higher", "", "Not available"),  # a missing period
    ],
)
def test_direction_of_travel(newer, older, polarity, judgement, arrow):
    moved = direction(newer, older, polarity=polarity)
    assert (moved.judgement, moved.arrow) == (judgement, arrow)


def test_a_rolling_rate_is_recomputed_from_counts_not_averaged():
    # 1/2 = 50% and 9/10 = 90% average to 70%; together they are 10/12 = 83.3%.
    months = [Month(date(2025, 1, 1), D(50), 1, 2), Month(date(2025, 2, 1), D(90), 9, 10)]
    combined = combine(months, how="ratio", scale=100, wanted=[m.start for m in months])
    assert (combined.value, combined.numerator, combined.denominator) == (D("83.3"), 10, 12)


def test_counts_add_up_and_a_missing_month_is_not_hidden():
    months = [Month(date(2025, 1, 1), D(4)), Month(date(2025, 3, 1), D(6))]
    wanted = months_back(date(2025, 3, 1), 3)
    gap = combine(months, how="sum", scale=1, wanted=wanted)
    assert gap.value is None
    assert gap.missing == (date(2025, 2, 1),)
    months.append(Month(date(2025, 2, 1), D(5)))
    assert combine(months, how="sum", scale=1, wanted=wanted).value == D(15)


def test_a_figure_at_a_point_in_time_is_not_combined():
    months = [Month(date(2025, 1, 1), D(31))]
    assert combine(months, how="none", scale=1, wanted=[date(2025, 1, 1)]).value is None


def test_year_to_date_runs_from_january_or_april():
    assert len(year_to_date_months(date(2025, 3, 1), financial=False)) == 3
    financial = year_to_date_months(date(2025, 3, 1), financial=True)
    assert (financial[0], len(financial)) == (date(2024, 4, 1), 12)
    assert year_to_date_months(date(2025, 4, 1), financial=True) == [date(2025, 4, 1)]
