import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from pypdf import PdfReader

from sendboard.boardpack.models import BoardPack
from sendboard.boardpack.services import board_pack_build
from sendboard.conftest import PERSONAS, expected_status
from sendboard.meetings.tests.factories import AgendaItemFactory, MinuteEntryFactory


def _pack_url(meeting) -> str:
    return f"/{meeting.group.partnership.slug}/meetings/{meeting.code}/pack/"


@pytest.mark.parametrize("who", PERSONAS)
def test_everyone_who_reads_the_partnerships_records_reads_the_pack(persona, meeting, who):
    response = persona[who].get(_pack_url(meeting))

    allowed = {"manager", "editor", "member", "analyst", "auditor", "viewer", "chair"}
    assert response.status_code == expected_status(who, allowed)


def test_the_pack_page_shows_every_section_under_the_sites_layout(persona, full_meeting):
    page = persona["viewer"].get(_pack_url(full_meeting)).content.decode()

    for heading in (
        "1. Agenda",
        "2. Minutes of the last meeting",
        "3. Review of the action log",
        "4. Highlight report: Priority Action Plan, January 2026",
        "5. Risk register summary",
        "6. Figures",
    ):
        assert f">{heading}</h2>" in page
    assert 'href="#risks"' in page
    assert "sb-header" in page
    assert "Build the board pack" not in page


@pytest.mark.parametrize("who, shown", [("editor", True), ("manager", True), ("member", False)])
def test_only_editors_and_managers_see_the_build_button(persona, meeting, who, shown):
    page = persona[who].get(_pack_url(meeting)).content.decode()

    assert ("Build the board pack" in page) is shown


def test_the_pack_page_reads_a_busy_meeting_in_a_bounded_number_of_queries(
    persona, full_meeting, last_meeting, without_page_cache, django_assert_max_num_queries
):
    for meeting in (full_meeting, last_meeting):
        for position in range(3, 15):
            item = AgendaItemFactory(meeting=meeting, position=position)
            MinuteEntryFactory.create_batch(3, item=item)
    client = persona["viewer"]
    client.get("/")

    with django_assert_max_num_queries(46):
        response = client.get(_pack_url(full_meeting))
    assert response.status_code == 200


def test_an_editor_builds_the_pack_and_everyone_downloads_its_files(persona, full_meeting):
    response = persona["editor"].post(f"{_pack_url(full_meeting)}build/")

    assert response.status_code == 302
    assert response["Location"] == _pack_url(full_meeting)
    built = BoardPack.objects.get(meeting=full_meeting)
    assert built.built_by.username == "editor"
    assert [section["title"] for section in built.sections][:2] == [
        "Agenda",
        "Minutes of the last meeting",
    ]
    slug = full_meeting.group.partnership.slug
    word = persona["member"].get(f"/{slug}/packs/{built.code}/board-pack.docx")
    assert word.status_code == 200
    assert word["Content-Disposition"] == (
        'attachment; filename="board-2026-02-11-board-pack.docx"'
    )
    document = Document(io.BytesIO(b"".join(word.streaming_content)))
    assert document.core_properties.title == (
        "SEND Partnership Board: board pack for 11 February 2026"
    )
    pdf = persona["member"].get(f"/{slug}/packs/{built.code}/board-pack.pdf")
    assert pdf.status_code == 200
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_pdf_links_to_the_records_on_the_site_it_was_built_from(persona, full_meeting):
    persona["editor"].post(f"{_pack_url(full_meeting)}build/")
    built = BoardPack.objects.get(meeting=full_meeting)

    with built.pdf.open("rb") as opened:
        reader = PdfReader(opened)
        links = [
            annotation.get_object()["/A"].get("/URI", "")
            for page in reader.pages
            for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object()
        ]
    assert any(link.startswith("http://testserver/northshire/risks/") for link in links)


def test_the_page_offers_the_files_of_the_latest_build(persona, meeting):
    persona["editor"].post(f"{_pack_url(meeting)}build/")
    built = BoardPack.objects.get(meeting=meeting)

    page = persona["viewer"].get(_pack_url(meeting)).content.decode()

    assert f"/packs/{built.code}/board-pack.pdf" in page
    assert "Last built by Editor Tester" in page


def test_a_member_may_not_build_the_pack(persona, meeting):
    response = persona["member"].post(f"{_pack_url(meeting)}build/")

    assert response.status_code == 403
    assert not BoardPack.objects.exists()


def test_the_service_refuses_a_reader_who_may_not_build(meeting, people):
    with pytest.raises(PermissionDenied):
        board_pack_build(meeting=meeting, by=people["viewer"].user)


def test_another_partnerships_pack_is_not_found(persona, meeting, people):
    board_pack_build(meeting=meeting, by=people["editor"].user)
    built = BoardPack.objects.get()

    response = persona["viewer"].get(f"/elsewhere/packs/{built.code}/board-pack.pdf")

    assert response.status_code == 404


def test_the_meeting_page_links_to_the_pack_and_its_files(persona, meeting, people):
    page = persona["viewer"].get(meeting.get_absolute_url()).content.decode()
    assert "View the board pack" in page
    assert "The board pack has not been built yet." in page
    assert "Build the board pack" not in page

    board_pack_build(meeting=meeting, by=people["editor"].user)
    built = BoardPack.objects.get()
    page = persona["editor"].get(meeting.get_absolute_url()).content.decode()

    assert f"/packs/{built.code}/board-pack.docx" in page
    assert "Build the board pack" in page
