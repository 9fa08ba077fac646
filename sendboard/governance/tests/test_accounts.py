"""A manager gives people accounts and roles from the People pages, never the back office."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from sendboard.conftest import PERSONAS, expected_status
from sendboard.governance import services
from sendboard.governance.models import Invitation, Role
from sendboard.governance.tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)

PASSWORD = "a long and unusual password"


@pytest.fixture
def newcomer(partnership):
    return PersonFactory(partnership=partnership, name="Priya Nair", email="")


def _person_url(name: str, person) -> str:
    return reverse(name, args=[person.partnership.slug, person.code])


def _invite(persona, newcomer, *, email="priya.nair@northshire.gov.uk", role="editor"):
    # The invitation is emailed once its record is committed, as at the end of a request.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return persona["manager"].post(
            _person_url("person_invite", newcomer), {"email": email, "role": role}
        )


def _link_in_mail() -> str:
    return re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)


def test_an_invited_person_sets_a_password_and_lands_in_their_partnership(
    persona, people, newcomer
):
    assert _invite(persona, newcomer).status_code == 302
    assert mail.outbox[-1].to == ["priya.nair@northshire.gov.uk"]
    link = _link_in_mail()
    secret = link.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(secret_hash=secret).exists()  # only its hash is kept

    visitor = Client()
    page = visitor.get(link)
    assert b"Set your password" in page.content and b"Editor" in page.content
    done = visitor.post(link, {"password": PASSWORD, "password_again": PASSWORD})

    assert done.status_code == 302 and done["Location"] == "/northshire/"
    assert visitor.get("/northshire/").status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.user.username == "priya.nair@northshire.gov.uk"
    assert Role.objects.get(user=newcomer.user).name == "editor"
    assert Client().login(username="priya.nair@northshire.gov.uk", password=PASSWORD)


def test_a_link_works_once_and_not_after_seven_days(persona, people, newcomer):
    _invite(persona, newcomer)
    link = _link_in_mail()
    Client().post(link, {"password": PASSWORD, "password_again": PASSWORD})

    used = Client().get(link)
    assert used.status_code == 410 and b"has been used" in used.content

    other = PersonFactory(partnership=newcomer.partnership, name="Sam Okafor")
    _invite(persona, other, email="sam@northshire.gov.uk")
    Invitation.objects.filter(email="sam@northshire.gov.uk").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    expired = Client().get(_link_in_mail())
    assert expired.status_code == 410 and b"has expired" in expired.content


def test_a_weak_or_mistyped_password_is_refused_on_its_field(persona, people, newcomer):
    _invite(persona, newcomer)
    link = _link_in_mail()

    weak = Client().post(link, {"password": "password", "password_again": "password"})
    mistyped = Client().post(link, {"password": PASSWORD, "password_again": PASSWORD + "x"})

    assert b"This password is too common" in weak.content
    assert b"The two passwords are not the same" in mistyped.content
    assert newcomer.invitations.get().accepted_at is None


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_invite(persona, people, newcomer, who):
    response = persona[who].post(
        _person_url("person_invite", newcomer), {"email": "p@example.org", "role": "member"}
    )

    assert response.status_code == expected_status(who, {"manager"}, success=302)
    assert Invitation.objects.exists() == (who == "manager")


def test_an_email_whose_account_is_already_here_is_refused(persona, people, newcomer):
    response = _invite(persona, newcomer, email="Manager@example.org")

    assert b"Manager Tester already has an account: change their role instead" in response.content
    assert not Invitation.objects.exists()


def test_a_manager_changes_and_removes_a_role_and_history_keeps_both(persona, people):
    member = people["member"]
    persona["manager"].post(_person_url("person_role", member), {"role": "editor"})
    assert Role.objects.get(user=member.user).name == "editor"

    persona["manager"].post(_person_url("person_role_remove", member))

    assert not Role.objects.filter(user=member.user).exists()
    assert member.user.is_active
    changes = Role.history.filter(user_id=member.user_id).order_by("history_date")
    assert [c.history_type for c in changes][-2:] == ["~", "-"]
    assert changes.last().history_user == people["manager"].user


def test_the_last_manager_can_be_neither_demoted_nor_removed(people):
    manager = people["manager"]
    for change in (
        lambda: services.role_set(person=manager, role="editor", by=manager.user),
        lambda: services.role_remove(person=manager, by=manager.user),
    ):
        with pytest.raises(ValidationError, match="last manager"):
            change()
    second = people["editor"]
    services.role_set(person=second, role="manager", by=manager.user)
    services.role_set(person=manager, role="editor", by=second.user)  # no longer the last
    with pytest.raises(ValidationError, match="cannot deactivate your own account"):
        services.account_deactivate(person=second, by=second.user)


def test_deactivating_stops_sign_in_and_is_kept_in_the_accounts_history(persona, people):
    viewer = people["viewer"]
    response = persona["manager"].post(_person_url("person_deactivate", viewer))

    assert response.status_code == 302
    viewer.user.refresh_from_db()
    assert not viewer.user.is_active
    assert not Client().login(username="viewer", password="correct horse battery")
    latest = get_user_model().history.filter(id=viewer.user_id).latest("history_date")
    assert latest.is_active is False
    assert latest.history_user == people["manager"].user
    assert not hasattr(latest, "password")


def test_a_manager_of_one_partnership_cannot_change_another(people):
    elsewhere = PartnershipFactory(slug="southshire")
    stranger = PersonFactory(partnership=elsewhere, name="Jo Bloggs")
    with pytest.raises(PermissionDenied):
        services.role_set(person=stranger, role="member", by=people["manager"].user)


def test_a_person_with_roles_in_two_partnerships_chooses_between_them(persona, people):
    elsewhere = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    RoleFactory(user=people["member"].user, partnership=elsewhere, name="viewer")

    home = persona["member"].get(reverse("home"))

    assert b"Northshire" in home.content and b"Southshire SEND Partnership" in home.content
    with pytest.raises(ValidationError, match="roles in other partnerships"):
        services.account_deactivate(person=people["member"], by=people["manager"].user)


def test_the_people_page_shows_each_account_to_managers_only(persona, people, newcomer):
    _invite(persona, newcomer)
    url = reverse("person_list", args=["northshire"])

    for_manager = persona["manager"].get(url).content.decode()
    for_member = persona["member"].get(url).content.decode()

    assert "Invited as Editor" in for_manager and "Partnership manager" in for_manager
    assert "Invited as" not in for_member


def _invited_elsewhere(email: str, *, role: str = "member", slug: str = "southshire"):
    """The same address invited by a second partnership's manager."""
    elsewhere = PartnershipFactory(slug=slug, name=f"{slug.title()} SEND Partnership")
    manager = PersonFactory(partnership=elsewhere, user=UserFactory(username=f"{slug}.manager"))
    RoleFactory(user=manager.user, partnership=elsewhere, name="manager")
    return services.person_invite(
        person=PersonFactory(partnership=elsewhere, name="Priya Nair", email=""),
        email=email,
        role=role,
        accept_url=lambda secret: f"/invitations/{secret}/",
        by=manager.user,
    )


