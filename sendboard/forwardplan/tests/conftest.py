import datetime

import pytest

from sendboard.meetings.tests.factories import MeetingFactory


@pytest.fixture
def september(board):
    return MeetingFactory(group=board, number=1, date=datetime.date(2025, 9, 9))


@pytest.fixture
def october(board):
    return MeetingFactory(group=board, number=2, date=datetime.date(2025, 10, 14))
