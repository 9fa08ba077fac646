"""A person who already has an account, in another partnership, is invited to this one and
accepts by signing in with it (issue 8: a person may hold roles in several partnerships)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from sendboard.governance import services
from sendboard.governance.models import Invitation, Person, Role
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

# The address the suite's provider gives its "invited" user, so single sign-on can be tried.
EMAIL = "invited.person@example.org"
PASSWORD = "correct horse battery"  # the factories' password


@pytest.fixture
def adviser(db):
    """A DfE adviser with an account and a role in Southshire."""
    southshire = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    user = UserFactory(username=EMAIL, email=EMAIL, first_name="Jo", last_name="Adviser")
    RoleFactory(user=user, partnership=southshire, name=Role.Name.VIEWER)
    PersonFactory(partnership=southshire, name="Jo Adviser", user=user)
    return user


@pytest.fixture
def newcomer(partnership):
    return PersonFactory(partnership=partnership, name="Jo Adviser", email="")


def _invite(persona, person, *, email="Invited.Person@Example.org", role="editor"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return persona["manager"].post(
            reverse("person_invite", args=[person.partnership.slug, person.code]),
            {"email": email, "role": role},
            follow=True,
        )


def _link() -> str:
    return re.search(r"https?://\S+(/invitations/\S+/)", mail.outbox[-1].body).group(1)


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_manager_invites_an_existing_account_to_sign_in_with_it(
    persona, people, adviser, newcomer
):
    page = _invite(persona, newcomer).content.decode()

    assert "they already have an account, and accept by signing in with it" in page
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.person) == (EMAIL, newcomer)
    sent = mail.outbox[-1]
    assert sent.to == [EMAIL]
    assert "sign in with your existing account to accept" in sent.body
    assert "Set your password" not in sent.body


def test_a_deactivated_account_cannot_be_invited_and_the_message_says_who_can_help(
    persona, people, adviser, newcomer
):
    adviser.is_active = False
    adviser.save()

    page = _invite(persona, newcomer).content.decode()

    assert (
        "The account using this email address is deactivated: only the installation&#x27;s "
        "administrator can reactivate it" in page
    )
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_signed_out_the_link_sends_them_to_sign_in_and_back(persona, people, adviser, newcomer):
    _invite(persona, newcomer)
    link = _link()

    page = Client().get(link)

    text = page.content.decode()
    assert page.status_code == 200
    assert "sign in with your existing account to accept" in text
    assert "Create a password" not in text
    sign_in = f"/sign-in/?next={link.replace('/', '%2F')}"
    assert f'href="{sign_in}"' in text
    visitor = Client()
    back = visitor.post(sign_in, {"username": EMAIL, "password": PASSWORD, "next": link})
    assert back["Location"] == link
    assert visitor.get(link).status_code == 200


def test_a_password_posted_to_the_link_makes_no_second_account(persona, people, adviser, newcomer):
    _invite(persona, newcomer)

    Client().post(_link(), {"password": "a new long password", "password_again": "x"})

    assert get_user_model().objects.filter(email__iexact=EMAIL).count() == 1
    assert Invitation.objects.get().accepted_at is None


def test_signed_in_as_that_account_a_button_takes_it_up(persona, people, adviser, newcomer):
    _invite(persona, newcomer)
    link = _link()
    client = _signed_in(adviser)

    assert "Accept invitation" in client.get(link).content.decode()
    done = client.post(link, follow=True)

    assert done.redirect_chain[0] == ("/northshire/", 302)
    assert "You have joined Northshire SEND Partnership" in done.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.user == adviser and newcomer.email == EMAIL
    roles = Role.objects.filter(user=adviser).values_list("partnership__slug", "name")
    assert sorted(roles) == [("northshire", "editor"), ("southshire", "viewer")]
    invitation = Invitation.objects.get()
    assert invitation.accepted_at is not None
    assert invitation.history.latest().history_change_reason == "Accepted with an existing account"
    assert invitation.history.latest().history_user == adviser
    # The link is used up; following it again lands in the partnership it joined.
    assert client.get(link)["Location"] == "/northshire/"
    assert Client().get(link).status_code == 410


def test_signed_in_as_another_account_it_is_refused_naming_nothing(
    persona, people, adviser, newcomer
):
    _invite(persona, newcomer)
    link = _link()
    other = _signed_in(people["member"].user)

    shown, posted = other.get(link), other.post(link)

    for response in (shown, posted):
        text = response.content.decode().lower()
        assert response.status_code == 403
        assert "this invitation is for another account" in text
        assert EMAIL not in text and "jo adviser" not in text and "editor" not in text
    assert Invitation.objects.get().accepted_at is None
    assert not Role.objects.filter(user=people["member"].user, name="editor").exists()


def test_the_service_refuses_another_account_and_lapsed_invitations(
    persona, people, adviser, newcomer
):
    _invite(persona, newcomer)
    secret = _link().rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(ValidationError, match="sent to another account"):
        services.invitation_join(secret=secret, user=people["member"].user)
    with pytest.raises(ValidationError, match="An account already uses this email address"):
        services.invitation_accept(secret=secret, password="a long enough password")

    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="has expired"):
        services.invitation_join(secret=secret, user=adviser)
    Invitation.objects.update(withdrawn_at=timezone.now())
    with pytest.raises(ValidationError, match="not valid"):
        services.invitation_join(secret=secret, user=adviser)
    assert not Role.objects.filter(user=adviser, partnership=newcomer.partnership).exists()
    assert Person.objects.get(pk=newcomer.pk).user is None


def test_one_link_takes_up_every_open_invitation_to_the_address(persona, people, adviser, newcomer):
    _invite(persona, newcomer)
    link = _link()
    westshire = PartnershipFactory(slug="westshire", name="Westshire SEND Partnership")
    manager = UserFactory(username="westshire.manager")
    RoleFactory(user=manager, partnership=westshire, name=Role.Name.MANAGER)
    services.person_invite(
        person=PersonFactory(partnership=westshire, name="Jo Adviser"),
        email=EMAIL,
        role=Role.Name.MEMBER,
        accept_url=lambda secret: f"/invitations/{secret}/",
        by=manager,
    )

    done = _signed_in(adviser).post(link, follow=True)

    assert (
        "You have joined Northshire SEND Partnership and Westshire SEND Partnership"
        in done.content.decode()
    )
    assert sorted(Role.objects.filter(user=adviser).values_list("partnership__slug", "name")) == [
        ("northshire", "editor"),
        ("southshire", "viewer"),
        ("westshire", "member"),
    ]


@pytest.mark.usefixtures("single_sign_on")
def test_signing_in_by_single_sign_on_takes_up_the_invitation_with_the_account(
    client, persona, people, adviser, newcomer
):
    _invite(persona, newcomer)

    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    assert back["Location"] == "/northshire/"
    assert client.session["_auth_user_id"] == str(adviser.pk)
    assert get_user_model().objects.filter(email__iexact=EMAIL).count() == 1
    assert Role.objects.get(user=adviser, partnership=newcomer.partnership).name == "editor"
    invitation = Invitation.objects.get()
    assert invitation.history.latest().history_change_reason == (
        "Accepted through single sign-on with an existing account"
    )
    assert "You have joined Northshire SEND Partnership" in client.get("/northshire/").text


@pytest.mark.usefixtures("single_sign_on")
def test_an_account_with_no_role_left_signs_in_by_invitation(
    client, persona, people, adviser, newcomer
):
    Role.objects.filter(user=adviser).delete()
    _invite(persona, newcomer)

    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/northshire/")

    assert back["Location"] == "/northshire/"
    assert client.session["_auth_user_id"] == str(adviser.pk)
    assert list(Role.objects.filter(user=adviser).values_list("partnership__slug")) == [
        ("northshire",)
    ]


@pytest.mark.usefixtures("single_sign_on")
def test_an_expired_invitation_does_not_stop_an_account_signing_in(
    client, persona, people, adviser, newcomer
):
    _invite(persona, newcomer)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    back = sign_in_at_provider(client, "invited", start="/oidc/authenticate/?next=/southshire/")

    assert back["Location"] == "/southshire/"
    assert client.session["_auth_user_id"] == str(adviser.pk)
    assert not Role.objects.filter(user=adviser, partnership=newcomer.partnership).exists()


def test_taking_up_is_all_or_nothing(persona, people, adviser, newcomer, monkeypatch):
    _invite(persona, newcomer)
    secret = _link().rstrip("/").rsplit("/", 1)[1]
    take_up = services._take_up

    def fails_after_the_person(invitation, *, user, reason):
        invitation.person.user = user
        invitation.person.save()
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_take_up", fails_after_the_person)
    with pytest.raises(RuntimeError):
        services.invitation_join(secret=secret, user=adviser)
    monkeypatch.setattr(services, "_take_up", take_up)

    assert Person.objects.get(pk=newcomer.pk).user is None
    assert Invitation.objects.get().accepted_at is None
    assert services.invitation_join(secret=secret, user=adviser).partnerships


def test_single_sign_on_vouches_for_an_accounts_email_not_its_username(persona, people, newcomer):
    UserFactory(username=EMAIL, email="someone.else@example.org")
    _invite(persona, newcomer)

    with pytest.raises(ValidationError, match="An account already uses this email address"):
        services.invitation_accept_by_single_sign_on(email=EMAIL)
    assert Person.objects.get(pk=newcomer.pk).user is None
