"""A partnership with the shipped framework, a target, and a snapshot of live plans."""

import pytest

from sendboard.quality import services
from sendboard.quality.framework_file import shipped_framework
from sendboard.quality.models import QualitySettings
from sendboard.quality.tests.snapshots import write_snapshot


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


@pytest.fixture
def framework(partnership, manager_user):
    return services.framework_import(
        partnership=partnership, spec=shipped_framework(), by=manager_user
    )


@pytest.fixture
def snapshot(partnership):
    return write_snapshot(partnership)


@pytest.fixture
def target(partnership):
    return QualitySettings.objects.create(
        partnership=partnership, target_percent=10, lookback_months=12, moderation_percent=50
    )
