import pytest

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
