"""Evidence of progress on a line: a dated note, a link or a file, added and withdrawn."""

from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.plans.models import Evidence, PlanAction
from sendboard.plans.services.access import require_owner_or_editor

EVIDENCE_TYPES = (".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg", ".csv", ".txt")
# How each kind of file begins: a file whose first bytes belie its name (a program
# renamed .pdf, say) is refused, as everyone who reads the plan may open it.
_ZIP = b"PK\x03\x04"  # Office Open XML files are zip archives
_STARTS = {
    ".pdf": b"%PDF-",
    ".docx": _ZIP,
    ".xlsx": _ZIP,
    ".pptx": _ZIP,
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
WITHDRAW_REASON_MAX = 80


def evidence_max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


def size_in_words(size: int) -> str:
    """A byte count as people say it: 10 MB, 512 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size // 1024, 1)} KB"


def type_names() -> str:
    """The kinds of file evidence may be, as a list in words: PDF, DOCX, ... or TXT."""
    *others, last = dict.fromkeys(
        kind.lstrip(".").upper().replace("JPEG", "JPG") for kind in EVIDENCE_TYPES
    )
    return f"{', '.join(others)} or {last}"


def _check_file(file: UploadedFile) -> None:
    suffix = PurePath(file.name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        raise ValidationError({"file": f"The evidence file must be a {type_names()} file"})
    limit = evidence_max_bytes()
    if file.size > limit:
        raise ValidationError(
            {"file": f"The evidence file must be smaller than {size_in_words(limit)}"}
        )
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    # Text (CSV, TXT) has no signature; a NUL byte in it means a binary file.
    matches = head.startswith(_STARTS[suffix]) if suffix in _STARTS else b"\x00" not in head
    if not matches:
        kind = suffix.lstrip(".").upper()
        raise ValidationError(
            {"file": f"The file is not a {kind} file inside: it may be damaged or renamed"}
        )


@transaction.atomic
def evidence_add(
    *,
    plan_action: PlanAction,
    written_on: date,
    text: str,
    link: str = "",
    file: UploadedFile | None = None,
    by: User,
) -> Evidence:
    require_owner_or_editor(by, plan_action)
    if not text.strip():
        raise ValidationError({"text": "Say what the evidence shows"})
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": "The date of the evidence must be today or earlier"})
    if file:
        _check_file(file)
    evidence = Evidence(
        plan_action=plan_action,
        written_on=written_on,
        text=text.strip(),
        link=link,
        file=file or "",
        added_by=by,
    )
    save_tracked(evidence, by=by, opened_version=None, reason="Evidence added")
    return evidence


@transaction.atomic
def evidence_withdraw(*, evidence: Evidence, reason: str = "", by: User) -> Evidence:
    """Take the evidence off the line; it, its file and why are kept in its history."""
    require_owner_or_editor(by, evidence.plan_action)
    if evidence.withdrawn_at is not None:
        raise ValidationError("This evidence has already been withdrawn")
    reason = reason.strip()
    # The reason is kept as the history row's reason, which holds 100 characters.
    if len(reason) > WITHDRAW_REASON_MAX:
        raise ValidationError(
            {"reason": f"Give the reason in {WITHDRAW_REASON_MAX} characters or fewer"}
        )
    evidence.withdrawn_at = timezone.now()
    why = f"Evidence withdrawn: {reason}" if reason else "Evidence withdrawn"
    save_tracked(evidence, by=by, opened_version=None, reason=why)
    return evidence
