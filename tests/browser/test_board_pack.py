"""The board pack: built from the meeting page, read on its own page, downloaded."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    ReportingPeriodFactory,
)
from sendboard.risks.tests.factories import add_risk

from . import records
from .helpers import assert_accessible, sign_in, success_banner, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting(board, people, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    records.held_board_meeting(board, people)
    plan = ImprovementPlanFactory(
        partnership=board.partnership,
        title="Priority Action Plan",
        starts_on=records.today() - datetime.timedelta(days=90),
    )
    area = PriorityAreaFactory(plan=plan, reference="APA1", title="Timely plans")
    outcome = OutcomeFactory(area=area, reference="1", title="Plans on time")
    PlanActionFactory(outcome=outcome, reference="1.1", text="Recruit plan writers")
    month_start = records.today().replace(day=1)
    ReportingPeriodFactory(
        plan=plan, starts_on=month_start, ends_on=month_start + datetime.timedelta(days=27)
    )
    add_risk(board.partnership, owner=people["editor"], by=people["manager"].user)
    return records.board_meeting(board, people["manager"])


def test_an_editor_builds_the_board_pack_from_the_meeting_page_and_downloads_it(page, meeting):
    sign_in(page, "editor")
    visit(page, meeting.get_absolute_url())
    pack = page.get_by_role("region", name="Board pack")
    expect(pack).to_contain_text("The board pack has not been built yet.")

    pack.get_by_role("button", name="Build the board pack").click()

    expect(success_banner(page)).to_contain_text("The board pack was built")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"SEND Partnership Board: board pack for {meeting.date:%-d %B %Y}"
    )
    with page.expect_download() as word:
        page.get_by_role("link", name="Board pack (Word document)").click()
    assert word.value.suggested_filename == f"board-{meeting.date:%Y-%m-%d}-board-pack.docx"
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Board pack (PDF)").click()
    assert pdf.value.suggested_filename.endswith("-board-pack.pdf")


def test_a_member_reads_the_pack_page_section_by_section(page, meeting):
    sign_in(page, "member")
    visit(page, meeting.get_absolute_url())
    expect(page.get_by_role("button", name="Build the board pack")).to_have_count(0)
    assert_accessible(page, "The meeting page with its board pack section")

    page.get_by_role("link", name="View the board pack").click()

    contents = page.get_by_role("navigation", name="Contents")
    for title in (
        "1. Agenda",
        "2. Minutes of the last meeting",
        "3. Review of the action log",
        "5. Risk register summary",
        "6. Figures (not available)",
    ):
        expect(contents.get_by_role("link", name=title)).to_be_visible()
    contents.get_by_role("link", name="5. Risk register summary").click()
    expect(page).to_have_url(re.compile("#risks$"))
    risks = page.get_by_role("region", name="5. Risk register summary")
    expect(risks.get_by_role("heading", name="Heat maps")).to_be_visible()
    expect(page.get_by_role("region", name="2. Minutes of the last meeting")).to_contain_text(
        "The chair asked why fewer plans were finished within 20 weeks"
    )
    assert_accessible(page, "The board pack page")
