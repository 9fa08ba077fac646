import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from sendboard.conftest import PERSONAS
from sendboard.governance.models import Partnership
from sendboard.lib.periods import parse_period
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.services import Entry, observations_enter
from sendboard.performance.tests.factories import (
    IndicatorFactory,
    ObservationFactory,
    SnapshotFactory,
)

EXPECTED = {"anonymous": 302, "outsider": 403}


def _month(indicator, year: int, month: int, numerator: int, denominator: int, **fields):
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return ObservationFactory(
        indicator=indicator,
        period_start=start,
        period_end=end,
        period_label=start.strftime("%B %Y"),
        numerator=numerator,
        denominator=denominator,
        **fields,
    )


@pytest.fixture
def timeliness(partnership):
    indicator = IndicatorFactory(
        partnership=partnership,
        key="ehcp_20w_excl",
        title="EHC plans issued within 20 weeks, excluding exceptions",
        target=60,
        green_threshold=60,
        amber_threshold=45,
    )
    snapshot = SnapshotFactory(partnership=partnership)
    _month(indicator, 2024, 10, 40, 100, snapshot=snapshot)
    _month(indicator, 2024, 11, 50, 100, snapshot=snapshot)
    return indicator


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_the_scorecard_and_outsiders_do_not(persona, partnership, timeliness, who):
    response = persona[who].get(reverse("scorecard", args=[partnership.slug]))
    assert response.status_code == EXPECTED.get(who, 200)


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_an_indicator_page_and_outsiders_do_not(
    persona, partnership, timeliness, who
):
    response = persona[who].get(timeliness.get_absolute_url())
    assert response.status_code == EXPECTED.get(who, 200)


def test_the_scorecard_shows_period_counts_target_rating_trend_and_source(
    persona, partnership, timeliness
):
    response = persona["member"].get(reverse("scorecard", args=[partnership.slug]))

    page = response.content.decode()
    assert "50.0%" in page
    assert "November 2024" in page
    assert "50 of 100" in page
    assert "Target: 60.0%" in page
    assert "Amber" in page
    assert "Up 10.0 percentage points, better" in page
    assert "from 40.0% in October 2024" in page
    assert "Casework snapshot" in page
    assert "definition version 1" in page
    assert timeliness.definition in page


def test_the_scorecard_hides_small_numbers_from_members(persona, partnership, people):
    indicator = IndicatorFactory(partnership=partnership, title="Reviews within 4 weeks")
    _month(indicator, 2024, 11, 3, 4)

    page = persona["member"].get(reverse("scorecard", args=[partnership.slug])).content.decode()

    assert "Not shown: small numbers" in page
    assert "75.0%" not in page
    assert "3 of 4" not in page


def test_analysts_see_the_counts_before_suppression(persona, partnership, people):
    indicator = IndicatorFactory(partnership=partnership, title="Reviews within 4 weeks")
    _month(indicator, 2024, 11, 3, 4)

    page = persona["analyst"].get(reverse("scorecard", args=[partnership.slug])).content.decode()

    assert "75.0%" in page
    assert "3 of 4" in page


def test_the_nhs_policy_rounds_counts_for_members(persona, partnership, people):
    Partnership.objects.filter(pk=partnership.pk).update(small_number_policy="nhs")
    indicator = IndicatorFactory(
        partnership=partnership,
        title="Open assessments past 20 weeks",
        unit=Indicator.Unit.COUNT,
        polarity=Indicator.Polarity.LOWER,
    )
    _month(indicator, 2024, 11, 13, 40, value=13)

    page = persona["viewer"].get(reverse("scorecard", args=[partnership.slug])).content.decode()

    assert "15 of 40" in page
    assert "13 of 40" not in page


def test_the_scorecard_reads_a_bounded_number_of_queries(
    persona, partnership, people, without_page_cache, django_assert_max_num_queries
):
    for number in range(8):
        indicator = IndicatorFactory(partnership=partnership, title=f"Indicator {number}")
        for month in (9, 10, 11):
            _month(indicator, 2024, month, 40 + number, 100)
    client = persona["member"]

    with django_assert_max_num_queries(14):
        response = client.get(reverse("scorecard", args=[partnership.slug]))

    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-summary-card"') == 8


def test_the_indicator_page_draws_a_chart_with_the_same_figures_in_a_table(
    persona, partnership, timeliness
):
    page = persona["member"].get(timeliness.get_absolute_url()).content.decode()

    chart = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in chart
    assert "<title>EHC plans issued within 20 weeks, excluding exceptions: trend</title>" in chart
    assert "October 2024 (40.0%) to November 2024 (50.0%)" in chart  # its description
    after = page[page.index("</svg>") :]
    key = after[after.index("<ul") : after.index("</ul>")]
    assert 'stroke-dasharray="8 4"' in key and "</svg> Target</li>" in key
    assert "October 2024" in after  # the table's row


