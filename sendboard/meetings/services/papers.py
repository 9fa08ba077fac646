"""Papers for an agenda item: uploaded, checked for what they are, withdrawn."""

from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.meetings.models import AgendaItem, Paper
from sendboard.meetings.services._rules import require_draft_minutes

PAPER_MAX_BYTES = 20 * 1024 * 1024
PAPER_TYPES = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".txt", ".csv")
# How each kind of paper begins. Every board member opens the pack, so a file whose
# first bytes belie its name (a program renamed .pdf, say) is refused.
_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument files are zip archives
_PAPER_STARTS = {".pdf": b"%PDF-", ".docx": _ZIP, ".xlsx": _ZIP, ".pptx": _ZIP, ".odt": _ZIP}


def _check_paper_file(file: UploadedFile) -> None:
    if PurePath(file.name).suffix.lower() not in PAPER_TYPES:
        *others, last = (kind.lstrip(".").upper() for kind in PAPER_TYPES)
        raise ValidationError({"file": f"The paper must be a {', '.join(others)} or {last} file"})
    if file.size > PAPER_MAX_BYTES:
        raise ValidationError({"file": "The paper must be smaller than 20 MB"})
    if not _content_matches(file):
        kind = PurePath(file.name).suffix.lstrip(".").upper()
        raise ValidationError(
            {"file": f"The file is not a {kind} file inside: it may be damaged or renamed"}
        )


def _content_matches(file: UploadedFile) -> bool:
    suffix = PurePath(file.name).suffix.lower()
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    if suffix in _PAPER_STARTS:
        return head.startswith(_PAPER_STARTS[suffix])
    return b"\x00" not in head  # text: a NUL byte means a binary file


@transaction.atomic
def paper_upload(*, item: AgendaItem, title: str, file: UploadedFile, by: User) -> Paper:
    require_draft_minutes(item.meeting)
    _check_paper_file(file)
    paper = Paper(item=item, title=title or PurePath(file.name).stem, file=file, uploaded_by=by)
    save_tracked(paper, by=by, opened_version=None, reason="Paper added")
    return paper


@transaction.atomic
def paper_withdraw(*, paper: Paper, by: User) -> Paper:
    """Withdraw the paper from the pack; the file and its history are kept."""
    require_draft_minutes(paper.item.meeting)
    paper.withdrawn_at = timezone.now()
    save_tracked(paper, by=by, opened_version=None, reason="Paper withdrawn")
    return paper
