import pytest
from playwright.sync_api import expect

from . import records
from .helpers import sign_in, visit

pytestmark = pytest.mark.browser


def test_a_printed_meeting_page_does_not_spell_out_the_sites_own_links(page, board, people):
    meeting = records.held_board_meeting(board, people)
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())
    page.emulate_media(media="print")

    spelled_out = page.evaluate(
        """() => [...document.querySelectorAll('main a[href^="/"]')]
            .map(link => getComputedStyle(link, '::after').content)
            .filter(content => content.includes('/'))"""
    )

    assert spelled_out == []


def test_a_printed_meeting_keeps_the_record_and_leaves_out_the_staff_tools(page, board, people):
    meeting = records.held_board_meeting(board, people)
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())
    page.emulate_media(media="print")
    main = page.locator("main")

    for kept in ("Agenda and minutes", "Attendance"):
        expect(main.get_by_role("heading", name=kept, exact=True)).to_be_visible()
    expect(main.get_by_role("paragraph").filter(has_text=records.DECISION)).to_be_visible()
    for left_out in ("History", "Changes to the agenda and minutes", "From the forward plan"):
        expect(page.get_by_role("heading", name=left_out)).to_be_hidden()
    expect(page.get_by_role("link", name="Minutes (Word document)")).to_be_hidden()
    expect(page.get_by_role("banner").get_by_role("button", name="Sign out")).to_be_hidden()
    shown_controls = page.evaluate(
        """() => [...document.querySelectorAll('button, input, select, textarea, .govuk-button')]
            .filter(control => control.checkVisibility())
            .map(control => control.textContent.trim() || control.name)"""
    )
    assert shown_controls == []
