"""The demo, built once for the package: the build is the slow part and the tests read it."""

from pathlib import Path

import pytest

from sendboard.demo.builder import demo_build, demo_remove
from sendboard.demo.tests.building import FAST_HASHER, TODAY
from sendboard.governance.models import Group, Partnership

# Removes the demo every other test reads, so it runs after them.
RESET_TEST = "test_reset_removes_every_record_its_history_and_the_demo_accounts"
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    ours = [index for index, item in enumerate(items) if item.path.parent == HERE]
    moved = sorted((items[index] for index in ours), key=lambda item: item.name == RESET_TEST)
    for index, item in zip(ours, moved, strict=True):
        items[index] = item


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), FAST_HASHER:
        result = demo_build(today=TODAY)
    yield result.partnership
    with django_db_blocker.unblock():
        found = Partnership.objects.filter(slug=result.partnership.slug).first()
        if found is not None:
            demo_remove(partnership=found)


@pytest.fixture
def board(demo, db):
    return demo.groups.get(kind=Group.Kind.BOARD)
