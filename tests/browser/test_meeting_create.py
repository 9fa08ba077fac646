import datetime

import pytest
from playwright.sync_api import expect

from sendboard.meetings.models import Meeting

from . import records
from .helpers import sign_in, success_banner, visit

pytestmark = pytest.mark.browser


def test_the_manager_creates_a_board_meeting_and_its_agenda_has_the_standing_items(
    page, board, people
):
    sign_in(page, "manager")
    visit(page, "/northshire/meetings/")
    page.get_by_role("button", name="Create a meeting").click()

    expect(page.get_by_label("Group")).to_have_value(str(board.pk))
    expect(page.get_by_label("Meeting number")).to_have_value("")
    on = records.today() + datetime.timedelta(days=28)
    page.get_by_label("Date").fill(on.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:30")
    page.get_by_label("Place").fill("Committee Room 2, Northshire Town Hall")
    page.get_by_role("radio", name="Hybrid").check()
    page.get_by_role("button", name="Create meeting").click()

    expect(success_banner(page)).to_contain_text("standing items")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{on:%A} {on.day} {on:%B %Y}")
    for title in (
        "1. Welcome, introductions and apologies",
        "2. Minutes and actions of the last meeting",
        "3. Children and young people's voice",
        "4. Parent carer update",
    ):
        expect(page.get_by_role("heading", name=title)).to_be_visible()
    meeting = Meeting.objects.get()
    assert (meeting.group.slug, meeting.number, meeting.date) == ("board", 1, on)
    assert meeting.format == Meeting.Format.HYBRID
