import pytest
from playwright.sync_api import expect

from sendboard.publishing.models import PublicSummary

from . import records
from .helpers import sign_in, sign_out, success_banner, visit

pytestmark = pytest.mark.browser

ADDED = "Families told the board that waiting for speech and language therapy is the hardest part."


@pytest.fixture
def held_meeting(board, people):
    return records.held_board_meeting(board, people)


def test_the_manager_drafts_edits_and_publishes_the_summary_and_a_visitor_reads_it_signed_out(
    page, held_meeting
):
    title = f"Summary of the {held_meeting.date:%B %Y} Board Meeting"
    sign_in(page, "manager")
    visit(page, "/northshire/summaries/")
    page.get_by_role("button", name="Draft the summary").click()

    expect(success_banner(page)).to_contain_text("drafted from the meeting records")
    expect(page.get_by_label("Title")).to_have_value(title)
    body = page.get_by_label("Summary", exact=True)
    expect(body).to_contain_text("The SEND Partnership Board met on")
    expect(body).to_contain_text(records.DECISION)
    body.fill(f"{body.input_value()}\n\n{ADDED}")
    page.get_by_role("button", name="Save").click()

    expect(success_banner(page)).to_contain_text("The summary was saved.")
    page.get_by_role("button", name="Publish").click()

    expect(success_banner(page)).to_contain_text("The summary is published")
    summary = PublicSummary.objects.get()
    assert summary.status == PublicSummary.Status.PUBLISHED

    sign_out(page)
    visit(page, "/northshire/public/")
    page.get_by_role("link", name=title).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    article = page.get_by_role("article")
    expect(article).to_contain_text("The SEND Partnership Board met on")
    expect(article).to_contain_text(ADDED)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this summary as a Word document").click()
    assert download.value.suggested_filename.endswith(".docx")


def test_a_signed_out_visitor_cannot_read_a_draft_summary(page, held_meeting, people):
    draft = records.draft_summary(held_meeting, people["manager"])

    visit(page, "/northshire/public/")
    expect(page.get_by_role("link", name=draft.title)).to_have_count(0)
    visit(page, f"/northshire/public/summaries/{draft.code}/", status=404)


def test_a_signed_out_visitor_reads_the_published_minutes_and_downloads_them(
    page, held_meeting, board, people
):
    records.published_minutes(held_meeting, people["manager"])

    visit(page, "/northshire/public/")
    page.get_by_role("link", name=f"SEND Partnership Board, {held_meeting.date:%-d %B %Y}").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("SEND Partnership Board: minutes")
    expect(page.get_by_role("main")).to_contain_text(records.DECISION)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these minutes as a Word document").click()
    assert download.value.suggested_filename.endswith(".docx")