def test_the_indicator_page_shows_superseded_figures_marked(persona, partnership, timeliness):
    older = timeliness.observations.get(period_label="November 2024")
    newer_snapshot = SnapshotFactory(partnership=partnership, as_at=datetime.date(2025, 1, 31))
    Observation.objects.filter(pk=older.pk).update(superseded_by=older.pk)
    newer = _month(timeliness, 2024, 11, 55, 100, snapshot=newer_snapshot)
    Observation.objects.filter(pk=older.pk).update(superseded_by=newer.pk)

    page = persona["member"].get(timeliness.get_absolute_url()).content.decode()

    assert "<s>50.0%</s>" in page
    assert "Superseded" in page
    assert "the snapshot as at 31 Jan 2025" in page
    assert "55.0%" in page


def test_the_indicator_page_reads_a_bounded_number_of_queries(
    persona, partnership, people, timeliness, without_page_cache, django_assert_max_num_queries
):
    for month in range(1, 10):
        _month(timeliness, 2024, month, 40, 100)
    for n, who in enumerate(("analyst", "manager", "analyst", "manager")):
        observations_enter(  # each correction is shown with who made it
            indicator=timeliness,
            entries=[Entry(parse_period("2024-09"), Decimal(41 + n), 41 + n, 100)],
            provenance="Corrected",
            reason="Late returns",
            by=people[who].user,
        )
    client = persona["member"]

    with django_assert_max_num_queries(16):
        response = client.get(timeliness.get_absolute_url())

    assert response.status_code == 200


def test_the_indicator_page_charts_years_when_asked(persona, partnership, timeliness):
    ObservationFactory(
        indicator=timeliness,
        period_type=Observation.PeriodType.CALENDAR_YEAR,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        period_label="2024",
        numerator=470,
        denominator=1000,
        value=Decimal("47.0"),
    )

    response = persona["member"].get(
        timeliness.get_absolute_url(), {"period_type": "calendar-year"}
    )

    assert "47.0%" in response.content.decode()
    assert "October 2024" not in response.content.decode()


def test_an_indicator_of_another_partnership_is_not_found(persona, partnership, people):
    other = IndicatorFactory(partnership__slug="southshire", partnership__name="Southshire")

    response = persona["member"].get(
        reverse("indicator_detail", args=[partnership.slug, other.code])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_change_a_target(persona, partnership, timeliness, who):
    response = persona[who].get(reverse("indicator_edit", args=[partnership.slug, timeliness.code]))
    assert response.status_code == {"anonymous": 302, "manager": 200, "analyst": 200}.get(who, 403)


def _settings(indicator, **changes) -> dict:
    return {
        "target": "65",
        "green_threshold": "65",
        "amber_threshold": "55",
        "polarity": "higher",
        "frequency": "monthly",
        "combines": "ratio",
        "opened_version": indicator.version,
        **changes,
    }


def test_an_analyst_sets_the_target_and_the_rating_follows(persona, partnership, timeliness):
    url = reverse("indicator_edit", args=[partnership.slug, timeliness.code])

    response = persona["analyst"].post(url, _settings(timeliness))

    assert response.status_code == 302
    timeliness.refresh_from_db()
    assert timeliness.target == 65
    assert timeliness.version == 2
    assert timeliness.history.first().history_user == persona["analyst"].get(url).wsgi_request.user
    page = persona["member"].get(reverse("scorecard", args=[partnership.slug])).content.decode()
    assert "Target: 65.0%" in page
    assert "Red" in page  # 50.0% is below amber now


def test_it_refuses_a_green_threshold_worse_than_amber(persona, partnership, timeliness):
    url = reverse("indicator_edit", args=[partnership.slug, timeliness.code])

    response = persona["analyst"].post(url, _settings(timeliness, green_threshold="40"))

    assert "green must be at or above amber" in response.content.decode()
    timeliness.refresh_from_db()
    assert timeliness.green_threshold == 60


def test_it_refuses_a_stale_edit(persona, partnership, timeliness):
    url = reverse("indicator_edit", args=[partnership.slug, timeliness.code])
    opened = timeliness.version
    persona["manager"].post(url, _settings(timeliness, target="70"))

    response = persona["analyst"].post(url, _settings(timeliness, opened_version=opened))

    assert "govuk-error-summary" in response.content.decode()
    assert "was changed" in response.content.decode()
    timeliness.refresh_from_db()
    assert timeliness.target == 70
