"""send-rules.md section 6: each worked example is a test."""

from datetime import date
from pathlib import Path

import pytest

from sendboard.casework.engine import EngineOptions, compute_all, compute_one, drill_down
from sendboard.casework.tests.builders import SnapshotBuilder, d


@pytest.fixture
def builder() -> SnapshotBuilder:
    return SnapshotBuilder()


def figures(builder: SnapshotBuilder, tmp_path: Path, period: str, **kwargs):
    con = builder.open(tmp_path / "snapshot")
    return compute_all(con, period=period, **kwargs)


def test_a_plan_issued_on_day_140_is_within_20_weeks(builder, tmp_path):
    builder.plan(received="2024-01-08", issued="2024-05-27")
    may = figures(builder, tmp_path, "2024-05")
    for code in ("ehcp_20w_incl", "ehcp_20w_excl"):
        assert (may[code].numerator, may[code].denominator, may[code].value) == (1, 1, 100.0)
    assert may["days_to_issue_median"].value == 140
    assert may["ehcp_band_20_52"].numerator == 0


def test_a_plan_issued_on_day_140_is_not_counted_in_april(builder, tmp_path):
    builder.plan(received="2024-01-08", issued="2024-05-27")
    assert figures(builder, tmp_path, "2024-04")["ehcp_20w_incl"].denominator == 0


def test_day_140_is_late_when_the_weeks_are_counted_exclusively(builder, tmp_path):
    builder.plan(received="2024-01-08", issued="2024-05-27")
    result = figures(builder, tmp_path, "2024-05", options=EngineOptions(inclusive_weeks=False))[
        "ehcp_20w_incl"
    ]
    assert (result.numerator, result.denominator) == (0, 1)
    assert "exclusive" in result.options["weeks"]


def test_a_plan_issued_on_day_141_is_late_in_the_20_to_52_week_band(builder, tmp_path):
    builder.plan(received="2024-01-08", issued="2024-05-28")
    may = figures(builder, tmp_path, "2024-05")
    assert (may["ehcp_20w_incl"].numerator, may["ehcp_20w_incl"].denominator) == (0, 1)
    assert may["ehcp_band_20_52"].numerator == 1
    assert may["ehcp_band_over_52"].numerator == 0
    assert may["days_to_issue_mean"].value == 141


def test_a_plan_with_an_exception_counts_only_in_the_including_series(builder, tmp_path):
    builder.plan(received="2024-03-04", issued="2024-07-15", week20=1)
    year = figures(builder, tmp_path, "2024")
    assert (year["ehcp_20w_incl"].numerator, year["ehcp_20w_incl"].denominator) == (1, 1)
    assert (year["ehcp_20w_excl"].numerator, year["ehcp_20w_excl"].denominator) == (0, 0)
    assert year["ehcp_20w_excl"].value is None
    assert year["ehcp_20w_excl"].excluded == {"20-week exception applies (week20 = 1)": 1}


def test_a_plan_issued_after_385_days_is_over_52_weeks_in_the_year_of_issue(builder, tmp_path):
    builder.plan(received="2023-11-13", issued="2024-12-02")
    con = builder.open(tmp_path / "snapshot")
    year = compute_all(con, period="2024")
    assert year["ehcp_band_over_52"].numerator == 1
    assert year["days_to_issue_median"].value == 385
    assert compute_all(con, period="2023")["ehcp_20w_incl"].denominator == 0


def test_an_assessment_open_at_136_days_is_not_in_timeliness_nor_yet_overdue(builder, tmp_path):
    builder.request(received="2024-09-02", told="2024-10-10")
    con = builder.open(tmp_path / "snapshot")
    year = compute_all(con, period="2024", as_at=date(2025, 1, 16))
    assert year["ehcp_20w_incl"].denominator == 0
    assert (year["open_over_20w"].numerator, year["open_over_20w"].denominator) == (0, 1)
    rows = drill_down(con, code="open_over_20w", period="2024", as_at=date(2025, 1, 16))
    assert rows[0]["measure"] == 136
    on_deadline = compute_one(con, code="open_over_20w", period="2024", as_at=d("2025-01-20"))
    after = compute_one(con, code="open_over_20w", period="2024", as_at=d("2025-01-21"))
    assert (on_deadline.value, after.value) == (0, 1)


def test_an_assessment_completed_after_the_as_at_date_was_open_then(builder, tmp_path):
    builder.plan(received="2024-01-02", issued="2024-09-30", told="2024-02-01")
    con = builder.open(tmp_path / "snapshot")
    assert compute_one(con, code="open_over_30w", period="2024", as_at=d("2024-09-01")).value == 1
    assert compute_one(con, code="open_over_30w", period="2024", as_at=d("2024-10-01")).value == 0


def test_a_decision_to_assess_told_on_day_42_is_within_6_weeks(builder, tmp_path):
    builder.request(received="2024-02-05", told="2024-03-18", outcome="Y")
    result = figures(builder, tmp_path, "2024")["decisions_6w"]
    assert (result.numerator, result.denominator, result.value) == (1, 1, 100.0)


