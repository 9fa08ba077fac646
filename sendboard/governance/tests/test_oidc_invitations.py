"""Single sign-on for someone invited who has not yet set a password (issue 8), against
the real OpenID Connect provider of test_oidc.py."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sendboard.governance.models import Invitation, Person, Role
from sendboard.governance.services import (
    invitation_accept,
    invitation_accept_by_single_sign_on,
    person_invite,
)
from sendboard.governance.tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from sendboard.governance.tests.test_oidc import (  # noqa: F401
    oidc_provider,
    sign_in_at_provider,
    single_sign_on,
)

# The provider gives the "invited" person this address, in other letter cases.
EMAIL = "invited.person@example.org"


@pytest.fixture
def invitation(partnership, people):
    newcomer = PersonFactory(partnership=partnership, name="Priya Nair")
    links = []
    invitation = person_invite(
        person=newcomer,
        email=EMAIL,
        role=Role.Name.EDITOR,
        accept_url=lambda secret: links.append(secret) or f"/invitations/{secret}/",
        by=people["manager"].user,
    )
    invitation.secret = links[0]  # what the emailed link carries
    return invitation


def _expire(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.mark.usefixtures("single_sign_on")
def test_an_invited_person_signs_in_through_their_provider_and_takes_up_the_invitation(
    client, invitation, partnership
):
    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    assert back.status_code == 302
    assert back["Location"] == "/northshire/"
    user = get_user_model().objects.get(email=EMAIL)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Priya", "Nair")
    assert Person.objects.get(user=user).name == "Priya Nair"
    assert Role.objects.get(user=user, partnership=partnership).name == Role.Name.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.history.latest().history_change_reason == "Accepted through single sign-on"


@pytest.mark.usefixtures("single_sign_on")
def test_the_next_sign_in_finds_the_account_the_first_one_made(client, invitation):
    sign_in_at_provider(client, "invited")
    client.logout()

    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    assert back["Location"] == "/northshire/"
    assert get_user_model().objects.filter(email=EMAIL).count() == 1


@pytest.mark.usefixtures("single_sign_on")
def test_an_expired_invitation_is_explained_and_makes_no_account(client, invitation):
    _expire(invitation)

    back = sign_in_at_provider(client, "invited")

    assert back["Location"] == reverse("oidc_not_recognised")
    page = client.get(back["Location"]).text
    assert "You were invited to sendboard as Invited.Person@example.org." in page
    assert "This invitation has expired: ask your manager for a new one." in page
    assert "We could not find a sendboard account" not in page
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email__iexact=EMAIL).exists()


@pytest.mark.usefixtures("single_sign_on")
def test_a_withdrawn_invitation_is_as_good_as_none(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(withdrawn_at=timezone.now())

    back = sign_in_at_provider(client, "invited")

    page = client.get(back["Location"]).text
    assert "We could not find a sendboard account for Invited.Person@example.org" in page
    assert not get_user_model().objects.filter(email__iexact=EMAIL).exists()


def test_single_sign_on_takes_only_an_invitation_sent_to_that_address(invitation):
    assert invitation_accept_by_single_sign_on(email="someone.else@example.org") is None
    assert invitation_accept_by_single_sign_on(email=" INVITED.person@example.org ") is not None


def test_an_invitation_taken_up_through_single_sign_on_cannot_be_taken_up_again(invitation):
    invitation_accept_by_single_sign_on(email=EMAIL)

    assert invitation_accept_by_single_sign_on(email=EMAIL) is None
    with pytest.raises(ValidationError, match="This invitation has been used"):
        invitation_accept(secret=invitation.secret, password="a long enough password")


@pytest.fixture
def invitation_elsewhere(invitation):
    """The same address invited, later, by a second partnership."""
    elsewhere = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    manager = UserFactory(username="southshire.manager")
    RoleFactory(user=manager, partnership=elsewhere, name=Role.Name.MANAGER)
    return person_invite(
        person=PersonFactory(partnership=elsewhere, name="Priya Nair"),
        email=EMAIL,
        role=Role.Name.MEMBER,
        accept_url=lambda secret: f"/invitations/{secret}/",
        by=manager,
    )


@pytest.mark.usefixtures("single_sign_on")
def test_signing_in_takes_up_the_invitations_of_every_partnership_and_says_which(
    client, invitation, invitation_elsewhere
):
    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    user = get_user_model().objects.get(email=EMAIL)
    roles = Role.objects.filter(user=user).values_list("partnership__slug", "name")
    assert sorted(roles) == [("northshire", "editor"), ("southshire", "member")]
    assert Person.objects.filter(user=user).count() == 2
    assert not Invitation.objects.filter(accepted_at=None).exists()
    page = client.get(back["Location"]).text
    assert (
        "Your account is ready: you have joined Northshire SEND Partnership and "
        "Southshire SEND Partnership" in page
    )


@pytest.mark.parametrize("lapse", ["expired", "withdrawn"])
def test_an_expired_or_withdrawn_invitation_elsewhere_is_not_taken_up(
    invitation, invitation_elsewhere, lapse
):
    if lapse == "expired":
        _expire(invitation_elsewhere)
    else:
        Invitation.objects.filter(pk=invitation_elsewhere.pk).update(withdrawn_at=timezone.now())

    joined = invitation_accept_by_single_sign_on(email=EMAIL)

    assert [partnership.slug for partnership in joined.partnerships] == ["northshire"]
    assert list(Role.objects.filter(user=joined.user).values_list("partnership__slug")) == [
        ("northshire",)
    ]
    invitation_elsewhere.refresh_from_db()
    assert invitation_elsewhere.accepted_at is None
