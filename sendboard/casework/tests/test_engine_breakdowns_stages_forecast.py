from datetime import date

import pytest

from sendboard.casework.engine import (
    IndicatorResult,
    breakdown,
    disclose_breakdown,
    forecast_backlog,
    stage_durations,
)
from sendboard.casework.tests.builders import SnapshotBuilder, d


@pytest.fixture
def con(tmp_path):
    builder = SnapshotBuilder()
    for n in range(8):
        rid = builder.plan(
            received="2024-01-08",
            issued="2024-05-27" if n % 2 else "2024-06-28",
            told="2024-02-19",
            birthmonth="2014-03-01" if n < 6 else "2008-10-01",
            team="North" if n < 6 else "South",
        )
        ap = builder.active(request=rid)
        builder.add(
            "senneed", activeplanstableid=ap, sentype="ASD" if n < 6 else "SEMH", sentyperank=1
        )
        builder.add("senneed", activeplanstableid=ap, sentype="SLCN", sentyperank=2)
        for event, day in (
            ("panel_1", "2024-03-11"),
            ("draft_issued", "2024-04-22"),
            ("advice_requested_health", "2024-02-20"),
            ("advice_received_health", "2024-03-04"),
        ):
            builder.add("events", requeststableid=rid, event=event, date=d(day))
    return builder.open(tmp_path / "snapshot", as_at="2025-01-16")


def test_a_breakdown_by_primary_need_uses_the_rank_1_need(con):
    groups = breakdown(con, code="ehcp_20w_incl", by="primary_need", period="2024")
    assert sorted(groups) == ["ASD", "SEMH"]
    assert (groups["ASD"].numerator, groups["ASD"].denominator) == (3, 6)
    assert (groups["SEMH"].numerator, groups["SEMH"].denominator) == (1, 2)


def test_breakdown_groups_add_up_to_the_whole(con):
    for by in ("age_band", "phase", "team"):
        groups = breakdown(con, code="ehcp_20w_incl", by=by, period="2024")
        assert sum(g.denominator for g in groups.values()) == 8


def test_age_and_phase_come_from_the_birth_month_at_the_as_at_date(con):
    assert sorted(breakdown(con, code="active_plans", by="age_band", period="2024")) == [
        "16 to 19",
        "5 to 10",
    ]
    assert sorted(breakdown(con, code="active_plans", by="phase", period="2024")) == [
        "Primary",
        "Secondary",
    ]


def test_small_groups_are_suppressed_with_their_neighbour_under_dfe(con):
    groups = breakdown(con, code="ehcp_20w_incl", by="team", period="2024")
    shown = disclose_breakdown(groups, policy="dfe")
    assert shown["South"]["numerator"] == "c"
    assert shown["North"]["numerator"] == "c"
    assert shown["North"]["value"] is None
    assert disclose_breakdown(groups, policy="none")["North"]["value"] == 50.0


def test_a_breakdown_by_an_unknown_dimension_is_refused(con):
    with pytest.raises(ValueError, match="no breakdown"):
        breakdown(con, code="ehcp_20w_incl", by="school", period="2024")  # type: ignore[arg-type]


def test_stage_durations_give_the_median_days_between_successive_stages(con):
    stages = {(s.from_stage, s.to_stage): s for s in stage_durations(con, period="2024")}
    assert stages[("request", "decision_to_assess")].median_days == 42
    assert stages[("decision_to_assess", "advice_received")].median_days == 14
    assert stages[("advice_received", "panel_1")].median_days == 7
    assert stages[("panel_1", "draft_issued")].median_days == 42
    # Drafts then finals after 35 or 67 days: the median is halfway.
    assert stages[("draft_issued", "final_issued")].median_days == 51
    assert stages[("draft_issued", "final_issued")].cases == 8
    turnaround = stages[("advice_requested_health", "advice_received_health")]
    assert turnaround.median_days == 13


def test_the_forecast_says_it_is_a_projection_and_carries_its_assumptions(con):
    result = forecast_backlog(con, as_at=date(2025, 1, 16))
    assert result.statement.startswith("This is a projection")
    assert len(result.months) == 6
    assert result.months[0].month == "2025-02"


def test_the_forecast_backlog_grows_by_arrivals_less_capacity(tmp_path):
    builder = SnapshotBuilder()
    for month in range(7, 13):
        for _ in range(10):  # ten decisions to assess a month, none completed
            builder.request(received=f"2024-{month:02d}-01", told=f"2024-{month:02d}-20")
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    result = forecast_backlog(con, as_at=date(2025, 1, 16), capacity_per_month=4)
    assert result.backlog_now == 60
    assert [m.backlog for m in result.months] == [66, 72, 78, 84, 90, 96]
    assert result.months[0].within_20w_percent == 0.0  # the oldest are past 20 weeks
    assert "what-if" in result.statement
    no_capacity = forecast_backlog(con, as_at=date(2025, 1, 16))
    assert no_capacity.months[-1].backlog == 120
    assert no_capacity.months[-1].within_20w_percent is None


def test_plans_decided_but_not_issued_stay_in_the_forecast_backlog(tmp_path):
    builder = SnapshotBuilder()
    rid = builder.request(received="2024-10-01", told="2024-11-01")
    builder.assessment(request=rid, outcome="Y", date_=None)
    builder.request(received="2024-11-01", told="2024-12-01")
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    assert forecast_backlog(con, as_at=date(2025, 1, 16)).backlog_now == 2


def _groups(**counts: tuple[int, int]) -> dict[str, IndicatorResult]:
    return {
        group: IndicatorResult(
            code="ehcp_20w_incl",
            numerator=numerator,
            denominator=denominator,
            value=None,
            excluded={},
            period="2024",
            definition="",
            unit="percent",
        )
        for group, (numerator, denominator) in counts.items()
    }


def test_a_small_group_denominator_cannot_be_worked_out_from_the_others_under_dfe():
    shown = disclose_breakdown(_groups(A=(0, 3), B=(20, 50), C=(30, 60)), policy="dfe")
    assert shown["A"]["denominator"] == "c"
    assert shown["B"]["denominator"] == "c"  # the next smallest, as 113 is shown overall
    assert (shown["B"]["numerator"], shown["B"]["value"]) == (20, None)
    assert (shown["C"]["denominator"], shown["C"]["value"]) == (60, 50.0)


def test_a_numerator_hidden_by_its_small_complement_takes_a_neighbour_with_it_under_dfe():
    shown = disclose_breakdown(_groups(A=(10, 12), B=(20, 50), C=(30, 60)), policy="dfe")
    assert shown["A"]["numerator"] == "c"  # 12 - 10 late is small
    assert shown["B"]["numerator"] == "c"  # else A is 60 - 20 - 30
    assert shown["C"]["value"] == 50.0
