"""The board pack as one Word document: cover, contents, then a Heading 1 for each section.

The agenda, the minutes and the highlight reports are written by the same code as
their own Word downloads, so the pack and the separate papers never differ.
"""

from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK

from sendboard.boardpack import contents
from sendboard.boardpack.contents import Pack, Section
from sendboard.boardpack.risks_word import add_register_summary
from sendboard.core.word import document_titled, table_headed, to_bytes
from sendboard.plans.word import add_highlight_report
from sendboard.publishing.documents import add_agenda, add_minutes


def pack_docx(pack: Pack) -> bytes:
    document = document_titled(pack.title)
    _cover(document, pack)
    writers = {
        contents.AGENDA: lambda section: add_agenda(document, pack.meeting),
        contents.MINUTES: lambda section: _minutes(document, pack),
        contents.ACTIONS: lambda section: _review(document, pack),
        contents.HIGHLIGHT: lambda section: add_highlight_report(document, section.report),
        contents.RISKS: lambda section: add_register_summary(document, pack.risks),
        contents.FIGURES: lambda section: _figures(document, pack),
    }
    for number, section in enumerate(pack.sections, start=1):
        _new_page(document)
        document.add_heading(f"{number}. {section.title}", level=1)
        if section.gap:
            document.add_paragraph(section.gap)
        else:
            writers[section.kind](section)
    return to_bytes(document)


def _new_page(document: WordDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _cover(document: WordDocument, pack: Pack) -> None:
    meeting = pack.meeting
    document.add_paragraph(meeting.group.partnership.name)
    document.add_paragraph(f"Meeting {meeting.number} of {meeting.group.name}")
    document.add_paragraph(pack.when_and_where)
    _new_page(document)
    document.add_heading("Contents", level=1)
    for number, section in enumerate(pack.sections, start=1):
        # Plain paragraphs: Word's numbered list style would number them a second time.
        document.add_paragraph(_contents_line(number, section))


def _contents_line(number: int, section: Section) -> str:
    return f"{number}. {section.title}{' (not available)' if section.gap else ''}"


def _minutes(document: WordDocument, pack: Pack) -> None:
    minutes = pack.minutes
    document.add_paragraph(
        f"{minutes.meeting.get_minutes_status_display()} minutes of the meeting of "
        f"{minutes.meeting.date:%-d %B %Y}."
    )
    add_minutes(document, minutes.meeting, level=2)


def _review(document: WordDocument, pack: Pack) -> None:
    document.add_paragraph(pack.review.paragraph)
    if not pack.overdue:
        return
    document.add_heading("Overdue actions", level=2)
    table = table_headed(document, ["Action", "Title", "Owners", "Due", "Days overdue"])
    for row in pack.overdue:
        cells = (row.reference, row.title, row.owners, row.due_on, str(row.days_overdue))
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text


def _figures(document: WordDocument, pack: Pack) -> None:
    headings = ["Indicator", "Latest", "Target", "Rating", "Since the period before"]
    table = table_headed(document, headings)
    for line in pack.figures:
        row = line.row
        indicator, figure = row.indicator, row.latest
        cells = table.add_row().cells
        cells[0].text = indicator.title
        cells[0].add_paragraph(f"Definition: {indicator.definition}")
        if figure is None:
            cells[1].text = "No figures yet"
        else:
            cells[1].text = figure.value_text
            cells[1].add_paragraph(line.source)
            note = row.commentary
            if note is not None and note.telling_us:
                cells[1].add_paragraph(f"What the data is telling us: {note.telling_us}")
            if note is not None and note.has_exception_note:
                cells[1].add_paragraph(
                    f"Exception: {note.what_happened} Action: {note.what_is_being_done} "
                    f"Recovery: {note.recovery_expected}"
                )
        cells[2].text = indicator.target_text
        cells[3].text = figure.rag.label if figure else ""
        cells[4].text = row.trend.change_text if row.trend else "No comparison"
