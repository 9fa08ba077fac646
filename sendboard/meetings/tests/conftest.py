import datetime

import pytest

from sendboard.governance.models import Group
from sendboard.governance.tests.factories import GroupFactory
from sendboard.meetings import services


@pytest.fixture
def manager_user(people):
    return people["manager"].user


@pytest.fixture
def meeting(board, manager_user):
    return services.meeting_create(
        group=board, date=datetime.date(2026, 3, 11), start_time=datetime.time(10), by=manager_user
    )


@pytest.fixture
def subgroup(partnership, board):
    return GroupFactory(
        partnership=partnership,
        name="Performance and Impact Subgroup",
        slug="performance",
        kind=Group.Kind.SUBGROUP,
        reports_to=board,
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
