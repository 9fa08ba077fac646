"""Shared personas: one signed-in user per role, each a person in the partnership.

`persona["manager"]` is a `django.test.Client` signed in as the partnership manager;
`people["manager"]` is the matching `Person`. `outsider` has an account but no role
here; `anonymous` is not signed in.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from hypothesis import settings
from simple_history.signals import pre_create_historical_record

from sendboard.governance.models import Group, Membership, Role
from sendboard.governance.starting import starter_content
from sendboard.governance.tests.factories import (
    BoardFactory,
    GroupFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)

# Examples are checked for what they give, never for how long they take: speed is
# measured in benchmarks/, and a busy machine would fail them at random.
settings.register_profile("sendboard", deadline=None)
settings.load_profile("sendboard")

ROLES = ("manager", "editor", "member", "analyst", "auditor", "viewer")
PERSONAS = (*ROLES, "chair", "outsider", "anonymous")


def expected_status(who: str, allowed, *, success: int = 200) -> int:
    """The status a persona gets: anonymous people are sent to sign in, others refused."""
    if who == "anonymous":
        return 302
    return success if who in allowed else 403


@pytest.fixture
def partnership(db):
    return PartnershipFactory()


@pytest.fixture
def board(partnership):
    return BoardFactory(partnership=partnership)


@pytest.fixture
def people(partnership, board):
    found = {}
    for role in ROLES:
        user = UserFactory(username=role, first_name=role.title(), last_name="Tester")
        RoleFactory(user=user, partnership=partnership, name=role)
        found[role] = PersonFactory(
            partnership=partnership, name=f"{role.title()} Tester", user=user
        )
    chair_user = UserFactory(username="chair", first_name="Chair", last_name="Tester")
    RoleFactory(user=chair_user, partnership=partnership, name=Role.Name.MEMBER)
    found["chair"] = PersonFactory(partnership=partnership, name="Chair Tester", user=chair_user)
    MembershipFactory(group=board, person=found["chair"], role=Membership.Role.INDEPENDENT_CHAIR)
    MembershipFactory(group=board, person=found["member"])
    UserFactory(username="outsider")
    return found


@pytest.fixture
def subgroup(partnership, board):
    return GroupFactory(
        partnership=partnership,
        name="Performance and Impact Subgroup",
        slug="performance",
        kind=Group.Kind.SUBGROUP,
        reports_to=board,
    )


@pytest.fixture
def manager_user(people):
    return people["manager"].user


@pytest.fixture
def editor_user(people):
    return people["editor"].user


@pytest.fixture
def persona(people):
    """A signed-in client for each persona, made on first use."""

    class Clients(dict):
        def __missing__(self, name: str) -> Client:
            client = Client()
            if name != "anonymous":
                client.force_login(get_user_model().objects.get(username=name))
            self[name] = client
            return client

    return Clients()


@pytest.fixture(autouse=True)
def _partnerships_start_empty():
    """A partnership made in a test starts without the standard set of indicators, which
    would cost each test 19 indicators it does not look at; the standard set's own tests
    switch it back on."""
    with starter_content(on=False):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing is slow on purpose; tests make many users and need none of that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def without_page_cache(settings):
    """Query bounds measure a page's own rendering, not the reader's page cache."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def one_clock():
    """Every history row stamped with the same time, as the demo stamps a day's work and
    as a coarse clock stamps one request's rows: only the order they were written in
    says which came first."""
    moment = timezone.now().replace(microsecond=0)

    def stamp(*, history_instance, **_kwargs):
        history_instance.history_date = moment

    pre_create_historical_record.connect(stamp, weak=False, dispatch_uid="one-clock")
    yield moment
    pre_create_historical_record.disconnect(dispatch_uid="one-clock")
