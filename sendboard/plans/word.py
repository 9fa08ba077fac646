"""The highlight report as a Word file, and as part of another one such as the board pack.

Headings use Word's Heading styles and every table has a repeating header row, so the
file reads well with a screen reader; the period and the figures' source come first.
"""

from docx.document import Document as WordDocument

from sendboard.core.word import document_titled, table_headed, to_bytes
from sendboard.plans.highlight import READY_HEADING, STUCK_HEADING, Highlight, Item


def _row(table, *cells: str) -> None:
    for cell, text in zip(table.add_row().cells, cells, strict=True):
        cell.text = text


def _counted(count: int, share: int | None) -> str:
    return str(count) if share is None else f"{count} ({share}%)"


def _text(document: WordDocument, text: str, *, missing: str) -> None:
    """A narrative section, a paragraph for each block the writer left a blank line between."""
    for block in [block for block in text.split("\n\n") if block.strip()] or [missing]:
        document.add_paragraph(block.strip())


def _rollups(document: WordDocument, report: Highlight) -> None:
    document.add_paragraph(report.rollup.sentence())
    headings = ["Part of the plan", "Actions", "Complete or embedded", "At risk or off track"]
    table = table_headed(document, [*headings, "Not started"])
    for name, figures in report.rollup_rows():
        _row(
            table,
            name,
            str(figures.total),
            _counted(figures.done, figures.done_share),
            _counted(figures.obstacles, figures.obstacles_share),
            _counted(figures.not_started, figures.not_started_share),
        )


def _newly_done(document: WordDocument, report: Highlight, level: int) -> None:
    document.add_heading("Newly complete or embedded", level=level)
    for item in report.newly_done:
        document.add_paragraph().add_run(f"{item.name}: {item.text}").bold = True
        document.add_paragraph(f"Impact: {item.impact or 'not stated'}")
        if not item.evidence:
            document.add_paragraph("No evidence recorded.")
        for note in item.evidence:
            link = f" ({note.link})" if note.link else ""
            document.add_paragraph(
                f"Evidence of {note.written_on:%-d %B %Y}: {note.text}{link}", style="List Bullet"
            )
    if not report.newly_done:
        document.add_paragraph(f"No actions became complete or embedded in {report.period}.")


def _items(document: WordDocument, items: list[Item], columns: dict, *, none: str) -> None:
    """A table of lines, `columns` naming each heading and how an item fills it."""
    if not items:
        document.add_paragraph(none)
        return
    table = table_headed(document, ["Action", *columns])
    for item in items:
        _row(table, f"{item.name}: {item.text}", *(fill(item) for fill in columns.values()))


def _section(document: WordDocument, report: Highlight, field: str, level: int) -> None:
    """A narrative section under its heading, as its writer left it."""
    heading, text = next((h, t) for name, h, t in report.sections() if name == field)
    document.add_heading(heading, level=level)
    _text(document, text, missing="Not written yet.")


def _owners(item: Item) -> str:
    return item.owner_names or "Not set"


def _business_as_usual(document: WordDocument, report: Highlight, level: int) -> None:
    document.add_heading("Business as usual", level=level)
    document.add_heading("Moved to business as usual this period", level=level + 1)
    _items(
        document,
        report.transferred,
        {"Team that took it on": lambda item: item.receiving_team},
        none=f"No actions moved to business as usual in {report.period}.",
    )
    document.add_heading(READY_HEADING, level=level + 1)
    _items(
        document,
        report.ready_to_transfer,
        {"Owners": _owners},
        none="No embedded actions are waiting to move.",
    )


def add_highlight_report(document: WordDocument, report: Highlight, *, level: int = 2) -> None:
    """Write the report into `document`, its sections headed at `level`, in the page's order.

    The caller heads the report itself: the Word download with its title, the board
    pack with the item it belongs to.
    """
    period = report.period
    state = report.saved.get_state_display() if report.saved else "Not generated"
    document.add_paragraph(f"Reporting period: {period}. Report: {state}.")
    if report.provisional:
        document.add_paragraph().add_run(report.provisional_note).bold = True
    document.add_paragraph(report.source)

    _section(document, report, "introduction", level)
    document.add_heading(f"Progress across the plan in {period}", level=level)
    _rollups(document, report)
    _section(document, report, "difference_made", level)
    _newly_done(document, report, level + 1)
    _section(document, report, "concerns", level)
    _items(
        document,
        report.obstacles,
        {
            "Status": lambda item: item.status.label,
            "Owners": _owners,
            "Risks and mitigations": lambda item: item.risks_and_mitigations or "Not stated",
        },
        none=f"No actions are off track or at risk in {period}.",
    )
    document.add_heading(STUCK_HEADING, level=level)
    _items(
        document,
        report.stuck,
        {"Owners": _owners, "Why it is stuck": lambda item: "; ".join(item.reasons).capitalize()},
        none=f"No actions are stuck in {period}.",
    )
    _business_as_usual(document, report, level)
    _section(document, report, "next_steps", level)


def highlight_report_docx(report: Highlight) -> bytes:
    document = document_titled(report.title)
    add_highlight_report(document, report)
    return to_bytes(document)
