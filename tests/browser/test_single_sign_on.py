"""Single sign-on in Chromium, against the real OpenID Connect provider of the app tests."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from sendboard.governance.models import Invitation, Role
from sendboard.governance.services import person_invite
from sendboard.governance.tests.factories import PersonFactory, RoleFactory, UserFactory
from sendboard.governance.tests.test_oidc import (  # noqa: F401
    PROVIDER_PASSWORD,
    oidc_provider,
    single_sign_on,
)

from .helpers import assert_accessible, visit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("single_sign_on")]


def sign_in_with_the_provider(page: Page, username: str) -> None:
    visit(page, "/sign-in/")
    page.get_by_role("button", name="Sign in with Northshire Council").click()
    expect(page.get_by_role("heading", name="Test provider")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_an_invited_person_signs_in_with_their_organisation_account(page, partnership):
    user = UserFactory(username="invited.person@example.org", email="invited.person@example.org")
    RoleFactory(user=user, partnership=partnership, name="member")
    visit(page, "/sign-in/")
    expect(page.get_by_role("button", name="Sign in with Northshire Council")).to_be_visible()
    assert_accessible(page, "sign-in page with single sign-on")

    sign_in_with_the_provider(page, "invited")

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).to_have_url(f"/{partnership.slug}/")


def _invite(partnership, people) -> Invitation:
    return person_invite(
        person=PersonFactory(partnership=partnership, name="Priya Nair"),
        email="invited.person@example.org",
        role=Role.Name.EDITOR,
        accept_url=lambda secret: f"/invitations/{secret}/",
        by=people["manager"].user,
    )


def test_someone_invited_who_has_not_set_a_password_signs_in_with_the_provider(
    page, partnership, people
):
    invitation = _invite(partnership, people)

    sign_in_with_the_provider(page, "invited")

    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page).to_have_url(f"/{partnership.slug}/")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_someone_whose_invitation_has_expired_is_told_to_ask_for_a_new_one(
    page, partnership, people
):
    invitation = _invite(partnership, people)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    sign_in_with_the_provider(page, "invited")

    expect(page).to_have_url("/sign-in/not-recognised/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not sign you in")
    expect(
        page.get_by_text("This invitation has expired: ask your manager for a new one")
    ).to_be_visible()
    assert_accessible(page, "single sign-on: invitation expired")


def test_someone_never_invited_is_told_what_to_do(page, partnership):
    sign_in_with_the_provider(page, "stranger")

    expect(page).to_have_url("/sign-in/not-recognised/")
    expect(page.get_by_role("heading", level=1)).to_have_text("We could not sign you in")
    expect(
        page.get_by_text("We could not find a sendboard account for stranger@example.org")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="sign in with your email address and password")
    ).to_be_visible()
    assert_accessible(page, "single sign-on: account not recognised")
