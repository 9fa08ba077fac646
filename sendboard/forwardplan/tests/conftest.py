import datetime

import pytest

from sendboard.governance.models import Group
from sendboard.governance.tests.factories import GroupFactory
from sendboard.meetings.tests.factories import MeetingFactory


@pytest.fixture
def subgroup(partnership, board):
    return GroupFactory(
        partnership=partnership,
        name="Inclusion Subgroup",
        slug="inclusion",
        kind=Group.Kind.SUBGROUP,
        reports_to=board,
    )


@pytest.fixture
def september(board):
    return MeetingFactory(group=board, number=1, date=datetime.date(2025, 9, 9))


@pytest.fixture
def october(board):
    return MeetingFactory(group=board, number=2, date=datetime.date(2025, 10, 14))


@pytest.fixture
def editor_user(people):
    return people["editor"].user
