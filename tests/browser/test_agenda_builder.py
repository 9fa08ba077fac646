import pytest
from playwright.sync_api import expect

from . import records
from .helpers import choose_person, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(board, people):
    return records.board_meeting(board, people["manager"])


@pytest.fixture
def deep_dive(meeting, people):
    return records.planned_report(meeting, people["editor"], people["manager"])


def test_the_manager_adds_an_item_to_the_agenda(page, meeting):
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())
    expect(
        page.get_by_role("heading", name="1. Welcome, introductions and apologies")
    ).to_be_visible()

    page.get_by_role("button", name="Add an item to the agenda").click()
    page.get_by_label("Title").fill("Ordinarily available provision in mainstream schools")
    page.get_by_role("radio", name="For discussion").check()
    choose_person(page, "Add a presenter", "Editor Tester")
    page.get_by_role("button", name="Add item").click()

    expect(success_banner(page)).to_contain_text("Item added to the agenda")
    item = page.get_by_role("region", name="Ordinarily available provision in mainstream schools")
    expect(item).to_contain_text("For discussion.")
    expect(item).to_contain_text("Presented by Editor Tester")
    assert meeting.items.filter(title__startswith="Ordinarily available").exists()


def test_the_manager_puts_a_forward_plan_item_on_the_agenda(page, meeting, deep_dive):
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())
    waiting = page.get_by_role("table", name="Forward plan items due at this meeting")
    expect(waiting).to_contain_text(deep_dive.title)

    waiting.get_by_role("row", name=deep_dive.title).get_by_role(
        "button", name="Put on the agenda"
    ).click()

    expect(success_banner(page)).to_contain_text("put on the agenda")
    expect(page.get_by_role("heading", name=deep_dive.title)).to_be_visible()
    expect(page.get_by_text("No forward plan items are waiting for this meeting.")).to_be_visible()
    deep_dive.refresh_from_db()
    assert deep_dive.status == "on_agenda"