def test_a_refusal_told_on_day_43_is_over_6_weeks_and_a_refusal(builder, tmp_path):
    builder.request(received="2024-02-05", told="2024-03-19", outcome="N")
    year = figures(builder, tmp_path, "2024")
    assert (year["decisions_6w"].numerator, year["decisions_6w"].denominator) == (0, 1)
    assert (year["refusal_rate"].numerator, year["refusal_rate"].denominator) == (1, 1)


def test_a_not_to_issue_decision_on_day_112_is_within_16_weeks_and_day_113_is_over(
    builder, tmp_path
):
    builder.plan(received="2024-04-01", issued="2024-07-22", outcome="N")
    builder.plan(received="2024-04-01", issued="2024-07-23", outcome="N")
    result = figures(builder, tmp_path, "2024")["not_issue_16w"]
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_ten_plans_give_60_percent_including_and_62_5_percent_excluding(builder, tmp_path):
    for issued in ["2024-05-20"] * 5 + ["2024-09-30"] * 3:
        builder.plan(received="2024-01-08", issued=issued, week20=0)
    builder.plan(received="2024-01-08", issued="2024-05-20", week20=1)
    builder.plan(received="2024-01-08", issued="2024-09-30", week20=1)
    year = figures(builder, tmp_path, "2024")
    incl, excl = year["ehcp_20w_incl"], year["ehcp_20w_excl"]
    assert (incl.numerator, incl.denominator, incl.value) == (6, 10, 60.0)
    assert (excl.numerator, excl.denominator, excl.value) == (5, 8, 62.5)


def test_200_requests_give_a_refusal_rate_of_25_percent_and_65_percent_assessed(builder, tmp_path):
    for outcome, n in {"Y": 130, "N": 50, "A": 15, "W": 5}.items():
        for _ in range(n):
            builder.request(received="2024-06-03", outcome=outcome)
    con = builder.open(tmp_path / "snapshot")
    year = compute_all(con, period="2024")
    assert year["requests_received"].value == 200
    refusal = year["refusal_rate"]
    assert (refusal.numerator, refusal.denominator, refusal.value) == (50, 200, 25.0)
    rows = drill_down(con, code="requests_received", period="2024")
    assessed = sum(row["requestoutcome"] == "Y" for row in rows)
    assert 100 * assessed / len(rows) == 65.0


def _amend_case(builder: SnapshotBuilder, *, final: str, sent: str = "2024-10-25") -> None:
    rid = builder.plan(received="2022-01-10", issued="2022-05-20")
    builder.active(request=rid, reviewmeeting="2024-10-01", reviewoutcome="A", reviewdraft=sent)
    builder.add("events", requeststableid=rid, event="amended_plan_issued", date=d(final))


def test_amendments_sent_on_day_24_are_a_timely_decision_but_a_final_in_january_is_late(
    builder, tmp_path
):
    _amend_case(builder, final="2025-01-06")
    con = builder.open(tmp_path / "snapshot")
    decision = compute_one(con, code="review_decisions_4w", period="2024")
    assert (decision.numerator, decision.denominator) == (1, 1)
    assert drill_down(con, code="review_decisions_4w", period="2024")[0]["measure"] == 24
    amended = compute_one(con, code="amended_12w", period="2025")
    assert (amended.numerator, amended.denominator) == (0, 1)
    assert drill_down(con, code="amended_12w", period="2025")[0]["finaldue"] == d("2024-12-20")


@pytest.mark.parametrize(
    ("sent", "final", "on_time"),
    [
        ("2024-10-25", "2024-12-20", 1),  # 8 weeks after the amendments
        ("2024-10-25", "2024-12-21", 0),
        ("2024-11-20", "2024-12-24", 1),  # the 12-week cap from the meeting
        ("2024-11-20", "2024-12-27", 0),  # within 8 weeks of sending, past the cap
    ],
)
def test_a_final_amended_plan_is_due_8_weeks_after_amendments_capped_at_12_weeks(
    builder, tmp_path, sent, final, on_time
):
    _amend_case(builder, final=final, sent=sent)
    result = figures(builder, tmp_path, "2024")["amended_12w"]
    assert (result.numerator, result.denominator) == (on_time, 1)


def test_a_maintain_decision_35_days_after_the_meeting_is_over_4_weeks(builder, tmp_path):
    rid = builder.plan(received="2022-01-10", issued="2022-05-20")
    builder.active(
        request=rid, reviewmeeting="2024-10-01", reviewoutcome="M", lastreview="2024-11-05"
    )
    result = figures(builder, tmp_path, "2024")["review_decisions_4w"]
    assert (result.numerator, result.denominator, result.value) == (0, 1, 0.0)


def test_a_decision_28_days_after_the_meeting_is_within_4_weeks(builder, tmp_path):
    rid = builder.plan(received="2022-01-10", issued="2022-05-20")
    builder.active(
        request=rid, reviewmeeting="2024-10-01", reviewoutcome="M", lastreview="2024-10-29"
    )
    assert figures(builder, tmp_path, "2024")["review_decisions_4w"].numerator == 1


