"""The highlight report: generating its draft narrative, and a person's edits of it."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.governance.permissions import Capability
from sendboard.plans.highlight import draft_narrative, highlight_of
from sendboard.plans.models import HighlightReport, ReportingPeriod
from sendboard.plans.services.access import require


@transaction.atomic
def highlight_report_generate(*, period: ReportingPeriod, by: User) -> HighlightReport:
    """Draft the period's report from its figures, or refresh a draft already made.

    Generating again redrafts only the sections still as they were drafted: a section
    someone has written in is theirs, and is kept word for word.
    """
    require(by, period.plan.partnership, Capability.EDIT)
    report = HighlightReport.objects.select_for_update().filter(period=period).first()
    drafted = draft_narrative(highlight_of(period))
    if report is None:
        report = HighlightReport(period=period, **drafted)
        reason = "Highlight report generated"
    else:
        for field, text in drafted.items():
            if getattr(report, field) == report.drafted.get(field):
                setattr(report, field, text)
        reason = "Highlight report generated again: unedited sections redrafted"
    report.drafted = drafted
    report.generated_at = timezone.now()
    save_tracked(report, by=by, opened_version=None, reason=reason)
    return report


@transaction.atomic
def highlight_report_edit(
    *,
    report: HighlightReport,
    introduction: str,
    difference_made: str,
    concerns: str,
    next_steps: str,
    state: str,
    opened_version: int | None,
    by: User,
) -> HighlightReport:
    """A person's narrative around the figures; a save from an older version is refused."""
    require(by, report.period.plan.partnership, Capability.EDIT)
    if state not in HighlightReport.State.values:
        raise ValidationError({"state": "Choose whether the report is a draft or ready"})
    if state == HighlightReport.State.READY and not introduction.strip():
        raise ValidationError(
            {"introduction": "Write the summary before the report goes to the board"}
        )
    written = {
        "introduction": introduction,
        "difference_made": difference_made,
        "concerns": concerns,
        "next_steps": next_steps,
    }
    for field, text in written.items():
        # Browsers send a text area's new lines as CRLF; a draft left alone must still match.
        setattr(report, field, text.replace("\r\n", "\n").strip())
    report.state = state
    report.edited_by = by
    report.edited_at = timezone.now()
    label = HighlightReport.State(state).label.lower()
    save_tracked(report, by=by, opened_version=opened_version, reason=f"Edited: {label}")
    return report
