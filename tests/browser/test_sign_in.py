import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_the_manager_signs_in_and_lands_on_the_partnership_home(page, people):
    sign_in(page, "manager")

    expect(page).to_have_url("/northshire/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Northshire")


def test_a_wrong_password_is_refused_with_the_error_summary(page, people):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    summary = error_summary(page)
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert_accessible(page, "sign-in page with an error")
