"""Evidence of progress on a line: a dated note, a link or a file, added and withdrawn."""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.core.uploads import Allowed, check_upload
from sendboard.plans.models import Evidence, PlanAction
from sendboard.plans.services.access import require_owner_or_editor

WITHDRAW_REASON_MAX = 80


def evidence_allowed() -> Allowed:
    """What an evidence file may be; its size limit is a setting, read when it is checked."""
    return Allowed(
        what="The evidence file",
        kinds=(".pdf", ".docx", ".xlsx", ".pptx", ".png", ".jpg", ".jpeg", ".csv", ".txt"),
        max_bytes=settings.EVIDENCE_MAX_BYTES,
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
        check_upload(file, evidence_allowed())
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