def test_a_plan_never_reviewed_is_overdue_12_months_after_issue(builder, tmp_path):
    rid = builder.plan(received="2023-01-02", issued="2023-05-10")
    builder.active(request=rid)
    con = builder.open(tmp_path / "snapshot", as_at="2024-06-01")
    result = compute_one(con, code="reviews_overdue", period="2024")
    assert (result.value, result.as_at) == (1, d("2024-06-01"))
    assert drill_down(con, code="reviews_overdue", period="2024")[0]["reviewdue"] == d("2024-05-10")
    on_due_date = builder.open(tmp_path / "on-due-date", as_at="2024-05-10")
    assert compute_one(on_due_date, code="reviews_overdue", period="2024").value == 0


def test_reviews_overdue_before_the_snapshot_date_are_empty_saying_why(builder, tmp_path):
    rid = builder.plan(received="2023-01-02", issued="2023-05-10")
    builder.active(request=rid)
    con = builder.open(tmp_path / "snapshot", as_at="2024-06-01")
    earlier = compute_one(con, code="reviews_overdue", period="2024", as_at=d("2024-05-31"))
    assert (earlier.numerator, earlier.denominator, earlier.value) == (None, None, None)
    assert "keeps only each plan's latest review" in earlier.reason
    assert earlier.as_dict()["reason"] == earlier.reason


def test_after_a_review_decision_the_next_review_is_due_12_months_later(builder, tmp_path):
    rid = builder.plan(received="2023-01-02", issued="2023-05-10")
    builder.active(
        request=rid, reviewmeeting="2024-04-02", reviewoutcome="M", lastreview="2024-04-20"
    )
    con = builder.open(tmp_path / "snapshot", as_at="2024-06-01")
    assert compute_one(con, code="reviews_overdue", period="2024").value == 0
    rows = drill_down(con, code="reviews_overdue", period="2024")
    assert rows[0]["reviewdue"] == d("2025-04-20")
    later = compute_one(con, code="reviews_overdue", period="2025", as_at=d("2025-04-21"))
    assert later.value == 1


def _transfer(builder: SnapshotBuilder, *, born: str, due: str, final: str) -> None:
    rid = builder.plan(received="2019-01-07", issued="2019-05-20", birthmonth=born)
    builder.active(request=rid, phasetransferduedate=due, phasetransferfinaldate=final)


@pytest.mark.parametrize(
    ("final", "on_time"),
    [("2025-02-10", 1), ("2025-02-14", 1), ("2025-02-15", 0), ("2025-02-20", 0)],
)
def test_a_transfer_to_secondary_is_on_time_only_before_15_february(
    builder, tmp_path, final, on_time
):
    _transfer(builder, born="2014-03-01", due="2025-09-01", final=final)
    result = figures(builder, tmp_path, "2025", as_at=d("2025-06-01"))["phase_transfer_on_time"]
    assert (result.numerator, result.denominator) == (on_time, 1)


def test_a_final_plan_on_15_february_is_on_time_when_the_deadline_is_inclusive(builder, tmp_path):
    _transfer(builder, born="2014-03-01", due="2025-02-15", final="2025-02-15")
    options = EngineOptions(phase_transfer_strictly_before=False)
    result = figures(builder, tmp_path, "2025", options=options)["phase_transfer_on_time"]
    assert result.numerator == 1
    assert result.options["phase_transfer_deadline"] == "on or before"


def test_a_transfer_to_college_by_28_march_is_on_time(builder, tmp_path):
    _transfer(builder, born="2009-03-01", due="2025-09-01", final="2025-03-28")
    con = builder.open(tmp_path / "snapshot")
    result = compute_one(con, code="phase_transfer_on_time", period="2025")
    assert (result.numerator, result.denominator) == (1, 1)
    assert drill_down(con, code="phase_transfer_on_time", period="2025")[0]["deadline"] == d(
        "2025-03-31"
    )


def test_a_plan_transferred_in_is_in_the_caseload_but_not_in_timeliness(builder, tmp_path):
    rid = builder.request(received="2023-06-01", outcome="H")
    builder.assessment(request=rid, outcome="H", start="2024-03-01")
    builder.active(request=rid)
    con = builder.open(tmp_path / "snapshot", as_at="2025-01-16")
    year = compute_all(con, period="2024")
    assert year["ehcp_20w_incl"].denominator == 0
    assert year["ehcp_20w_incl"].excluded == {"transferred in or historical (assessment H)": 1}
    assert year["active_plans"].value == 1


def test_s_outcomes_are_outside_timeliness_unless_the_option_includes_them(builder, tmp_path):
    builder.plan(received="2024-01-08", issued="2024-05-27", outcome="S")
    con = builder.open(tmp_path / "snapshot")
    assert compute_one(con, code="ehcp_20w_incl", period="2024").denominator == 0
    included = compute_one(
        con,
        code="ehcp_20w_incl",
        period="2024",
        options=EngineOptions(include_s_in_timeliness=True),
    )
    assert (included.numerator, included.denominator) == (1, 1)
