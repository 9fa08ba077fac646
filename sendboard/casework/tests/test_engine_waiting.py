"""Waiting lists: referral to first contact, bands, median and the service standard."""

from datetime import date, timedelta

import pytest

from sendboard.casework.engine import EngineOptions, compute_all
from sendboard.casework.tests.builders import SnapshotBuilder, d

AS_AT = date(2025, 1, 16)


def _referral(
    builder: SnapshotBuilder, service: str, *, waited: int = 0, referred: str = "", **dates: str
) -> None:
    builder.add(
        "referrals",
        referralid=f"{service}{len(builder.rows['referrals'])}",
        service=service,
        referraldate=d(referred) if referred else AS_AT - timedelta(days=waited),
        **{key: d(value) for key, value in dates.items()},
    )


@pytest.fixture
def results(tmp_path):
    builder = SnapshotBuilder()
    for waited in (10, 126, 127, 364, 365, 400):
        _referral(builder, "SALT", waited=waited)
    _referral(builder, "SALT", waited=500, firstcontactdate="2024-12-01")
    _referral(builder, "SALT", waited=500, dischargedate="2024-12-01")
    # ASD: seen after 91 days (13 weeks, within) and 92 days; a diagnosis date is ignored.
    _referral(
        builder,
        "ASD",
        referred="2024-07-09",
        firstcontactdate="2024-10-08",
        outcomedate="2024-10-09",
    )
    _referral(builder, "ASD", referred="2024-07-09", firstcontactdate="2024-10-09")
    con = builder.open(tmp_path / "snapshot", as_at=AS_AT.isoformat())
    return compute_all(con, period="2024")


def test_people_waiting_are_banded_by_weeks_waited_at_the_as_at_date(results):
    counts = [results[f"waiting_salt_{band}"].value for band in ("0_18", "18_52", "over_52")]
    assert counts == [2, 2, 2]
    assert results["waiting_salt_0_18"].denominator == 6


def test_the_median_wait_is_of_those_still_waiting_in_weeks(results):
    assert results["waiting_salt_median_weeks"].value == pytest.approx(245.5 / 7, abs=0.05)


def test_seen_within_the_standard_uses_first_contact_and_13_weeks_for_autism(results):
    asd = results["waiting_asd_seen_within_standard"]
    assert (asd.numerator, asd.denominator, asd.value) == (1, 2, 50.0)
    assert "13 weeks" in asd.definition


def test_other_services_default_to_18_weeks(results):
    salt = results["waiting_salt_seen_within_standard"]
    assert (salt.numerator, salt.denominator) == (0, 1)
    assert "18 weeks" in salt.definition


def test_a_service_standard_can_be_configured(tmp_path):
    builder = SnapshotBuilder()
    _referral(builder, "ASD", referred="2024-07-09", firstcontactdate="2024-10-09")
    con = builder.open(tmp_path / "snapshot", as_at=AS_AT.isoformat())
    options = EngineOptions(waiting_standards={"ASD": 18})
    result = compute_all(con, period="2024", options=options)["waiting_asd_seen_within_standard"]
    assert result.numerator == 1
