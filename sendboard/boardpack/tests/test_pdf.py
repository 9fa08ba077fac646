import io

import pdfplumber
import pytest
from pypdf import PdfReader

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.pdf import pack_pdf
from sendboard.boardpack.tests.conftest import LAST_DECISION, OVERDUE_ACTION, RISK

SECTIONS = [
    "1. Agenda",
    "2. Minutes of the last meeting",
    "3. Review of the action log",
    "4. Highlight report: Priority Action Plan, January 2026",
    "5. Risk register summary",
    "6. Figures",
]


@pytest.fixture
def pdf(full_meeting) -> bytes:
    return pack_pdf(pack_for(full_meeting))


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        return [page.extract_text() or "" for page in opened.pages]


def test_the_pdf_has_a_bookmark_for_the_cover_the_contents_and_each_section(pdf):
    reader = PdfReader(io.BytesIO(pdf))

    titles = [entry.title for entry in reader.outline]
    assert titles == [
        "Cover",
        "Contents",
        *SECTIONS,
    ]


def test_the_pdf_is_tagged_in_british_english_with_a_title(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "SEND Partnership Board: board pack for 11 February 2026"


def _starts(pages: list[str], title: str) -> int:
    """The page a section starts on: its heading is the first line under the running title."""
    return next(n for n, text in enumerate(pages, 1) if text.split("\n")[1:2] == [title])


def test_each_section_starts_a_page_numbered_at_its_foot(pdf):
    pages = _pages(pdf)
    count = len(pages)

    assert count > len(SECTIONS) + 1
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"Page {number} of {count}")
    starts = [_starts(pages, title) for title in SECTIONS]
    assert starts == sorted(starts)


def test_the_contents_give_the_page_each_section_starts_on(pdf):
    pages = _pages(pdf)
    contents = pages[1].split("\n")

    for title in SECTIONS:
        line = next(line for line in contents if line.startswith(title))
        assert line.endswith(f" {_starts(pages, title)}")


def _drawn(pdf: bytes) -> str:
    """The text in the order it is drawn, a table cell's lines together, spaces normalised.

    pdfplumber reads by position, so a cell's wrapped words mix with its neighbours'.
    """
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


def test_the_pdf_holds_the_records_of_every_section(pdf):
    text = _drawn(pdf)

    for expected in (
        LAST_DECISION,
        "Progress across the plan in January 2026",
        "Heat maps",
        "Deep dive: autism assessment waits",
        OVERDUE_ACTION,
        RISK,
        "EHC plans issued within 20 weeks Definition: Plans issued in the period within 20 "
        "weeks of the request.",
        "50.0% May 2024. Source: entered by hand, definition version 1.",
    ):
        assert expected in text


def test_a_missing_part_says_why_in_its_place_in_the_pdf(meeting):
    text = " ".join(" ".join(_pages(pack_pdf(pack_for(meeting)))).split())

    assert "The partnership has no improvement plan active at this meeting." in text
    assert "4. Improvement plan highlight report (not available)" in text
    assert "The register holds no open risks, so there is nothing to count or map." in text
