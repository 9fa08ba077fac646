import pytest
from playwright.sync_api import expect

from . import records
from .helpers import assert_accessible, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def plan_line(partnership, people):
    return records.improvement_plan(partnership, people)


def test_an_editor_generates_edits_and_reads_the_highlight_report(page, plan_line):
    plan = plan_line.outcome.area.plan
    period = plan.periods.get(state="open")
    sign_in(page, "editor")
    visit(page, plan.get_absolute_url())

    page.get_by_role("link", name=f"Highlight report for {period}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Highlight report: {period}")
    page.get_by_role("button", name="Generate the highlight report").click()

    expect(success_banner(page)).to_contain_text(f"Highlight report for {period} generated")
    expect(page.get_by_text("Provisional:")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Summary")).to_be_visible()
    expect(page.get_by_role("table", name="Actions off track or at risk")).to_contain_text(
        "Agency writers cover the gap"
    )
    assert_accessible(page, "The highlight report")

    page.get_by_role("button", name="Edit the narrative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the highlight report")
    assert_accessible(page, "The highlight report's edit form")
    page.get_by_label("Summary").fill("Recruitment is the risk this month; agency cover holds.")
    page.get_by_role("radio", name="Ready for the board").check()
    page.get_by_role("button", name="Save the report").click()

    expect(success_banner(page)).to_contain_text(f"Highlight report for {period} saved")
    expect(page.get_by_text("Recruitment is the risk this month")).to_be_visible()
    expect(page.locator(".govuk-tag").first).to_have_text("Ready for the board")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Word").click()
    assert download.value.suggested_filename.endswith(".docx")
