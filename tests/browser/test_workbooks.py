"""The Excel round trip in the browser: upload a council's tracker, map its columns,
see every row checked, fix a problem, import; each page kind passes axe."""

import pytest
from playwright.sync_api import expect

from sendboard.governance.tests.factories import OrganisationFactory
from sendboard.plans.models import ImprovementPlan, PlanAction
from sendboard.workbooks.tests.sheets import council_tracker, tracker_row, workbook

from .helpers import assert_accessible, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def organisations(partnership):
    OrganisationFactory(partnership=partnership, name="Northshire Council")
    OrganisationFactory(partnership=partnership, name="ICB")


def _upload(page, partnership, name: str, content: bytes) -> None:
    visit(page, f"/{partnership.slug}/excel/")
    page.get_by_role("button", name="Import a plan tracker").click()
    page.get_by_label("Workbook").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_label("Title of the new plan (for a new plan)").fill("Priority Action Plan 2025")
    page.get_by_role("button", name="Upload the workbook").click()


def test_a_manager_imports_a_council_tracker_page_by_page(page, partnership, people, organisations):
    sign_in(page, "manager")
    visit(page, f"/{partnership.slug}/excel/")
    assert_accessible(page, "Excel trackers and registers")
    page.get_by_role("button", name="Import a plan tracker").click()
    assert_accessible(page, "Import a plan tracker")

    # A row with a date that does not exist: the check lists it and saves nothing.
    bad = workbook(
        [tracker_row(priority="APA1", ref="1.1", action="Recruit", target_date="31/02/2025")]
    )
    _upload(page, partnership, "tracker.xlsx", bad)
    expect(page.get_by_role("heading", name="Which field each column holds")).to_be_visible()
    expect(page.get_by_label("Column C: Ref")).to_have_value("reference")
    assert_accessible(page, "Map the columns")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", name="The workbook cannot be imported yet")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("'31/02/2025' is not a date")
    expect(page.get_by_role("table")).to_contain_text("I (Target date)")
    assert_accessible(page, "Problems in the workbook")
    assert not ImprovementPlan.objects.exists()

    # The corrected workbook: its columns are offered as mapped the first time.
    _upload(page, partnership, "tracker.xlsx", council_tracker())
    expect(page.get_by_label("Column F: Lead Officer")).to_have_value("owners")
    page.get_by_role("button", name="Check the rows").click()
    expect(page.get_by_role("heading", name="Check and import")).to_be_visible()
    expect(page.get_by_text("3: 1.1, 1.2, 2.1")).to_be_visible()
    assert_accessible(page, "Check and import")
    page.get_by_role("button", name="Import").click()

    expect(success_banner(page)).to_contain_text(
        "Imported into Priority Action Plan 2025: 3 lines added, 0 updated, 0 unchanged"
    )
    plan = ImprovementPlan.objects.get()
    assert PlanAction.objects.filter(outcome__area__plan=plan).count() == 3
