"""What every plan service asks first: who may change the plan, and which period is open."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, access_for, may_change_owned
from sendboard.plans.models import ImprovementPlan, PlanAction, ReportingPeriod


def require(by: User, partnership: Partnership, capability: Capability) -> None:
    if not access_for(by, partnership).can(capability):
        raise PermissionDenied(f"Your role does not allow you to {capability} this plan.")


def require_owner_or_editor(by: User, plan_action: PlanAction) -> None:
    partnership = plan_action.outcome.area.plan.partnership
    if not may_change_owned(access_for(by, partnership), plan_action.owners.all()):
        raise PermissionDenied("Only editors and the line's owners can update it.")


def open_period(plan: ImprovementPlan) -> ReportingPeriod | None:
    return plan.periods.filter(state=ReportingPeriod.State.OPEN).first()
