"""The back office: whoever runs the installation sees all; other staff only their partnerships."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from sendboard.governance.admin import PartnershipScoped, ScopedUserAdmin
from sendboard.governance.tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)


def test_every_record_of_sendboards_in_the_back_office_is_scoped_to_partnerships():
    unscoped = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("sendboard.")
        and not isinstance(model_admin, PartnershipScoped)
    ]
    assert unscoped == []
    assert isinstance(admin.site._registry[get_user_model()], ScopedUserAdmin)


@pytest.fixture
def staff(partnership, people, client):
    """A manager of Northshire made staff, with every permission to view the back office."""
    user = people["manager"].user
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)
    return client


@pytest.fixture
def elsewhere(db):
    southshire = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    account = UserFactory(username="stranger", email="stranger@southshire.gov.uk")
    RoleFactory(user=account, partnership=southshire, name="manager")
    return PersonFactory(partnership=southshire, name="Stranger Danger", user=account)


def test_staff_see_only_their_own_partnerships_people_and_accounts(staff, elsewhere):
    people = staff.get(reverse("admin:governance_person_changelist")).content.decode()
    accounts = staff.get(reverse("admin:auth_user_changelist")).content.decode()
    partnerships = staff.get(reverse("admin:governance_partnership_changelist")).content.decode()

    assert "Manager Tester" in people and "Stranger Danger" not in people
    assert "manager" in accounts and "stranger@southshire.gov.uk" not in accounts
    assert "Southshire" not in partnerships
    other = reverse("admin:governance_person_change", args=[elsewhere.pk])
    assert staff.get(other).status_code == 302  # "does not exist": back to the list


def test_a_superuser_sees_every_partnership(client, elsewhere, people):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))

    people_page = client.get(reverse("admin:governance_person_changelist")).content.decode()

    assert "Stranger Danger" in people_page and "Manager Tester" in people_page
