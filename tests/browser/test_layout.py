import pytest

from . import records
from .helpers import sign_in, visit

pytestmark = pytest.mark.browser


def test_the_meeting_buttons_line_up_whether_they_are_links_or_forms(page, board, people):
    meeting = records.board_meeting(board, people["manager"], days_from_today=-1)
    sign_in(page, "manager")
    visit(page, meeting.get_absolute_url())

    buttons = page.locator(".govuk-button-group").first.locator(".govuk-button")
    tops = {
        name: box["y"] for name, box in ((b.inner_text(), b.bounding_box()) for b in buttons.all())
    }

    assert set(tops) == {"Change the meeting details", "Mark as held", "Cancel the meeting"}
    assert len(set(tops.values())) == 1, tops
