"""Shared personas: one signed-in user per role, each a person in the partnership.

`persona["manager"]` is a `django.test.Client` signed in as the partnership manager;
`people["manager"]` is the matching `Person`. `outsider` has an account but no role
here; `anonymous` is not signed in.
"""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from sendboard.governance.models import Membership, Role
from sendboard.governance.tests.factories import (
    BoardFactory,
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)

ROLES = ("manager", "editor", "member", "analyst", "auditor", "viewer")
PERSONAS = (*ROLES, "chair", "outsider", "anonymous")


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
def _fast_passwords(settings):
    # Hashing is slow on purpose; tests make many users and need none of that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
