"""Word (.docx) versions of the agenda, the formal minutes and the public summary."""

from docx.document import Document as WordDocument

from sendboard.actions.models import Action
from sendboard.actions.queries import action_log_review
from sendboard.core.word import document_titled, table_headed, to_bytes
from sendboard.lib.clock import clock
from sendboard.meetings.models import AgendaItem, Meeting, MinuteEntry
from sendboard.publishing import queries
from sendboard.publishing.markup import parse
from sendboard.publishing.models import PublicSummary

# How formal minutes introduce each kind of entry; a note needs no label.
ENTRY_LABELS = {
    MinuteEntry.Kind.CHALLENGE: "Challenge",
    MinuteEntry.Kind.RESPONSE: "Response",
    MinuteEntry.Kind.DECISION: "Decision",
    MinuteEntry.Kind.RECOMMENDATION: "Recommendation",
    MinuteEntry.Kind.ESCALATION: "Escalation",
}


def agenda_docx(meeting: Meeting) -> bytes:
    document = document_titled(f"{meeting.group.name}: agenda")
    add_agenda(document, meeting)
    return to_bytes(document)


def add_agenda(document: WordDocument, meeting: Meeting) -> None:
    """The meeting's details and its agenda as a table, added to `document`."""
    _meeting_details(document, meeting)
    items = queries.meeting_items(meeting)
    table = table_headed(document, ["Item", "Title", "Purpose", "Presented by", "Time"])
    for item in items:
        cells = table.add_row().cells
        cells[0].text = str(item.position)
        cells[1].text = item.title
        if item.forward_plan_item and (note := item.forward_plan_item.deferral_note):
            cells[1].add_paragraph(note)
        for paper in item.papers.all():
            if paper.withdrawn_at is None:
                cells[1].add_paragraph(f"Paper: {paper.title}")
        cells[2].text = item.get_purpose_display()
        cells[3].text = "; ".join(person.described for person in item.presenters.all())
        cells[4].text = f"{item.minutes_allowed} minutes" if item.minutes_allowed else ""


def minutes_docx(meeting: Meeting, *, public: bool = False) -> bytes:
    """The formal minutes; `public` leaves out the confidential (Part B) business."""
    document = document_titled(f"{meeting.group.name}: minutes")
    add_minutes(document, meeting, public=public)
    return to_bytes(document)


def add_minutes(
    document: WordDocument, meeting: Meeting, *, level: int = 2, public: bool = False
) -> None:
    """The formal minutes added to `document`, their headings from `level` down."""
    _meeting_details(document, meeting)
    for label, rows in queries.attendance_by_kind(meeting):
        if rows:
            document.add_heading(label, level=level)
            for row in rows:
                document.add_paragraph(attendee_line(row), style="List Bullet")
    document.add_heading("Minutes", level=level)
    for item in queries.meeting_items(meeting, public=public):
        document.add_heading(f"{item.position}. {item.title}{part_b(item)}", level=level + 1)
        if item.standing == AgendaItem.Standing.MINUTES_AND_ACTIONS:
            # The same review the meeting page shows under this item, with owners named,
            # as the minutes are the board's own record.
            review = action_log_review(board=meeting.group.board, meeting=meeting)
            paragraph = document.add_paragraph()
            paragraph.add_run("Review of the action log: ").bold = True
            paragraph.add_run(review.paragraph)
        entries = item.entries.all()
        for entry in entries:
            paragraph = document.add_paragraph()
            if label := entry_label(entry):
                paragraph.add_run(f"{label}{part_b(entry)}: ").bold = True
            elif entry.confidential:
                paragraph.add_run("Confidential (Part B): ").bold = True
            paragraph.add_run(entry.text)
        if not entries and item.description:
            document.add_paragraph(item.description)
        for action in item.raised_actions.all():
            paragraph = document.add_paragraph()
            paragraph.add_run(f"Action {action.reference}: ").bold = True
            paragraph.add_run(action_line(action))


def part_b(record: AgendaItem | MinuteEntry) -> str:
    """How the board's own record marks confidential business, which the public never sees."""
    return " (confidential, Part B)" if record.confidential else ""


def summary_docx(summary: PublicSummary) -> bytes:
    document = document_titled(summary.title)
    for block in parse(summary.body):
        if block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "bullets":
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    return to_bytes(document)


def attendee_line(row) -> str:
    line = row.person.described
    if row.deputising_for_id:
        line += f", deputising for {row.deputising_for.name}"
    return line


def entry_label(entry: MinuteEntry) -> str:
    """How the minutes introduce an entry: its kind and who spoke, as in "Challenge (name)"."""
    label = ENTRY_LABELS.get(entry.kind, "")
    if entry.kind == MinuteEntry.Kind.ESCALATION and entry.escalated_from:
        label = f"Escalation from {entry.escalated_from.name}"
    if entry.speaker:
        label = f"{label} ({entry.speaker.name})" if label else entry.speaker.name
    return label


def action_line(action: Action) -> str:
    owners = ", ".join(person.name for person in action.owners.all())
    if action.due_by_next_meeting:
        due = "by the next meeting"
    elif action.due_date:
        due = f"by {action.due_date:%-d %B %Y}"
    else:
        due = ""
    details = "; ".join(part for part in (f"owner: {owners}" if owners else "", due) if part)
    return f"{action.title} ({details})" if details else action.title


def meeting_when_and_where(meeting: Meeting) -> str:
    when = f"{meeting.date:%A %-d %B %Y}"
    if meeting.start_time:
        when += f", {clock(meeting.start_time)}"
        if meeting.end_time:
            when += f" to {clock(meeting.end_time)}"
    where = ", ".join(part for part in (meeting.location, meeting.get_format_display()) if part)
    return f"{when}. {where}."


def _meeting_details(document: WordDocument, meeting: Meeting) -> None:
    document.add_paragraph(f"Meeting {meeting.number}: {meeting_when_and_where(meeting)}")
