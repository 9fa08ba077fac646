"""Changes to the risk register. Each function is one transaction and keeps history.

Every error names the field it is about, so a form puts it beside the field and an
import of a spreadsheet can name the column.
"""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership, Person
from sendboard.governance.permissions import Capability, access_for, may_change_owned
from sendboard.lib.periods import add_months
from sendboard.plans.models import PlanAction
from sendboard.risks.models import Mitigation, Risk, RiskReview, RiskSettings
from sendboard.risks.scoring import SCALE, Bands

_GRADES = {
    "likelihood": "Likelihood before mitigation",
    "impact": "Impact before mitigation",
    "residual_likelihood": "Likelihood after mitigation",
    "residual_impact": "Impact after mitigation",
    "target_likelihood": "Target likelihood",
    "target_impact": "Target impact",
}


def _require(by: User, partnership: Partnership, capability: Capability) -> None:
    if not access_for(by, partnership).can(capability):
        raise PermissionDenied(f"Your role does not allow you to {capability} the risk register.")


def _require_owner_or_editor(by: User, risk: Risk) -> None:
    if not may_change_owned(access_for(by, risk.partnership), [risk.owner]):
        raise PermissionDenied("Only editors and the risk's owner can review it.")


def next_reference(partnership: Partnership) -> str:
    """The next free reference in the register's own pattern: R01, R02..."""
    taken = set(partnership.risks.values_list("reference", flat=True))
    number = len(taken) + 1
    while f"R{number:02d}" in taken:
        number += 1
    return f"R{number:02d}"


def _check_grades(scores: dict[str, int | None]) -> dict[str, str]:
    errors = {}
    for field, value in scores.items():
        optional = field.startswith("target_")
        if value is None and optional:
            continue
        if isinstance(value, bool) or value not in SCALE:
            errors[field] = f"{_GRADES[field]} must be a whole number from 1 to 5"
    target = (scores.get("target_likelihood"), scores.get("target_impact"))
    if "target_likelihood" in scores and target.count(None) == 1:
        errors.setdefault(
            "target_impact" if target[1] is None else "target_likelihood",
            "Give both the target likelihood and the target impact, or neither",
        )
    return errors


def _check_risk(
    partnership: Partnership,
    *,
    title: str,
    category: str,
    category_other: str,
    owner: Person | None,
    review_every_months: int,
    scores: dict[str, int | None],
    plan_actions: list[PlanAction],
) -> None:
    errors = _check_grades(scores)
    if not title.strip():
        errors["title"] = "Enter the title of the risk"
    if category not in Risk.Category.values:
        errors["category"] = "Choose a category from the list, or Other and name it"
    elif category == Risk.Category.OTHER and not category_other.strip():
        errors["category_other"] = "Name the category"
    if owner is None or owner.partnership_id != partnership.pk:
        errors["owner"] = "Choose the risk's owner from the people of this partnership"
    if not 1 <= review_every_months <= 12:
        errors["review_every_months"] = "Review a risk at least once a year: 1 to 12 months"
    if any(line.outcome.area.plan.partnership_id != partnership.pk for line in plan_actions):
        errors["plan_actions"] = "Link only plan actions of this partnership's plans"
    if errors:
        raise ValidationError(errors)


def _record_scores(risk: Risk, *, kind: str, on: date, note: str, by: User) -> RiskReview:
    return RiskReview.objects.create(
        risk=risk,
        kind=kind,
        reviewed_on=on,
        likelihood=risk.likelihood,
        impact=risk.impact,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        note=note.strip(),
        reviewed_by=by,
    )


@transaction.atomic
def risk_create(
    *,
    partnership: Partnership,
    title: str,
    category: str,
    owner: Person | None,
    likelihood: int,
    impact: int,
    residual_likelihood: int,
    residual_impact: int,
    reference: str = "",
    description: str = "",
    category_other: str = "",
    target_likelihood: int | None = None,
    target_impact: int | None = None,
    review_every_months: int = 3,
    review_due_on: date | None = None,
    escalated_to_board: bool = False,
    plan_actions: Iterable[PlanAction] = (),
    by: User,
) -> Risk:
    """Add a risk; without a reference it takes the next (R01, R02...), without a
    review date it is due a review `review_every_months` from today."""
    _require(by, partnership, Capability.EDIT)
    scores = {
        "likelihood": likelihood,
        "impact": impact,
        "residual_likelihood": residual_likelihood,
        "residual_impact": residual_impact,
        "target_likelihood": target_likelihood,
        "target_impact": target_impact,
    }
    plan_actions = list(plan_actions)
    _check_risk(
        partnership,
        title=title,
        category=category,
        category_other=category_other,
        owner=owner,
        review_every_months=review_every_months,
        scores=scores,
        plan_actions=plan_actions,
    )
    reference = reference.strip() or next_reference(partnership)
    if partnership.risks.filter(reference=reference).exists():
        raise ValidationError({"reference": f"The register already has a risk {reference}"})
    today = timezone.localdate()
    risk = Risk(
        partnership=partnership,
        reference=reference,
        title=title.strip(),
        description=description.strip(),
        category=category,
        category_other=category_other.strip() if category == Risk.Category.OTHER else "",
        owner=owner,
        review_every_months=review_every_months,
        review_due_on=review_due_on or add_months(today, review_every_months),
        escalated_to_board=escalated_to_board,
        escalated_on=today if escalated_to_board else None,
        **scores,
    )
    save_tracked(risk, by=by, opened_version=None, reason="Added to the register")
    if plan_actions:
        risk._change_reason = "Plan actions linked"
        risk.plan_actions.set(plan_actions)
    _record_scores(risk, kind=RiskReview.Kind.ADDED, on=today, note="", by=by)
    return risk


