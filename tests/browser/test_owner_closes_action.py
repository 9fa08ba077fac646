import pytest
from playwright.sync_api import expect

from . import records
from .helpers import sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def members_action(board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=-7)
    item = records.discussed_item(meeting, people["manager"])
    return records.action_raised(meeting, item, people["member"], people["manager"])


def test_the_owner_finds_the_action_under_my_actions_updates_it_and_closes_it(page, members_action):
    sign_in(page, "member")
    visit(page, "/northshire/actions/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My actions")
    page.get_by_role("link", name=members_action.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(members_action.title)

    page.get_by_role("button", name="Add an update").click()
    page.get_by_role("radio", name="In progress").check()
    page.get_by_label("Update", exact=True).fill("Draft plan shared with head teachers.")
    page.get_by_role("button", name="Save update").click()
    expect(success_banner(page)).to_contain_text(f"Update added to {members_action.reference}")
    expect(page.get_by_text("Draft plan shared with head teachers.")).to_be_visible()

    page.get_by_role("button", name="Add an update").click()
    page.get_by_role("radio", name="Complete").check()
    page.get_by_label("Update", exact=True).fill("Plan agreed and published on the Local Offer.")
    page.get_by_role("button", name="Save update").click()

    expect(success_banner(page)).to_be_visible()
    expect(page.locator(".govuk-tag").first).to_have_text("Complete")
    expect(page.locator(".govuk-summary-list").get_by_text("Closed on")).to_be_visible()
    members_action.refresh_from_db()
    assert members_action.status == "complete"
    assert members_action.updates.count() == 2


def test_someone_who_does_not_own_the_action_cannot_update_it(page, members_action, people):
    sign_in(page, "chair")
    visit(page, members_action.get_absolute_url())

    expect(page.get_by_role("button", name="Add an update")).to_have_count(0)
    visit(page, f"{members_action.get_absolute_url()}updates/new/", status=403)
