"""The highlight report's pages: reading, generating, editing and the Word download."""

import io

import pytest
from django.urls import reverse
from docx import Document

from sendboard.conftest import PERSONAS, expected_status
from sendboard.core.word import DOCX_TYPE
from sendboard.plans import services
from sendboard.plans.models import HighlightReport, Status
from sendboard.plans.tests.factories import PlanActionFactory, record_progress

READERS = set(PERSONAS) - {"outsider"}
EDITORS = {"manager", "editor"}


def _url(name, period):
    plan = period.plan
    return reverse(name, args=[plan.partnership.slug, plan.code, period.code])


@pytest.fixture
def generated(line, this_month, people):
    record_progress(line, people["editor"].user, Status.OFF_TRACK)
    return services.highlight_report_generate(period=this_month, by=people["editor"].user)


def _form(report, **changes):
    fields = {
        "opened_version": report.version,
        "introduction": report.introduction,
        "difference_made": report.difference_made,
        "concerns": report.concerns,
        "next_steps": report.next_steps,
        "state": report.state,
    }
    return {**fields, **changes}


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_the_report_and_its_word_file(persona, generated, this_month, who):
    pages = [
        persona[who].get(_url("highlight_report", this_month)),
        persona[who].get(_url("highlight_report_word", this_month)),
    ]

    assert {page.status_code for page in pages} == {expected_status(who, allowed=READERS)}


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_and_managers_open_the_edit_form(persona, generated, this_month, who):
    page = persona[who].get(_url("highlight_report_edit", this_month))

    assert page.status_code == expected_status(who, allowed=EDITORS)


def test_the_tracker_links_to_the_period_report(persona, partnership, plan, this_month):
    page = persona["viewer"].get(reverse("plan_detail", args=[partnership.slug, plan.code]))

    assert _url("highlight_report", this_month) in page.content.decode()


def test_an_editor_generates_the_report_from_the_page(persona, line, this_month):
    before = persona["editor"].get(_url("highlight_report", this_month)).content.decode()
    assert "No highlight report has been generated" in before
    assert "Generate the highlight report" in before

    answer = persona["editor"].post(_url("highlight_report_generate", this_month), follow=True)

    page = answer.content.decode()
    assert HighlightReport.objects.filter(period=this_month).exists()
    assert "Provisional:" in page and "Computed from the 1 line of Priority Action Plan" in page
    assert "APA1 1.1" in page


def test_a_member_can_neither_see_nor_use_the_generate_button(persona, line, this_month):
    page = persona["member"].get(_url("highlight_report", this_month)).content.decode()
    refused = persona["member"].post(_url("highlight_report_generate", this_month))

    assert "Generate the highlight report" not in page
    assert refused.status_code == 403
    assert not HighlightReport.objects.exists()


def test_the_report_shows_the_narrative_the_figures_and_the_lines_off_track(
    persona, generated, this_month
):
    page = persona["viewer"].get(_url("highlight_report", this_month)).content.decode()

    assert "<h1" in page and "Highlight report: " in page
    for heading in ("Summary", "Progress across the plan", "What difference has been made"):
        assert heading in page
    assert "Off track: APA1 1.1." in page
    assert "govuk-tag--red" in page and "Off track" in page
    assert "Actions by status in " in page and "computed from the plan\u2019s lines" in page
    assert "Edit the narrative" not in page


def test_an_editor_saves_the_narrative_and_reads_it_on_the_report(persona, generated, this_month):
    answer = persona["editor"].post(
        _url("highlight_report_edit", this_month),
        _form(generated, introduction="Recruitment is behind plan.", state="ready"),
        follow=True,
    )

    page = answer.content.decode()
    assert "Recruitment is behind plan." in page
    assert "Ready for the board" in page
    generated.refresh_from_db()
    assert generated.state == HighlightReport.State.READY


def test_a_stale_edit_is_refused_on_the_form_with_the_latest_text(
    persona, generated, this_month, people
):
    opened = generated.version
    services.highlight_report_edit(
        report=generated,
        introduction="Saved first by the manager",
        difference_made="",
        concerns="",
        next_steps="",
        state="draft",
        opened_version=opened,
        by=people["manager"].user,
    )

    answer = persona["editor"].post(
        _url("highlight_report_edit", this_month),
        _form(generated, opened_version=opened, introduction="Mine"),
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "after you opened it" in page and "Saved first by the manager" in page
    generated.refresh_from_db()
    assert generated.introduction == "Saved first by the manager"


def test_the_word_file_has_heading_styles_tables_with_headers_and_the_period(
    persona, generated, this_month
):
    answer = persona["viewer"].get(_url("highlight_report_word", this_month))

    assert answer["Content-Type"] == DOCX_TYPE
    assert "attachment" in answer["Content-Disposition"]
    document = Document(io.BytesIO(answer.content))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", f"Highlight report: Priority Action Plan, {this_month}")
    assert ("Heading 2", "Summary") in headings
    assert ("Heading 3", "Newly complete or embedded") in headings
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Reporting period: {this_month}" in text and "Computed from the 1 line" in text
    rollups, obstacles = document.tables[0], document.tables[1]
    assert [cell.text for cell in rollups.rows[0].cells][:2] == ["Part of the plan", "Actions"]
    assert rollups.rows[1].cells[0].text == "The whole plan"
    assert obstacles.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert obstacles.rows[1].cells[0].text == "APA1 1.1: Recruit plan writers"
    assert document.core_properties.language == "en-GB"


def test_no_word_file_before_the_report_is_generated(persona, line, this_month):
    assert persona["viewer"].get(_url("highlight_report_word", this_month)).status_code == 404


def test_the_report_page_takes_a_fixed_number_of_queries(
    persona, generated, outcome, this_month, django_assert_max_num_queries, without_page_cache
):
    for number in range(20):
        PlanActionFactory(outcome=outcome, reference=f"3.{number}", status=Status.AT_RISK)

    persona["viewer"].get(_url("highlight_report", this_month))  # signs the reader in

    with django_assert_max_num_queries(18):
        answer = persona["viewer"].get(_url("highlight_report", this_month))
    assert "APA1 3.19" in answer.content.decode()
