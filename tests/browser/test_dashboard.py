"""The performance dashboard: an analyst enters a figure and the tile and chart change; the
owner of a red figure writes its exception note; the public pages lead to the published
figures; every page passes axe."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sendboard.governance.starting import starter_content
from sendboard.performance.models import Indicator, Observation

from .helpers import assert_accessible, sign_in, sign_out, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _partnership_starts_empty():
    """The figures here are seed 001's alone, not the standard set's too."""
    with starter_content(on=False):
        yield


@pytest.fixture
def waits(partnership, people):
    """Seed 001: autism waits of 37 then 31 weeks, against 18 with 4 weeks' tolerance."""
    indicator = Indicator.objects.create(
        partnership=partnership,
        key="autism_wait_median",
        title="Autism assessment: median wait",
        definition="Median weeks from referral to the start of an autism assessment.",
        unit=Indicator.Unit.WEEKS,
        polarity=Indicator.Polarity.LOWER,
        source_name="Neurodevelopmental pathway provider",
        target=Decimal(18),
        tolerance=Decimal(4),
        owner=people["member"],
        published=True,
        plain_english="How long children wait for their autism assessment to start.",
    )
    for month, weeks in ((4, 37), (5, 31)):
        start = datetime.date(2025, month, 1)
        Observation.objects.create(
            indicator=indicator,
            period_type="month",
            period_start=start,
            period_end=(start + datetime.timedelta(days=32)).replace(day=1)
            - datetime.timedelta(days=1),
            period_label=start.strftime("%B %Y"),
            value=Decimal(weeks),
            definition_version=1,
            computed_at=timezone.now(),
        )
    return indicator


def test_an_analyst_enters_a_figure_and_the_tile_and_chart_change(new_context, partnership, waits):
    page = new_context().new_page()
    sign_in(page, "analyst")
    visit(page, f"/{partnership.slug}/figures/")
    tile = page.locator(".govuk-summary-card", has_text=waits.title)
    expect(tile).to_contain_text("31.0 weeks")
    expect(tile).to_contain_text("Red")
    assert_accessible(page, "The dashboard")

    tile.get_by_role("link", name=waits.title).click()
    assert_accessible(page, "An indicator page")
    page.get_by_role("link", name="Enter or correct a figure").click()
    page.get_by_label("Period", exact=True).fill("June 2025")
    page.get_by_label("Figure", exact=True).fill("21")
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("Saved the figure")
    expect(page.locator("#latest")).to_contain_text("June 2025: 21.0 weeks")
    expect(page.locator("#chart svg desc")).to_contain_text("June 2025 21.0 weeks")
    visit(page, f"/{partnership.slug}/figures/")
    tile = page.locator(".govuk-summary-card", has_text=waits.title)
    expect(tile).to_contain_text("21.0 weeks")
    expect(tile).to_contain_text("Amber")
    expect(tile).to_contain_text("Down 10.0 weeks, better")


def test_the_owner_writes_an_exception_note_for_a_red_figure(new_context, partnership, waits):
    page = new_context().new_page()
    sign_in(page, "member")
    visit(page, f"/{partnership.slug}/figures/")
    expect(page.get_by_text("1 red figure without an exception note")).to_be_visible()
    page.locator("#exceptions").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exception note and commentary")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page, "The exception note form with its errors")

    page.get_by_label("What the data is telling us").fill("Waits fell by 6 weeks.")
    page.get_by_label("What happened").fill("The provider closed its list.")
    page.get_by_label("What is being done").fill("A second provider started in April.")
    page.get_by_label("When it will recover").fill("By August 2025")
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("Saved the commentary")
    expect(page.get_by_text("A second provider started in April.")).to_be_visible()
    visit(page, f"/{partnership.slug}/figures/")
    expect(page.get_by_text("without an exception note")).to_have_count(0)
    sign_out(page)


def test_a_scorecard_and_the_public_dashboard_pass_axe(new_context, partnership, waits):
    page = new_context().new_page()
    sign_in(page, "analyst")
    visit(page, f"/{partnership.slug}/figures/")
    page.get_by_role("button", name="Make a scorecard").click()
    page.get_by_label("Name").fill("Neurodevelopmental pathway")
    page.get_by_label(waits.title).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neurodevelopmental pathway")
    assert_accessible(page, "A scorecard")
    sign_out(page)

    visit(page, f"/{partnership.slug}/public/")
    assert_accessible(page, "The public home page, with its published figures")
    page.get_by_role("link", name="Read the published figures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How we are doing")
    expect(page.get_by_text("How long children wait")).to_be_visible()
    assert_accessible(page, "The public dashboard")