@transaction.atomic
def risk_update(
    *,
    risk: Risk,
    title: str,
    description: str,
    category: str,
    category_other: str = "",
    owner: Person | None,
    likelihood: int,
    impact: int,
    residual_likelihood: int,
    residual_impact: int,
    target_likelihood: int | None = None,
    target_impact: int | None = None,
    review_every_months: int,
    review_due_on: date,
    plan_actions: Iterable[PlanAction] | None = None,
    opened_version: int | None,
    by: User,
) -> Risk:
    """Edit a risk; a change of its scores is kept as a dated row of its history.

    Without `plan_actions` the risk keeps the plan actions it is linked to.
    """
    _require(by, risk.partnership, Capability.EDIT)
    scores = {
        "likelihood": likelihood,
        "impact": impact,
        "residual_likelihood": residual_likelihood,
        "residual_impact": residual_impact,
        "target_likelihood": target_likelihood,
        "target_impact": target_impact,
    }
    plan_actions = list(risk.plan_actions.all() if plan_actions is None else plan_actions)
    _check_risk(
        risk.partnership,
        title=title,
        category=category,
        category_other=category_other,
        owner=owner,
        review_every_months=review_every_months,
        scores=scores,
        plan_actions=plan_actions,
    )
    rescored = any(getattr(risk, field) != value for field, value in scores.items())
    risk.title = title.strip()
    risk.description = description.strip()
    risk.category = category
    risk.category_other = category_other.strip() if category == Risk.Category.OTHER else ""
    risk.owner = owner
    risk.review_every_months = review_every_months
    risk.review_due_on = review_due_on
    for field, value in scores.items():
        setattr(risk, field, value)
    save_tracked(risk, by=by, opened_version=opened_version, reason="Risk edited")
    if set(risk.plan_actions.all()) != set(plan_actions):
        risk._change_reason = "Plan actions linked"
        risk.plan_actions.set(plan_actions)
    if rescored:
        today = timezone.localdate()
        _record_scores(risk, kind=RiskReview.Kind.RESCORED, on=today, note="", by=by)
    return risk


@transaction.atomic
def risk_review(
    *,
    risk: Risk,
    residual_likelihood: int,
    residual_impact: int,
    note: str,
    reviewed_on: date | None = None,
    next_review_due_on: date | None = None,
    opened_version: int | None,
    by: User,
) -> RiskReview:
    """The owner's (or an editor's) periodic review: the current scores and what changed.

    The next review falls due `review_every_months` after this one, unless given.
    """
    _require_owner_or_editor(by, risk)
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    errors = _check_grades(
        {"residual_likelihood": residual_likelihood, "residual_impact": residual_impact}
    )
    if not note.strip():
        errors["note"] = "Say what the review found: what has changed and why"
    last = risk.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if reviewed_on > today:
        errors["reviewed_on"] = "The date of the review must be today or earlier"
    elif last and reviewed_on < last:
        # The last row of the history holds the scores the risk has now.
        errors["reviewed_on"] = (
            f"The review must be dated on or after {last:%-d %B %Y}, the last one"
        )
    if next_review_due_on is not None and next_review_due_on <= reviewed_on:
        errors["next_review_due_on"] = "The next review must be after this one"
    if not risk.live:
        errors["__all__"] = "This risk is closed; reopen it by adding it again"
    if errors:
        raise ValidationError(errors)
    risk.residual_likelihood = residual_likelihood
    risk.residual_impact = residual_impact
    risk.last_reviewed_on = reviewed_on
    risk.review_due_on = next_review_due_on or add_months(reviewed_on, risk.review_every_months)
    save_tracked(risk, by=by, opened_version=opened_version, reason="Reviewed")
    return _record_scores(risk, kind=RiskReview.Kind.REVIEWED, on=reviewed_on, note=note, by=by)


