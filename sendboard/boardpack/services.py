"""Building a board pack: the Word and PDF files made from the records, kept as sent."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.models import BoardPack
from sendboard.boardpack.pdf import pack_pdf
from sendboard.boardpack.word import pack_docx
from sendboard.core.services import save_tracked
from sendboard.governance.permissions import Capability, access_for
from sendboard.meetings.models import Meeting


def board_pack_build(*, meeting: Meeting, site: str | None = None, by: User) -> BoardPack:
    """Build the pack for `meeting` as the records stand, and keep its files.

    `site` is sendboard's address, for the PDF's links to the records.

    The files are drawn before the transaction opens, not inside it: drawing a PDF
    takes seconds, and a write transaction held that long would keep everyone
    else's saves waiting.
    """
    if not access_for(by, meeting.group.partnership).can(Capability.EDIT):
        raise PermissionDenied("Only editors and managers build the board pack.")
    pack = pack_for(meeting)
    word, pdf = pack_docx(pack), pack_pdf(pack, site=site)
    with transaction.atomic():
        record = BoardPack(
            meeting=meeting,
            built_by=by,
            sections=[section.as_record() for section in pack.sections],
        )
        stem = pack_filename(meeting)
        record.word.save(f"{stem}.docx", ContentFile(word), save=False)
        record.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        save_tracked(record, opened_version=None, reason="Board pack built", by=by)
    return record


def pack_filename(meeting: Meeting) -> str:
    """`board-2025-06-03-board-pack`: the group and date, as the other papers are named."""
    return f"{meeting.group.slug}-{meeting.date:%Y-%m-%d}-board-pack"