def test_one_link_takes_up_the_invitations_of_every_partnership_and_says_which(
    persona, people, newcomer
):
    # Issue 8: only the invitation whose link was followed was taken up, and the other's
    # link then failed, its address taken by the account just made.
    _invite(persona, newcomer)
    link = _link_in_mail()
    other = _invited_elsewhere("Priya.Nair@northshire.gov.uk")

    visitor = Client()
    done = visitor.post(link, {"password": PASSWORD, "password_again": PASSWORD}, follow=True)

    user = get_user_model().objects.get(username="priya.nair@northshire.gov.uk")
    roles = Role.objects.filter(user=user).values_list("partnership__slug", "name")
    assert sorted(roles) == [("northshire", "editor"), ("southshire", "member")]
    other.refresh_from_db()
    assert other.person.user == user
    assert other.history.latest().history_change_reason == "Accepted"
    assert (
        "Your account is ready: you have joined Northshire SEND Partnership and "
        "Southshire SEND Partnership" in done.content.decode()
    )


def test_of_two_invitations_to_one_partnership_the_one_followed_counts(persona, people, newcomer):
    _invite(persona, newcomer)
    link = _link_in_mail()
    twin = PersonFactory(partnership=newcomer.partnership, name="P. Nair", email="")
    _invite(persona, twin)

    Client().post(link, {"password": PASSWORD, "password_again": PASSWORD})

    newcomer.refresh_from_db()
    twin.refresh_from_db()
    assert newcomer.user is not None and twin.user is None
    left = twin.invitations.get()
    assert left.withdrawn_at is not None
    assert left.history.latest().history_change_reason == "Another invitation here was taken up"
