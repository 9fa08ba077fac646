import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from sendboard.actions.tests.factories import ActionFactory
from sendboard.meetings.tests.factories import MeetingFactory


def _run(*args) -> str:
    out = io.StringIO()
    call_command("review_action_log", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_review_for_the_boards_next_meeting(partnership, board):
    today = datetime.date.today()
    MeetingFactory(group=board, date=today - datetime.timedelta(days=30))
    MeetingFactory(group=board, date=today + datetime.timedelta(days=7))
    ActionFactory(board=board, due_date=today - datetime.timedelta(days=2), number=12)

    out = _run(partnership.slug)

    assert "1 action is overdue: SPB-12 (Cerys Thomas" in out
    assert out.strip().endswith("0 closed, 0 open and not yet due, 1 overdue.")
    assert "Cerys" not in _run(partnership.slug, "--public")


def test_it_says_when_there_is_no_meeting_to_review(partnership, board):
    with pytest.raises(CommandError, match="No such meeting"):
        _run(partnership.slug)
