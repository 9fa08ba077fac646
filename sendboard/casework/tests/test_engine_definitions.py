"""Edges of the indicator definitions (send-rules.md sections 1 to 5) that the worked
examples do not reach: boundary days, several plans per request, as-at edges."""

import pytest

from sendboard.casework.engine import EngineOptions, compute_one
from sendboard.casework.tests.builders import SnapshotBuilder, d


@pytest.fixture
def builder() -> SnapshotBuilder:
    return SnapshotBuilder()


def test_a_request_with_one_ceased_plan_and_one_live_plan_is_in_the_caseload(builder, tmp_path):
    rid = builder.request(received="2020-01-06", told="2020-02-10")
    builder.assessment(request=rid, outcome="Y", date_="2020-05-18", cease="2022-01-10")
    builder.assessment(request=rid, outcome="Y", date_="2023-05-15")
    builder.active(request=rid, lastreview="2024-05-01")
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    assert compute_one(con, code="active_plans", period="2024").value == 1
    assert compute_one(con, code="reviews_overdue", period="2024").denominator == 1


@pytest.mark.parametrize(
    ("cease", "active"), [("2024-12-02", 0), ("2025-01-16", 0), ("2025-01-17", 1), (None, 1)]
)
def test_a_plan_ceased_by_the_as_at_date_is_out_of_the_caseload(builder, tmp_path, cease, active):
    rid = builder.request(received="2020-01-06", told="2020-02-10")
    builder.assessment(request=rid, outcome="N", date_="2020-04-20")
    builder.assessment(request=rid, outcome="Y", date_="2021-05-17", cease=cease)
    builder.active(request=rid)
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    result = compute_one(con, code="active_plans", period="2024")
    assert result.value == active
    assert result.excluded == ({} if active else {"plan ceased by the as-at date": 1})


@pytest.mark.parametrize(
    ("as_at", "strictly_before", "late"),
    [
        ("2025-03-30", True, None),  # a plan issued today would still be on time
        ("2025-03-31", True, 1),  # issued on the deadline day would be late already
        ("2025-03-31", False, None),
        ("2025-04-01", False, 1),
    ],
)
def test_a_transfer_with_no_final_plan_is_late_once_no_day_before_the_deadline_is_left(
    builder, tmp_path, as_at, strictly_before, late
):
    rid = builder.plan(received="2019-01-07", issued="2019-05-20", birthmonth="2009-03-01")
    builder.active(request=rid, phasetransferduedate="2025-09-01")
    con = builder.open(tmp_path / "snapshot")
    options = EngineOptions(phase_transfer_strictly_before=strictly_before)
    result = compute_one(
        con, code="phase_transfer_on_time", period="FY2024-25", as_at=d(as_at), options=options
    )
    assert (result.numerator, result.denominator) == (0, late or 0)
    assert bool(result.excluded) == (late is None)


def test_an_as_at_period_counts_open_cases_and_the_caseload_on_its_own_day(builder, tmp_path):
    builder.request(received="2024-01-08", told="2024-02-12")  # open, day 141 on 2024-05-28
    rid = builder.plan(received="2023-01-09", issued="2023-05-15")
    builder.active(request=rid)
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    for day, overdue in (("2024-05-20", 0), ("2024-05-28", 1)):
        result = compute_one(con, code="open_over_20w", period=day)
        assert (result.as_at, result.value) == (d(day), overdue)
    reviews = compute_one(con, code="reviews_overdue", period="2024-05-15")
    assert reviews.value is None
    assert "cannot be known at 15 May 2024 from a snapshot as at 16 January 2025" in reviews.reason
