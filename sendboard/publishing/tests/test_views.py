import io

import pytest
from django.urls import reverse
from docx import Document

from sendboard.actions.queries import action_log_review
from sendboard.conftest import PERSONAS, expected_status
from sendboard.governance.tests.factories import BoardFactory, PartnershipFactory
from sendboard.meetings.models import AgendaItem, Meeting
from sendboard.meetings.tests.factories import AgendaItemFactory, MinuteEntryFactory
from sendboard.performance.tests.factories import IndicatorFactory
from sendboard.publishing.models import PublicSummary
from sendboard.publishing.services import summary_update
from sendboard.publishing.tests.factories import (
    MeetingFactory,
    PublicSummaryFactory,
    board_meeting_with_records,
)

Status = PublicSummary.Status
EDITORS = ("manager", "editor")
READERS = ("manager", "editor", "member", "analyst", "auditor", "viewer", "chair")


@pytest.fixture
def draft(board):
    return PublicSummaryFactory(
        meeting__group=board, body="## Decisions\n\n- The board agreed the plan.\n"
    )


@pytest.fixture
def published(board, people):
    return PublicSummaryFactory(
        meeting=MeetingFactory(group=board, date="2026-07-15"),
        title="Summary of the July 2026 Board Meeting",
        status=Status.PUBLISHED,
        published_at="2026-07-20T10:00Z",
    )


@pytest.fixture
def minutes_published(board):
    records = board_meeting_with_records(board)
    Meeting.objects.filter(pk=records.meeting.pk).update(
        minutes_status=Meeting.MinutesStatus.PUBLISHED
    )
    return records


def _url(name, partnership, *args):
    return reverse(name, args=[partnership.slug, *args])


@pytest.mark.parametrize(
    ("page", "allowed"),
    [
        ("summary_list", READERS),
        ("summary_detail", READERS),
        ("summary_docx", READERS),
        ("summary_edit", EDITORS),
        ("summary_redraft", EDITORS),
    ],
)
@pytest.mark.parametrize("who", PERSONAS)
def test_summary_working_pages_by_role(persona, partnership, draft, who, page, allowed):
    args = [] if page == "summary_list" else [draft.code]

    response = persona[who].get(_url(page, partnership, *args))

    assert response.status_code == expected_status(who, allowed)


@pytest.mark.parametrize("page", ["meeting_agenda_docx", "meeting_minutes_docx"])
@pytest.mark.parametrize("who", PERSONAS)
def test_meeting_documents_by_role(persona, partnership, draft, who, page):
    response = persona[who].get(_url(page, partnership, draft.meeting.code))

    assert response.status_code == expected_status(who, READERS)


@pytest.mark.parametrize("who", PERSONAS)
def test_anyone_reads_published_pages(persona, partnership, published, minutes_published, who):
    meeting = minutes_published.meeting
    for url in (
        _url("public_home", partnership),
        _url("summary_public", partnership, published.code),
        _url("public_summary_docx", partnership, published.code),
        _url("public_minutes", partnership, meeting.code),
        _url("public_minutes_docx", partnership, meeting.code),
    ):
        assert persona[who].get(url).status_code == 200, url


@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN])
@pytest.mark.parametrize("who", PERSONAS)
def test_nobody_reads_an_unpublished_summary_on_the_public_pages(
    persona, partnership, draft, who, status
):
    PublicSummary.objects.filter(pk=draft.pk).update(status=status)

    assert persona[who].get(_url("summary_public", partnership, draft.code)).status_code == 404
    assert persona[who].get(_url("public_summary_docx", partnership, draft.code)).status_code == 404


