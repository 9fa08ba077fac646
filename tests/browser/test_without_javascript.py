"""Pages work without JavaScript: progressive enhancement only."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from sendboard.actions.models import Action

from . import records
from .helpers import choose_person, error_summary, fill_date, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_javascript(new_context):
    return new_context(java_script_enabled=False).new_page()


def test_a_manager_without_javascript_signs_in_and_raises_an_action(
    page_without_javascript, people
):
    page = page_without_javascript
    sign_in(page, "manager")
    visit(page, "/northshire/actions/")
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))
    page.get_by_role("button", name="Raise an action").click()

    page.get_by_label("Group that raised it").select_option(label="SEND Partnership Board")
    page.get_by_label("Action", exact=True).fill("Write to schools about the new SENCO network")
    choose_person(page, "Add an owner", "Member Tester")
    page.get_by_role("radio", name="By a date").check()
    due = records.today() + datetime.timedelta(days=21)
    fill_date(page, "Due date", due)
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("raised")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Write to schools about the new SENCO network"
    )
    action = Action.objects.get()
    assert [owner.name for owner in action.owners.all()] == ["Member Tester"]
    assert action.due_date == due


def test_a_form_without_javascript_shows_its_errors_in_the_error_summary(
    page_without_javascript, people
):
    page = page_without_javascript
    sign_in(page, "manager")
    visit(page, "/northshire/actions/new/")
    page.get_by_role("button", name="Save").click()

    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name="Enter the action")).to_be_visible()
    expect(summary.get_by_role("link", name="Choose at least one owner")).to_be_visible()