@transaction.atomic
def risk_escalate(*, risk: Risk, escalate: bool = True, by: User) -> Risk:
    """Bring the risk to the board's attention, or take it back off the board's list."""
    _require(by, risk.partnership, Capability.EDIT)
    if risk.escalated_to_board == escalate:
        raise ValidationError(
            "This risk is already escalated to the board"
            if escalate
            else "This risk is not escalated to the board"
        )
    risk.escalated_to_board = escalate
    risk.escalated_on = timezone.localdate() if escalate else None
    reason = "Escalated to the board" if escalate else "De-escalated from the board"
    save_tracked(risk, by=by, opened_version=None, reason=reason)
    return risk


@transaction.atomic
def risk_close(*, risk: Risk, reason: str, closed_on: date | None = None, by: User) -> Risk:
    """Close a risk that has passed or been brought down for good; it stays on record."""
    _require(by, risk.partnership, Capability.EDIT)
    if not risk.live:
        raise ValidationError("This risk is already closed")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the risk is closed"})
    risk.status = Risk.Status.CLOSED
    risk.closed_on = closed_on or timezone.localdate()
    risk.closure_reason = reason.strip()
    risk.escalated_to_board = False
    risk.escalated_on = None
    save_tracked(risk, by=by, opened_version=None, reason="Closed")
    return risk


@transaction.atomic
def risk_tolerate(*, risk: Risk, tolerate: bool = True, by: User) -> Risk:
    """Accept a risk at its current score (or stop accepting it): it stays on the register."""
    _require(by, risk.partnership, Capability.EDIT)
    if not risk.live:
        raise ValidationError("This risk is closed")
    risk.status = Risk.Status.TOLERATED if tolerate else Risk.Status.OPEN
    save_tracked(risk, by=by, opened_version=None, reason=risk.get_status_display())
    return risk


@transaction.atomic
def risk_plan_action_link(*, risk: Risk, plan_action: PlanAction, by: User) -> Risk:
    """Link a plan action that mitigates the risk, from either side."""
    _require(by, risk.partnership, Capability.EDIT)
    if plan_action.outcome.area.plan.partnership_id != risk.partnership_id:
        raise ValidationError(
            {"plan_actions": "Link only plan actions of this partnership's plans"}
        )
    risk._change_reason = f"Linked to plan action {plan_action.reference}"
    risk.plan_actions.add(plan_action)
    return risk


def _check_mitigation(risk: Risk, *, text: str, owner: Person | None) -> None:
    errors = {}
    if not text.strip():
        errors["text"] = "Enter the mitigation"
    if owner is not None and owner.partnership_id != risk.partnership_id:
        errors["owner"] = "Choose the owner from the people of this partnership"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def mitigation_add(
    *,
    risk: Risk,
    text: str,
    owner: Person | None = None,
    due_on: date | None = None,
    done_on: date | None = None,
    by: User,
) -> Mitigation:
    _require_owner_or_editor(by, risk)
    _check_mitigation(risk, text=text, owner=owner)
    mitigation = Mitigation(
        risk=risk, text=text.strip(), owner=owner, due_on=due_on, done_on=done_on
    )
    save_tracked(mitigation, by=by, opened_version=None, reason="Mitigation added")
    return mitigation


@transaction.atomic
def mitigation_complete(
    *, mitigation: Mitigation, done_on: date | None = None, by: User
) -> Mitigation:
    risk = mitigation.risk
    owners = [person for person in (risk.owner, mitigation.owner) if person is not None]
    if not may_change_owned(access_for(by, risk.partnership), owners):
        raise PermissionDenied("Only editors and the owners of the risk or mitigation can do this.")
    if mitigation.done_on is not None:
        raise ValidationError("This mitigation is already done")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": "The date it was done must be today or earlier"})
    mitigation.done_on = done_on
    save_tracked(mitigation, by=by, opened_version=None, reason="Mitigation done")
    return mitigation


@transaction.atomic
def risk_settings_save(
    *, partnership: Partnership, low_max: int, medium_max: int, high_max: int, by: User
) -> RiskSettings:
    """Set where the partnership's rating bands end; every risk is banded again at once."""
    _require(by, partnership, Capability.MANAGE)
    errors = Bands(low_max=low_max, medium_max=medium_max, high_max=high_max).errors()
    if errors:
        raise ValidationError(errors)
    settings = RiskSettings.objects.filter(partnership=partnership).first() or RiskSettings(
        partnership=partnership
    )
    settings.low_max, settings.medium_max, settings.high_max = low_max, medium_max, high_max
    save_tracked(settings, by=by, opened_version=None, reason="Rating bands changed")
    return settings
