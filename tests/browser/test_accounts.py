"""A manager invites a person, who sets a password, signs in, and is given another role."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from sendboard.governance.tests.factories import PersonFactory

from .helpers import assert_accessible, sign_in, sign_out, success_banner, visit

pytestmark = pytest.mark.browser

PASSWORD = "a long and unusual password"


def test_a_manager_invites_a_person_who_joins_and_is_given_another_role(page, partnership, people):
    PersonFactory(partnership=partnership, name="Priya Nair", email="")
    sign_in(page, "manager")
    visit(page, "/northshire/people/")
    assert_accessible(page, "people page with accounts")
    page.get_by_role("link", name="Priya Nair").click()
    assert_accessible(page, "a person's page")
    page.get_by_role("button", name="Invite to sendboard").click()
    page.get_by_label("Email address").fill("priya.nair@northshire.gov.uk")
    page.get_by_label("Editor").check()
    assert_accessible(page, "invitation form")
    page.get_by_role("button", name="Send invitation").click()
    expect(success_banner(page)).to_contain_text("Invitation sent to priya.nair@")
    sign_out(page)

    link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert_accessible(page, "setting a password from an invitation")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile("/northshire/$"))
    sign_out(page)

    sign_in(page, "priya.nair@northshire.gov.uk", PASSWORD)
    sign_out(page)
    sign_in(page, "manager")
    visit(page, "/northshire/people/")
    page.get_by_role("link", name="Priya Nair").click()
    page.get_by_role("button", name="Change role").click()
    page.get_by_label("Board member").check()
    page.get_by_role("button", name="Save role").click()
    expect(success_banner(page)).to_contain_text("Priya Nair is now Board member")
    expect(page.get_by_text("Board member", exact=True)).to_be_visible()
