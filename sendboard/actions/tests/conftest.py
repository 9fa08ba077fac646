import datetime

import pytest

from sendboard.governance.models import Group
from sendboard.governance.tests.factories import GroupFactory
from sendboard.meetings.tests.factories import MeetingFactory


@pytest.fixture
def subgroup(partnership, board):
    return GroupFactory(
        partnership=partnership,
        name="Preparation for Adulthood Subgroup",
        slug="pfa",
        kind=Group.Kind.SUBGROUP,
        reports_to=board,
    )


@pytest.fixture
def june(board):
    return MeetingFactory(group=board, number=1, date=datetime.date(2025, 6, 3))


@pytest.fixture
def july(board):
    return MeetingFactory(group=board, number=2, date=datetime.date(2025, 7, 8))


@pytest.fixture
def editor_user(people):
    return people["editor"].user
