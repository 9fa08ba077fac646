"""EHC plan quality assurance: the manager sets the target and draws the month's sample,
an auditor completes and submits an audit, the manager moderates it blind and agrees its
grade, and the month's figures show it; axe on each kind of page."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, sign_in, sign_out, success_banner, visit

pytestmark = pytest.mark.browser
SECTIONS = "ABCDEFGHIJK"


def test_a_month_of_quality_assurance(new_context, quality_ready, people):
    slug = quality_ready.slug
    page = new_context().new_page()
    sign_in(page, "manager")
    visit(page, f"/{slug}/quality/")
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC plan quality assurance")
    assert_accessible(page, "The quality assurance home page")

    page.get_by_role("button", name="Audit target and moderation").click()
    assert_accessible(page, "The target form")
    page.get_by_label("Monthly audit target (% of plans)").fill("5")
    page.get_by_label("Share of submitted audits moderated (%)").fill("100")
    page.get_by_role("button", name="Save the settings").click()
    expect(success_banner(page)).to_contain_text("Quality assurance settings saved")

    page.get_by_role("button", name="Draw a month's sample").click()
    assert_accessible(page, "The sample form")
    page.get_by_label(people["auditor"].name).check()
    page.get_by_label("Random seed (optional)").fill("2026")
    page.get_by_role("button", name="Draw the sample").click()
    expect(success_banner(page)).to_contain_text("4 plans drawn")
    expect(page.get_by_text("0 of 4 (0%)").first).to_be_visible()
    visit(page, f"/{slug}/quality/frameworks/")
    page.get_by_role("link", name=re.compile("version 1")).click()
    assert_accessible(page, "A framework's page")
    visit(page, f"/{slug}/quality/audits/import/")
    assert_accessible(page, "The audit results import")
    sign_out(page)

    sign_in(page, "auditor")
    visit(page, f"/{slug}/quality/")
    page.get_by_role("link", name=re.compile("^Plan ")).first.click()
    assert_accessible(page, "An audit to complete")
    for key in SECTIONS:
        page.get_by_label(re.compile(f"Section {key}:")).select_option(label="Good")
    page.get_by_label("Quality of the health advice").select_option(
        label="Not applicable: no needs identified"
    )
    page.get_by_label("Learning themes (optional)").fill("Outcomes not specific")
    page.get_by_role("button", name="Save and submit").click()
    expect(success_banner(page)).to_contain_text("Audit submitted")
    expect(page.get_by_text("Submitted", exact=True)).to_be_visible()
    visit(page, f"/{slug}/quality/audits/")
    assert_accessible(page, "The auditor's audits of the month")
    visit(page, f"/{slug}/quality/feedback/")
    assert_accessible(page, "The auditor's moderation feedback")
    sign_out(page)

    sign_in(page, "manager")
    visit(page, f"/{slug}/quality/moderation/")
    assert_accessible(page, "The moderation list")
    page.get_by_role("link", name=re.compile("^Plan ")).first.click()
    assert_accessible(page, "Blind moderation")
    for key in SECTIONS:
        page.get_by_label(re.compile(f"Section {key}:")).select_option(label="Requires improvement")
    page.get_by_role("button", name="Record my grades").click()
    expect(
        page.get_by_role("table", name=re.compile("as the auditor and the moderator"))
    ).to_be_visible()
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Agree the final grade").click()
    expect(success_banner(page)).to_contain_text("final grade")
    assert_accessible(page, "A settled moderation")

    visit(page, f"/{slug}/quality/figures/")
    expect(page.get_by_text("100.0% of 1 plans audited were good or better")).to_be_visible()
    assert_accessible(page, "The month's figures")
    visit(page, f"/{slug}/quality/moderation/report/")
    expect(page.get_by_role("table", name="Overall grade, by month")).to_contain_text("0%")
    assert_accessible(page, "The moderation report")
    visit(page, f"/{slug}/quality/learning/")
    expect(page.get_by_text("outcomes not specific (1)")).to_be_visible()
    assert_accessible(page, "The learning summary")
