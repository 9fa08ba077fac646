import io

from docx import Document
from docx.oxml.ns import qn

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.tests.conftest import LAST_DECISION, OVERDUE_ACTION, RISK
from sendboard.boardpack.word import pack_docx

SECTIONS = [
    "1. Agenda",
    "2. Minutes of the last meeting",
    "3. Review of the action log",
    "4. Highlight report: Priority Action Plan, January 2026",
    "5. Risk register summary",
    "6. Figures",
]


def _open(meeting):
    return Document(io.BytesIO(pack_docx(pack_for(meeting))))


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _table_headed(document, first: str):
    return next(t for t in document.tables if t.rows[0].cells[0].text == first)


def _repeats_header(table) -> bool:
    return table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_the_word_pack_has_a_cover_contents_and_each_section_in_order(full_meeting):
    document = _open(full_meeting)

    assert _headings(document, 1) == [
        "SEND Partnership Board: board pack for 11 February 2026",
        "Contents",
        *SECTIONS,
    ]
    texts = [p.text for p in document.paragraphs]
    assert "Meeting 8 of SEND Partnership Board" in texts
    assert any(text.startswith("Wednesday 11 February 2026, 10.00am") for text in texts)
    after_contents = texts[texts.index("Contents") + 1 :]
    assert after_contents[: len(SECTIONS)] == SECTIONS


def test_the_word_pack_holds_the_agenda_and_the_last_meetings_minutes(full_meeting):
    document = _open(full_meeting)

    agenda = _table_headed(document, "Item")
    assert [cell.text for cell in agenda.rows[0].cells] == [
        "Item",
        "Title",
        "Purpose",
        "Presented by",
        "Time",
    ]
    assert _repeats_header(agenda)
    assert agenda.rows[2].cells[1].text == "Deep dive: autism assessment waits"
    texts = [p.text for p in document.paragraphs]
    assert "Draft minutes of the meeting of 14 January 2026." in texts
    assert f"Decision: {LAST_DECISION}" in texts
    assert "1. EHC plan timeliness" in _headings(document, 3)


def test_the_word_pack_tables_the_overdue_actions_of_the_review(full_meeting):
    document = _open(full_meeting)

    overdue = _table_headed(document, "Action")
    assert _repeats_header(overdue)
    assert [cell.text for cell in overdue.rows[1].cells] == [
        "SPB-12",
        OVERDUE_ACTION,
        "Editor Tester",
        "1 February 2026",
        "10",
    ]


def test_the_word_pack_gives_each_figure_its_period_source_and_definition(full_meeting):
    document = _open(full_meeting)

    figures = _table_headed(document, "Indicator")
    assert _repeats_header(figures)
    row = figures.rows[1].cells
    assert row[0].text.startswith("EHC plans issued within 20 weeks")
    assert "Definition: Plans issued in the period within 20 weeks" in row[0].text
    assert "May 2024. Source: entered by hand, definition version 1." in row[1].text


def test_the_word_pack_includes_each_active_plans_highlight_report(full_meeting):
    document = _open(full_meeting)

    assert "Progress across the plan in January 2026" in _headings(document, 2)
    rollups = _table_headed(document, "Part of the plan")
    assert _repeats_header(rollups)
    assert [cell.text for cell in rollups.rows[2].cells][:2] == ["APA1: Timely plans", "1"]


def test_the_word_pack_summarises_the_risk_register_with_its_heat_maps(full_meeting):
    document = _open(full_meeting)

    assert {"Risks by rating band", "Heat maps", "Escalated to the board"} <= set(
        _headings(document, 2)
    )
    assert len(document.inline_shapes) == 2
    escalated = _table_headed(document, "Ref")
    assert _repeats_header(escalated)
    assert escalated.rows[1].cells[1].text == RISK
    grid = _table_headed(document, "Impact")
    assert grid.rows[1].cells[0].text == "5: Severe"


def test_a_missing_part_says_why_in_its_place(meeting):
    document = _open(meeting)
    texts = [p.text for p in document.paragraphs]

    assert "4. Improvement plan highlight report (not available)" in texts
    assert "The register holds no open risks, so there is nothing to count or map." in texts

    assert "The partnership has no improvement plan active at this meeting." in texts
    assert any(text.startswith("No indicators yet") for text in texts)
