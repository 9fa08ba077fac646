import datetime

import pytest
from playwright.sync_api import expect

from sendboard.actions.models import Action

from . import records
from .helpers import choose_person, fill_date, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def item(board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=0)
    return records.discussed_item(meeting, people["manager"])


def test_the_manager_raises_an_action_from_an_item_with_an_owner_and_a_due_date(page, item):
    sign_in(page, "manager")
    visit(page, item.meeting.get_absolute_url())
    page.get_by_role("link", name=f"Raise an action from item {item.position}").click()

    expect(page.get_by_text(f"Raised under item {item}")).to_be_visible()
    page.get_by_label("Action", exact=True).fill("Bring the EHC plan recovery trajectory")
    choose_person(page, "Add an owner", "Member Tester")
    page.get_by_role("radio", name="By a date").check()
    due = records.today() + datetime.timedelta(days=30)
    fill_date(page, "Due date", due)
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("Action SPB-1 raised")
    expect(page.get_by_text(f"item {item}")).to_be_visible()
    action = Action.objects.get()
    assert (action.source_meeting, action.source_item) == (item.meeting, item)
    assert [owner.name for owner in action.owners.all()] == ["Member Tester"]
    assert action.due_date == due

    visit(page, item.meeting.get_absolute_url())
    expect(page.get_by_role("region", name=item.title)).to_contain_text(
        "SPB-1: Bring the EHC plan recovery trajectory (open)"
    )