@pytest.mark.parametrize(
    "minutes_status", [Meeting.MinutesStatus.DRAFT, Meeting.MinutesStatus.APPROVED]
)
@pytest.mark.parametrize("who", PERSONAS)
def test_nobody_reads_unpublished_minutes_on_the_public_pages(
    persona, partnership, draft, who, minutes_status
):
    Meeting.objects.filter(pk=draft.meeting.pk).update(minutes_status=minutes_status)

    assert (
        persona[who].get(_url("public_minutes", partnership, draft.meeting.code)).status_code == 404
    )
    assert (
        persona[who].get(_url("public_minutes_docx", partnership, draft.meeting.code)).status_code
        == 404
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_drafting_a_summary_by_role(persona, partnership, board, who):
    meeting = MeetingFactory(group=board)

    response = persona[who].post(_url("summary_create", partnership), {"meeting": meeting.code})

    assert response.status_code == expected_status(who, EDITORS, success=302)
    assert PublicSummary.objects.filter(meeting=meeting).exists() == (who in EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_editing_a_summary_by_role(persona, partnership, draft, who):
    response = persona[who].post(
        _url("summary_edit", partnership, draft.code),
        {"title": "Edited", "body": "- Changed.", "opened_version": 1},
    )

    assert response.status_code == expected_status(who, EDITORS, success=302)
    assert (PublicSummary.objects.get(pk=draft.pk).title == "Edited") == (who in EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_redrafting_a_summary_by_role(persona, partnership, draft, who):
    response = persona[who].post(
        _url("summary_redraft", partnership, draft.code), {"opened_version": 1}
    )

    assert response.status_code == expected_status(who, EDITORS, success=302)
    assert (PublicSummary.objects.get(pk=draft.pk).version == 2) == (who in EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_publishing_by_role(persona, partnership, draft, who):
    response = persona[who].post(
        _url("summary_publish", partnership, draft.code), {"opened_version": 1}
    )

    assert response.status_code == expected_status(who, ("manager",), success=302)
    assert (PublicSummary.objects.get(pk=draft.pk).status == Status.PUBLISHED) == (who == "manager")


@pytest.mark.parametrize("who", PERSONAS)
def test_withdrawing_by_role(persona, partnership, published, who):
    response = persona[who].post(
        _url("summary_withdraw", partnership, published.code), {"opened_version": 1, "reason": ""}
    )

    assert response.status_code == expected_status(who, ("manager",), success=302)
    assert (PublicSummary.objects.get(pk=published.pk).status == Status.WITHDRAWN) == (
        who == "manager"
    )


@pytest.mark.parametrize("page", ["summary_create", "summary_publish", "summary_withdraw"])
def test_buttons_only_take_a_post(persona, partnership, draft, page):
    args = [] if page == "summary_create" else [draft.code]

    assert persona["manager"].get(_url(page, partnership, *args)).status_code == 405


def test_drafting_a_summary_that_exists_opens_it(persona, partnership, draft):
    response = persona["editor"].post(
        _url("summary_create", partnership), {"meeting": draft.meeting.code}
    )

    assert response.url == _url("summary_detail", partnership, draft.code)


def test_drafting_a_summary_of_another_partnerships_meeting_is_not_found(persona, partnership):
    elsewhere = MeetingFactory(
        group=BoardFactory(partnership=PartnershipFactory(slug="southshire"))
    )

    response = persona["editor"].post(
        _url("summary_create", partnership), {"meeting": elsewhere.code}
    )

    assert response.status_code == 404


def test_a_stale_edit_is_refused_with_the_error_summary(persona, partnership, draft):
    editor = persona["editor"]
    editor.post(
        _url("summary_edit", partnership, draft.code),
        {"title": "First", "body": "A.", "opened_version": 1},
    )

    response = editor.post(
        _url("summary_edit", partnership, draft.code),
        {"title": "Second", "body": "Mine.", "opened_version": 1},
    )

    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "after you opened it" in response.text
    assert "Mine." in response.text
    assert 'name="opened_version" value="2"' in response.text
    assert PublicSummary.objects.get(pk=draft.pk).title == "First"


def test_preview_shows_the_changes_without_saving_them(persona, partnership, draft):
    response = persona["editor"].post(
        _url("summary_edit", partnership, draft.code),
        {
            "title": "T",
            "body": "## Previewed heading\n\n- A new point.",
            "opened_version": 1,
            "preview": "1",
        },
    )

    assert '<h3 class="govuk-heading-m">Previewed heading</h3>' in response.text
    assert "not saved yet" in response.text
    assert PublicSummary.objects.get(pk=draft.pk).version == 1


def test_a_published_summary_opens_read_only_for_editors(persona, partnership, published):
    response = persona["editor"].get(_url("summary_edit", partnership, published.code))

    assert response.url == _url("summary_detail", partnership, published.code)


def test_publishing_a_stale_version_shows_the_error_summary(persona, partnership, draft):
    persona["editor"].post(
        _url("summary_edit", partnership, draft.code),
        {"title": "T", "body": "New.", "opened_version": 1},
    )

    response = persona["manager"].post(
        _url("summary_publish", partnership, draft.code), {"opened_version": 1}
    )

    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert PublicSummary.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_summary_page_shows_readability_and_history(persona, partnership, draft):
    response = persona["viewer"].get(_url("summary_detail", partnership, draft.code))

    assert "How easy it is to read" in response.text
    assert "Reading ease" in response.text
    assert 'id="history"' in response.text


def test_the_editor_is_warned_of_names_and_unexplained_acronyms(
    persona, partnership, draft, people
):
    PublicSummary.objects.filter(pk=draft.pk).update(body="- Viewer Tester checked the EHCP audit.")

    response = persona["editor"].get(_url("summary_detail", partnership, draft.code))

    assert "Names of people: Viewer Tester." in response.text
    assert "<strong>Spell out on first use:</strong> EHCP" in response.text


def test_a_script_typed_in_a_summary_is_shown_as_text_to_the_public(
    persona, partnership, published
):
    PublicSummary.objects.filter(pk=published.pk).update(body="- <script>alert(1)</script>")

    response = persona["anonymous"].get(_url("summary_public", partnership, published.code))

    assert "<script>alert(1)" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_the_public_home_lists_only_what_is_published(
    persona, partnership, draft, published, minutes_published
):
    response = persona["anonymous"].get(_url("public_home", partnership))

    assert published.title in response.text
    assert draft.title not in response.text
    assert _url("public_minutes", partnership, minutes_published.meeting.code) in response.text
    assert _url("public_minutes", partnership, draft.meeting.code) not in response.text


def test_the_public_home_links_to_the_published_figures_once_there_are_some(persona, partnership):
    figures = _url("public_figures", partnership)
    indicator = IndicatorFactory(partnership=partnership, published=False)

    assert figures not in persona["anonymous"].get(_url("public_home", partnership)).text

    indicator.published = True
    indicator.save()
    response = persona["anonymous"].get(_url("public_home", partnership))

    assert f'<a class="govuk-link" href="{figures}">Read the published figures</a>' in (
        response.text
    )
    assert "The figures the board watches" in response.text


def test_the_public_minutes_read_like_formal_minutes(persona, partnership, minutes_published):
    response = persona["anonymous"].get(
        _url("public_minutes", partnership, minutes_published.meeting.code)
    )

    assert "Board members present" in response.text
    assert "Apologies" in response.text
    assert "Priya Okonkwo, Head of SEND, Northshire Council" in response.text
    assert "The chair asked why panels take so long." in response.text
    assert "The SEND dashboard shows shorter waits" in response.text
    assert (
        "Action SPB-2:</strong> Bring the SALT recovery plan "
        "(owner: Declan Fairweather; by 14 October 2026)" in response.text
    )


def test_a_published_summary_downloads_as_word(persona, partnership, published):
    response = persona["anonymous"].get(_url("public_summary_docx", partnership, published.code))

    document = Document(io.BytesIO(response.content))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert document.paragraphs[0].text == published.title


def test_the_summaries_list_offers_a_draft_for_board_meetings_without_one(
    persona, partnership, board
):
    MeetingFactory(group=board, date="2026-05-13")
    MeetingFactory(group=board, date="2099-01-07", status=Meeting.Status.PLANNED)

    editor_page = persona["editor"].get(_url("summary_list", partnership)).text
    viewer_page = persona["viewer"].get(_url("summary_list", partnership)).text

    assert "Draft the summary" in editor_page
    assert "13 May 2026" in editor_page
    assert "7 January 2099" not in editor_page
    assert "Draft the summary" not in viewer_page


def test_the_summaries_list_makes_a_fixed_number_of_queries(
    persona, partnership, board, without_page_cache, django_assert_max_num_queries
):
    for day in range(1, 11):
        PublicSummaryFactory(meeting=MeetingFactory(group=board, date=f"2026-03-{day:02d}"))
    client = persona["editor"]

    with django_assert_max_num_queries(10):
        client.get(_url("summary_list", partnership))


def test_the_public_home_makes_a_fixed_number_of_queries(
    persona, partnership, board, without_page_cache, django_assert_max_num_queries
):
    for day in range(1, 11):
        meeting = MeetingFactory(
            group=board, date=f"2026-03-{day:02d}", minutes_status=Meeting.MinutesStatus.PUBLISHED
        )
        PublicSummaryFactory(
            meeting=meeting, status=Status.PUBLISHED, published_at="2026-04-01T10:00Z"
        )
    client = persona["anonymous"]

    with django_assert_max_num_queries(4):
        client.get(_url("public_home", partnership))


def test_the_public_summary_makes_a_fixed_number_of_queries(
    persona, partnership, published, without_page_cache, django_assert_max_num_queries
):
    client = persona["anonymous"]

    with django_assert_max_num_queries(3):
        client.get(_url("summary_public", partnership, published.code))


def test_the_public_minutes_make_a_fixed_number_of_queries(
    persona, partnership, minutes_published, without_page_cache, django_assert_max_num_queries
):
    item = minutes_published.meeting.items.get(position=4)
    for position in range(2, 12):
        MinuteEntryFactory(item=item, position=position)
    client = persona["anonymous"]

    with django_assert_max_num_queries(10):
        client.get(_url("public_minutes", partnership, minutes_published.meeting.code))


def test_the_public_minutes_review_the_action_log_as_their_word_download_does(
    persona, partnership, board, minutes_published
):
    meeting = minutes_published.meeting
    AgendaItemFactory(
        meeting=meeting,
        position=9,
        title="Minutes and actions of the last meeting",
        kind=AgendaItem.Kind.STANDING,
        standing=AgendaItem.Standing.MINUTES_AND_ACTIONS,
    )
    review = action_log_review(board=board, meeting=meeting).paragraph

    page = persona["anonymous"].get(_url("public_minutes", partnership, meeting.code)).text

    assert f"<strong>Review of the action log:</strong> {review}" in page


def test_the_summary_page_makes_a_fixed_number_of_queries(
    persona, partnership, draft, people, without_page_cache, django_assert_max_num_queries
):
    for version in range(1, 6):
        summary_update(
            summary=draft,
            by=people["editor"].user,
            opened_version=version,
            title="T",
            body=f"- {version}.",
        )
    client = persona["manager"]

    with django_assert_max_num_queries(9):
        client.get(_url("summary_detail", partnership, draft.code))
