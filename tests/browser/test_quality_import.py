"""The manager imports an audit tool's export, mapping its columns once, and sets plan
teams; axe on each new kind of page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sendboard.quality.models import Audit, PlanTeam

from .helpers import assert_accessible, sign_in, success_banner, visit

pytestmark = pytest.mark.browser
EXPORT = Path(__file__).parents[2] / "sendboard/quality/tests/exports/audit_tool_export.csv"
SECTIONS = {
    "A. Views interests and aspirations": "section:A",
    "B. SEN": "section:B",
    "C. Health needs": "section:C",
    "D. Social care needs": "section:D",
    "E. Outcomes": "section:E",
    "F. Educational provision": "section:F",
    "G. Health provision": "section:G",
    "H. Social care provision": "section:H",
    "I. Placement": "section:I",
    "J. Personal budget": "section:J",
    "K. Advice and information": "section:K",
    "L1. Preparing for adulthood": "section:L1",
}


def _choose(page, heading: str, field: str) -> None:
    page.get_by_label(f": {heading}").select_option(field)


def test_an_audit_tools_export_mapped_once(new_context, quality_ready, people):
    slug = quality_ready.slug
    page = new_context().new_page()
    sign_in(page, "manager")
    visit(page, f"/{slug}/quality/")
    page.get_by_role("button", name="Import audit results").click()
    page.get_by_label("Audit results (CSV or .xlsx)").set_input_files(str(EXPORT))
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which field each column holds")
    assert_accessible(page, "The columns of an export")
    for heading, label in SECTIONS.items():
        _choose(page, heading, label)
    _choose(page, "Areas for Development", "improvements")
    page.get_by_role("button", name="Save the columns and check the rows").click()
    expect(page.get_by_text("3 audits will be imported")).to_be_visible()
    assert_accessible(page, "The check of an export")
    page.get_by_role("button", name="Import the audits").click()
    expect(success_banner(page)).to_contain_text("3 audits imported")
    assert Audit.objects.count() == 3

    # The next export of the tool goes straight to its check; its problems are listed.
    Audit.objects.all().delete()
    page.get_by_role("button", name="Import audit results").click()
    page.get_by_label("Audit results (CSV or .xlsx)").set_input_files(
        str(EXPORT.with_name("audit_tool_export_with_problems.csv"))
    )
    page.get_by_role("button", name="Upload the file").click()
    expect(page.get_by_text("Nothing can be imported yet: 5 problems")).to_be_visible()
    assert_accessible(page, "The problems of an export")
    page.get_by_role("link", name="Change which field each column holds").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which field each column holds")


def test_the_manager_sets_a_plans_team(new_context, quality_ready, people):
    slug = quality_ready.slug
    page = new_context().new_page()
    sign_in(page, "manager")
    visit(page, f"/{slug}/quality/")
    page.get_by_role("button", name="Plan teams").click()
    expect(page.get_by_text("64 plans, showing 1 to 50")).to_be_visible()
    assert_accessible(page, "The plan teams")
    page.get_by_label("Find a plan by its id, or a team").fill("West")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("4 plans with 'West'")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Set the team")).first.click()
    assert_accessible(page, "A plan's team")
    page.get_by_label("Team").fill("Central")
    page.get_by_role("button", name="Save the team").click()
    expect(success_banner(page)).to_contain_text("team set to Central")
    expect(page.get_by_text("Set here (the snapshot says West)")).to_be_visible()
    assert PlanTeam.objects.get().team == "Central"
    visit(page, f"/{slug}/quality/teams/import/")
    assert_accessible(page, "The plan teams import")
