"""The risk register: an editor adds a risk, its owner reviews it, the board's heat map shows it."""

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, choose_person, sign_in, sign_out, success_banner, visit

pytestmark = pytest.mark.browser


def test_a_risk_is_added_reviewed_by_its_owner_and_seen_on_the_heat_map(
    new_context, partnership, people
):
    page = new_context().new_page()
    sign_in(page, "editor")
    visit(page, f"/{partnership.slug}/")
    page.get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register")
    expect(page.get_by_text("No risks match these filters.")).to_be_visible()
    assert_accessible(page, "The empty risk register")

    page.get_by_role("button", name="Add a risk").click()
    page.get_by_role("button", name="Add the risk").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title of the risk")
    assert_accessible(page, "The risk form with its errors")
    page.get_by_label("Risk", exact=True).fill(
        "ND pathway provider closes its waiting list for assessment"
    )
    page.get_by_label("Category", exact=True).select_option(label="Service delivery and capacity")
    choose_person(page, "Owner", people["member"].name)
    page.get_by_label("Likelihood before mitigation").select_option("4")
    page.get_by_label("Impact before mitigation").select_option("5")
    page.get_by_label("Likelihood after mitigation").select_option("3")
    page.get_by_label("Impact after mitigation").select_option("4")
    page.get_by_label("Escalate to the board").check()
    page.get_by_role("button", name="Add the risk").click()

    expect(success_banner(page)).to_contain_text("R01 added to the register")
    expect(page.get_by_role("heading", level=1)).to_contain_text("R01: ND pathway provider")
    expect(page.get_by_text("Escalated to the board").first).to_be_visible()
    assert_accessible(page, "A risk's page")
    sign_out(page)

    sign_in(page, "member")
    visit(page, f"/{partnership.slug}/risks/")
    expect(page.get_by_role("table", name="Risk register")).to_contain_text("12 High")
    page.get_by_role("link", name="R01").click()
    page.get_by_role("button", name="Review the risk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the risk")
    assert_accessible(page, "The review form")
    page.get_by_label("Likelihood now, with mitigations").select_option("2")
    page.get_by_label("What the review found").fill("A second provider is assessing from March")
    page.get_by_role("button", name="Record the review").click()

    expect(success_banner(page)).to_contain_text("Review of R01 recorded")
    history = page.get_by_role("table", name="Scores of R01 over time, oldest first")
    expect(history).to_contain_text("A second provider is assessing from March")
    expect(history).to_contain_text("2 \u00d7 4 = 8")

    page.get_by_role("link", name="Risk register").first.click()
    page.get_by_role("button", name="Summary and heat maps").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register summary")
    after = page.get_by_role("img", name="After mitigation (residual): 1 open risk")
    expect(after).to_be_visible()
    table = page.get_by_role(
        "table",
        name="After mitigation (residual): 1 open risk: number of risks by impact and likelihood",
    )
    expect(table.get_by_role("row", name="4: Major")).to_contain_text("1 (Medium)")
    expect(page.get_by_role("table", name="Risks escalated to the board")).to_contain_text("R01")
    assert_accessible(page, "The risk register summary with its heat maps")


def test_the_manager_sets_the_rating_bands(page, partnership, people):
    sign_in(page, "manager")
    visit(page, f"/{partnership.slug}/risks/bands/")
    assert_accessible(page, "The rating bands form")
    page.get_by_label("Medium: scores up to").fill("3")
    page.get_by_role("button", name="Save the bands").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Each band must end above")
    page.get_by_label("Medium: scores up to").fill("8")
    page.get_by_role("button", name="Save the bands").click()
    expect(success_banner(page)).to_contain_text("Rating bands saved")
    expect(page.get_by_text("Medium 5 to 8")).to_be_visible()
