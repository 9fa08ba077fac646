"""The dashboard, scorecards, entry by form, commentary, exports and the public view."""

import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sendboard.conftest import PERSONAS
from sendboard.performance.models import Benchmark, Commentary, Indicator, Observation
from sendboard.performance.tests.factories import IndicatorFactory, ObservationFactory


def _month(indicator, year, month, value, numerator=None, denominator=None, **fields):
    start = datetime.date(year, month, 1)
    end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return ObservationFactory(
        indicator=indicator,
        period_start=start,
        period_end=end,
        period_label=start.strftime("%B %Y"),
        numerator=numerator,
        denominator=denominator,
        value=Decimal(value),
        **fields,
    )


@pytest.fixture
def waits(partnership, people):
    """Seed 001: 37 weeks, then 31, against 18 weeks by August 2025."""
    indicator = IndicatorFactory(
        partnership=partnership,
        key="autism_wait_median",
        title="Autism assessment: median wait",
        unit=Indicator.Unit.WEEKS,
        polarity=Indicator.Polarity.LOWER,
        source=Indicator.Source.MANUAL,
        target=Decimal(18),
        tolerance=Decimal(4),
        owner=people["member"],
    )
    _month(indicator, 2025, 4, "37")
    _month(indicator, 2025, 5, "31")
    return indicator


def test_a_red_figure_asks_its_owner_for_an_exception_note(persona, partnership, waits):
    page = persona["viewer"].get(reverse("scorecard", args=[partnership.slug])).content.decode()

    assert "1 red figure without an exception note" in page
    assert "Exception note needed from Member Tester" in page
    assert "Down 6.0 weeks, better" in page


def test_the_owner_writes_the_exception_note_and_the_dashboard_stops_asking(
    persona, partnership, waits
):
    may = waits.observations.get(period_label="May 2025")
    url = reverse("commentary_edit", args=[partnership.slug, waits.code, may.code])
    note = {
        "telling_us": "Waits are falling since the second provider started.",
        "what_happened": "The provider closed its list for three months.",
        "what_is_being_done": "A second provider started in April.",
        "recovery_expected": "By August 2025",
    }

    incomplete = persona["member"].post(url, {**note, "recovery_expected": ""})
    assert "govuk-error-summary" in incomplete.content.decode()
    assert persona["member"].post(url, note).status_code == 302

    page = persona["viewer"].get(reverse("scorecard", args=[partnership.slug])).content.decode()
    assert "without an exception note" not in page
    detail = persona["viewer"].get(waits.get_absolute_url()).content.decode()
    assert "Waits are falling since the second provider started." in detail
    assert "A second provider started in April." in detail
    assert Commentary.objects.get().history.first().history_user.username == "member"


@pytest.mark.parametrize("who", ["viewer", "editor", "chair"])
def test_only_the_owner_or_an_analyst_writes_commentary(persona, partnership, waits, who):
    may = waits.observations.get(period_label="May 2025")
    url = reverse("commentary_edit", args=[partnership.slug, waits.code, may.code])
    assert persona[who].get(url).status_code == 403


def test_an_analyst_enters_a_figure_and_the_tile_and_chart_change(persona, partnership, waits):
    url = reverse("figure_enter", args=[partnership.slug, waits.code])

    response = persona["analyst"].post(url, {"period": "June 2025", "value": "21"})

    assert response.status_code == 302
    page = persona["viewer"].get(reverse("scorecard", args=[partnership.slug])).content.decode()
    assert "21.0 weeks" in page and "Amber" in page  # within 4 weeks of 18
    detail = persona["viewer"].get(waits.get_absolute_url()).content.decode()
    chart = detail[detail.index("<svg") : detail.index("</svg>")]
    assert "June 2025 21.0 weeks" in chart


def test_a_correction_by_form_needs_a_reason_and_keeps_the_earlier_figure(
    persona, partnership, waits
):
    url = reverse("figure_enter", args=[partnership.slug, waits.code])

    refused = persona["analyst"].post(url, {"period": "2025-05", "value": "30"})
    assert "has a figure already: say why" in refused.content.decode()
    persona["analyst"].post(url, {"period": "2025-05", "value": "30", "reason": "Trust recount"})

    old, new = waits.observations.filter(period_label="May 2025").order_by("pk")
    assert old.superseded_by == new
    history = persona["viewer"].get(waits.get_absolute_url()).content.decode()
    assert "<s>31.0 weeks</s>" in history
    assert "Why it changed: Trust recount" in history


def test_a_rate_entered_by_form_is_recomputed_from_its_counts(persona, partnership, people):
    reviews = IndicatorFactory(partnership=partnership, source=Indicator.Source.MANUAL)
    url = reverse("figure_enter", args=[partnership.slug, reviews.code])

    wrong = persona["analyst"].post(
        url, {"period": "2025-05", "value": "70", "numerator": "45", "denominator": "90"}
    )
    assert "70 does not match 45 of 90 (50.0)" in wrong.content.decode()
    persona["analyst"].post(url, {"period": "2025-05", "numerator": "45", "denominator": "90"})
    assert reviews.observations.get().value == Decimal("50.0")


