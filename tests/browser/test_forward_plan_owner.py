"""A forward plan item's owner is chosen with the people picker, as an action's owners
are (issue 8): typed into a type-ahead with JavaScript, picked from a list without."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from . import records
from .helpers import assert_accessible, choose_person, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def deep_dive(board, people):
    meeting = records.board_meeting(board, people["manager"])
    return records.planned_report(meeting, people["editor"], people["manager"])


def _edit_url(item) -> str:
    return reverse("forward_plan_item_edit", args=[item.group.partnership.slug, item.code])


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_an_editor_hands_an_item_to_another_owner(new_context, deep_dive, people, javascript):
    page = new_context(java_script_enabled=javascript).new_page()
    sign_in(page, "editor")
    visit(page, _edit_url(deep_dive))
    owner = page.get_by_label("Owner (optional)", exact=True)
    if javascript:
        # The list has become accessible-autocomplete's type-ahead.
        expect(owner).to_have_attribute("role", "combobox")
        assert_accessible(page, "The forward plan item form with the owner type-ahead")
    else:
        expect(owner).to_have_value(str(people["editor"].pk))

    choose_person(page, "Owner (optional)", "Member Tester")
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("saved")
    expect(page.locator(".govuk-summary-list")).to_contain_text(people["member"].described)
    deep_dive.refresh_from_db()
    assert deep_dive.owner == people["member"]
