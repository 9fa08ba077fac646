"""A plan line brought to what a workbook says: its details, its status, its evidence.

Details go through the plans app's own `plan_action_update`, and status through
`progress_record` in an open period. A workbook often comes before any period is
opened, so with none open the status is set here, under the same rules, with history.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sendboard.governance.models import Organisation, Person
from sendboard.plans import services as plan_services
from sendboard.plans.models import PlanAction, ReportingPeriod


def line_update(
    *,
    plan_action: PlanAction,
    text: str,
    owners: Iterable[Person] = (),
    lead_organisation: Organisation | None = None,
    workstream: str = "",
    starts_on: date | None = None,
    due_on: date | None = None,
    success_measures: str = "",
    by: User,
) -> bool:
    """Bring a line's details to what the workbook says; whether anything changed.

    An unchanged line is left alone, so importing the same workbook twice adds no history.
    """
    owners = list(owners)
    wanted = {
        "text": text.strip(),
        "lead_organisation": lead_organisation,
        "workstream": workstream.strip(),
        "starts_on": starts_on,
        "due_on": due_on,
        "success_measures": success_measures.strip(),
    }
    same = all(getattr(plan_action, name) == value for name, value in wanted.items())
    if same and {o.pk for o in plan_action.owners.all()} == {o.pk for o in owners}:
        return False
    plan_services.plan_action_update(
        plan_action=plan_action,
        reference=plan_action.reference,
        **wanted,
        owners=owners,
        opened_version=None,
        by=by,
    )
    return True


@transaction.atomic
def line_progress_set(
    *,
    plan_action: PlanAction,
    status: str,
    note: str,
    impact: str,
    risks_and_mitigations: str,
    evidence: str,
    period: ReportingPeriod | None,
    by: User,
) -> bool:
    """Record the workbook's status, impact, risks and evidence of a line, if they are new.

    In an open period this is an owner's update, through `progress_record`; with none
    open the line is set as it stands, under the same rules, with its history.
    """
    changed = (
        status != plan_action.status
        or impact.strip() != plan_action.impact
        or risks_and_mitigations.strip() != plan_action.risks_and_mitigations
    )
    if changed and period is not None:
        plan_services.progress_record(
            plan_action=plan_action,
            status=status,
            note=note,
            impact=impact,
            risks_and_mitigations=risks_and_mitigations,
            opened_version=None,
            by=by,
        )
    elif changed:
        plan_services.progress_set(
            plan_action=plan_action,
            status=status,
            impact=impact,
            risks_and_mitigations=risks_and_mitigations,
            opened_version=None,
            reason="From a workbook",
            by=by,
        )
    added = _add_evidence(plan_action, evidence, by=by)
    return changed or added


def standing_evidence(plan_action: PlanAction) -> str:
    """The line's standing evidence as one cell: newest first, a blank line between."""
    return "\n\n".join(
        item.text for item in plan_action.evidence.all() if item.withdrawn_at is None
    )


def _add_evidence(plan_action: PlanAction, evidence: str, *, by: User) -> bool:
    evidence = evidence.strip()
    if not evidence or evidence == standing_evidence(plan_action):
        return False
    if any(item.text == evidence for item in plan_action.evidence.all()):
        return False
    plan_services.evidence_add(
        plan_action=plan_action, written_on=timezone.localdate(), text=evidence, by=by
    )
    return True
