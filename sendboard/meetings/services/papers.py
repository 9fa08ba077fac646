"""Papers for an agenda item: uploaded, checked for what they are, withdrawn."""

from pathlib import PurePath

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.core.uploads import Allowed, check_upload
from sendboard.meetings.models import AgendaItem, Paper
from sendboard.meetings.services._rules import require_draft_minutes

PAPER = Allowed(
    what="The paper",
    kinds=(".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".txt", ".csv"),
    max_bytes=20 * 1024 * 1024,
)


@transaction.atomic
def paper_upload(*, item: AgendaItem, title: str, file: UploadedFile, by: User) -> Paper:
    require_draft_minutes(item.meeting)
    check_upload(file, PAPER)
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
