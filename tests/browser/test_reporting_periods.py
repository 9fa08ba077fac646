"""The manager closes the month the board has seen, and opens the next for owners' updates."""

import datetime

import pytest
from playwright.sync_api import expect

from . import records
from .helpers import assert_accessible, fill_date, sign_in, success_banner

pytestmark = pytest.mark.browser


def test_the_manager_closes_a_month_and_opens_the_next(page, partnership, people):
    line = records.improvement_plan(partnership, people)
    plan = line.outcome.area.plan
    period = plan.periods.get(state="open")
    sign_in(page, "manager")
    page.goto(plan.get_absolute_url())

    page.get_by_role("button", name=f"Close {period}").click()
    expect(success_banner(page)).to_contain_text(f"{period} closed")
    expect(page.get_by_text("No period is open for updates")).to_be_visible()

    page.get_by_role("button", name="Open a reporting period").click()
    assert_accessible(page, "opening a reporting period")
    starts = period.ends_on + datetime.timedelta(days=1)
    fill_date(page, "First day of the period", starts)
    fill_date(page, "Last day of the period", starts + datetime.timedelta(days=27))
    page.get_by_role("button", name="Open the period").click()

    expect(success_banner(page)).to_contain_text("is open for updates")
    expect(page.get_by_text("is open for updates: lines as they stand now")).to_be_visible()
    assert plan.periods.filter(state="open", starts_on=starts).exists()
