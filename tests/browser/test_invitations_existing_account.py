"""A manager invites someone who already has an account, in another partnership, who
accepts by signing in with it: no new password (issue 8)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sendboard.governance.models import Role
from sendboard.governance.tests.factories import (
    PartnershipFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)

from .helpers import PASSWORD, assert_accessible, sign_out, success_banner, visit

pytestmark = pytest.mark.browser

EMAIL = "jo.adviser@education.gov.uk"


def _sign_in_here(page, username: str) -> None:
    """Fill the sign-in page the browser is on, as `sign_in` does from the start."""
    page.get_by_label("Email address or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_an_adviser_with_an_account_accepts_a_second_partnerships_invitation(
    page, partnership, people
):
    southshire = PartnershipFactory(slug="southshire", name="Southshire SEND Partnership")
    adviser = UserFactory(username=EMAIL, email=EMAIL, first_name="Jo", last_name="Adviser")
    RoleFactory(user=adviser, partnership=southshire, name=Role.Name.VIEWER)
    PersonFactory(partnership=partnership, name="Jo Adviser", email=EMAIL)

    visit(page, "/sign-in/")
    _sign_in_here(page, "manager")
    visit(page, "/northshire/people/")
    page.get_by_role("link", name="Jo Adviser").click()
    page.get_by_role("button", name="Invite to sendboard").click()
    page.get_by_label("Editor").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(success_banner(page)).to_contain_text("they already have an account")
    sign_out(page)
    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)

    visit(page, link)
    expect(page.get_by_role("heading", name="Accept your invitation")).to_be_visible()
    assert_accessible(page, "accepting an invitation, signed out")

    visit(page, "/sign-in/")
    _sign_in_here(page, "member")
    visit(page, link, status=403)
    expect(
        page.get_by_role("heading", name="This invitation is for another account")
    ).to_be_visible()
    assert_accessible(page, "an invitation for another account")
    sign_out(page)

    visit(page, link)
    page.get_by_role("button", name="Sign in to accept").click()
    _sign_in_here(page, EMAIL)
    expect(page).to_have_url(link)
    assert_accessible(page, "accepting an invitation, signed in")
    page.get_by_role("button", name="Accept invitation").click()

    expect(page).to_have_url(re.compile("/northshire/$"))
    expect(success_banner(page)).to_contain_text("You have joined Northshire SEND Partnership")
    assert Role.objects.get(user=adviser, partnership=partnership).name == Role.Name.EDITOR
