import datetime

import pytest

from sendboard.meetings.tests.factories import MeetingFactory


@pytest.fixture
def june(board):
    return MeetingFactory(group=board, number=1, date=datetime.date(2025, 6, 3))


@pytest.fixture
def july(board):
    return MeetingFactory(group=board, number=2, date=datetime.date(2025, 7, 8))
