import datetime

import pytest

from sendboard.meetings import services


@pytest.fixture
def meeting(board, manager_user):
    return services.meeting_create(
        group=board, date=datetime.date(2026, 3, 11), start_time=datetime.time(10), by=manager_user
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