def test_a_trajectory_holds_each_period_to_its_step(persona, partnership, waits):
    url = reverse("trajectory_edit", args=[partnership.slug, waits.code])

    persona["analyst"].post(
        url, {"steps": "April 2025: 36\nAugust 2025: 18", "reason": "Recovery plan agreed"}
    )

    page = persona["viewer"].get(waits.get_absolute_url()).content.decode()
    assert "18.0 weeks by 31 August 2025" in page
    april = page[page.index(">April 2025<") :]
    assert "36.0 weeks" in april[:2000]  # April's target is the first step


def test_a_named_scorecard_shows_only_its_indicators(persona, partnership, waits):
    other = IndicatorFactory(partnership=partnership, title="Tribunal appeals registered")
    persona["analyst"].post(
        reverse("scorecard_create", args=[partnership.slug]),
        {"title": "Neurodevelopmental pathway", "indicators": [waits.pk]},
    )
    card = partnership.scorecards.get()

    page = persona["viewer"].get(card.get_absolute_url()).content.decode()

    assert "Neurodevelopmental pathway" in page
    assert waits.title in page and other.title not in page


@pytest.mark.parametrize("who", PERSONAS)
def test_only_analysts_and_the_manager_enter_figures(persona, partnership, waits, who):
    response = persona[who].get(reverse("figure_enter", args=[partnership.slug, waits.code]))
    assert response.status_code == {"anonymous": 302, "manager": 200, "analyst": 200}.get(who, 403)


@pytest.fixture
def small(partnership, people):
    indicator = IndicatorFactory(
        partnership=partnership,
        key="tribunal_appeals",
        title='=HYPERLINK("http://x") tribunal appeals',
        unit=Indicator.Unit.COUNT,
        source=Indicator.Source.MANUAL,
        published=True,
        plain_english="How many families appealed to the tribunal.",
    )
    _month(indicator, 2025, 4, "3", note="@SUM(A1) typed by someone")
    _month(indicator, 2025, 5, "12")
    return indicator


def test_exports_neutralise_formulas_and_suppress_for_members(persona, partnership, small):
    url = reverse("figures_export", args=[partnership.slug, "csv"])

    member = persona["member"].get(url).content.decode("utf-8-sig").splitlines()
    analyst = persona["analyst"].get(url).content.decode("utf-8-sig")

    assert member[1].startswith("tribunal_appeals,\"'=HYPERLINK")
    assert "Not shown: small numbers" in member[1]
    assert ",3," not in member[1]
    assert "'@SUM(A1) typed by someone" in analyst
    book = load_workbook(
        io.BytesIO(
            persona["member"]
            .get(reverse("figures_export", args=[partnership.slug, "xlsx"]))
            .content
        )
    )
    assert book["Figures"]["B2"].value.startswith("'=HYPERLINK")
    data = json.loads(
        persona["member"].get(reverse("figures_export", args=[partnership.slug, "json"])).content
    )
    assert [row["value"] for row in data["figures"]] == [None, 12.0]


def test_the_public_dashboard_needs_no_sign_in_and_suppresses_small_numbers(
    persona, partnership, small, waits
):
    page = (
        persona["anonymous"]
        .get(reverse("public_figures", args=[partnership.slug]))
        .content.decode()
    )

    assert "How many families appealed to the tribunal." in page
    assert "Not shown: small numbers" in page  # April's 3
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "April 2025 Not shown: small numbers" in chart
    assert "<title>" in chart and "<desc>" in chart
    assert waits.title not in page  # not published


def test_the_public_dashboard_reads_a_bounded_number_of_queries(
    persona, partnership, small, without_page_cache, django_assert_max_num_queries
):
    for _ in range(5):  # as many queries for six published figures as for one
        more = IndicatorFactory(partnership=partnership, published=True)
        for month in (4, 5):
            _month(more, 2025, month, "40", "40", "100")
        Benchmark.objects.create(
            indicator=more,
            series=Benchmark.Series.ENGLAND,
            period_type=Observation.PeriodType.MONTH,
            period_start=datetime.date(2025, 5, 1),
            period_end=datetime.date(2025, 5, 31),
            period_label="May 2025",
            value=Decimal(45),
            source="DfE",
        )

    with django_assert_max_num_queries(12):
        persona["anonymous"].get(reverse("public_figures", args=[partnership.slug]))


def test_the_standard_set_loads_with_englands_figures(persona, partnership, people):
    persona["analyst"].post(reverse("standard_set_load", args=[partnership.slug]))
    persona["analyst"].post(reverse("standard_set_load", args=[partnership.slug]))

    assert partnership.indicators.count() == 19
    share = partnership.indicators.get(key="pupils_ehcp_pct")
    england = share.benchmarks.get()
    assert (england.value, england.period_label) == (Decimal("5.3"), "January 2025")


def test_an_indicator_is_added_to_the_catalogue(persona, partnership, people):
    response = persona["analyst"].post(
        reverse("indicator_create", args=[partnership.slug]),
        {
            "key": "pcf_satisfaction",
            "title": "Parent carers satisfied",
            "definition": "Satisfied or very satisfied, of those who answered.",
            "unit": "percent",
            "polarity": "higher",
            "frequency": "quarterly",
            "combines": "ratio",
            "owner": people["member"].pk,
            "source_name": "Parent carer forum survey",
        },
    )
    assert response.status_code == 302
    made = partnership.indicators.get(key="pcf_satisfaction")
    assert (made.owner, made.source) == (people["member"], Indicator.Source.MANUAL)
    assert Observation.objects.count() == 0
