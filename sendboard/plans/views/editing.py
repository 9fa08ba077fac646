"""Changing a built plan's parts: a priority area, an outcome or a line, edited, moved, removed.

The three parts are changed the same way, so one view does each change for all three,
told which part by its URL (`part` in `plans.urls`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from sendboard.core.submit import act, submit
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.plans import queries, services
from sendboard.plans.forms import OutcomeEditForm, PlanActionEditForm, PriorityAreaEditForm
from sendboard.plans.models import ImprovementPlan, Outcome, PlanAction, PriorityArea
from sendboard.plans.services.editing import part_name
from sendboard.plans.views.pages import form_page


@dataclass(frozen=True)
class Part:
    """How the editing views find, show and change one kind of part."""

    keyword: str  # the part's name in its services' arguments
    noun: str
    find: Callable[[Partnership, object], Model]
    plan: Callable[[Model], ImprovementPlan]
    form: Callable[[dict | None, Model], forms.Form]
    update: Callable[..., Model]
    move: Callable[..., Model]
    remove: Callable[..., None]
    # Where a saved change lands: the line has a page of its own, the others the plan's.
    after_edit: Callable[[Model], str]


def _plan_page(plan: Callable[[Model], ImprovementPlan]) -> Callable[[Model], str]:
    return lambda record: plan(record).get_absolute_url()


def _area_plan(area: PriorityArea) -> ImprovementPlan:
    return area.plan


def _outcome_plan(outcome: Outcome) -> ImprovementPlan:
    return outcome.area.plan


def _line_plan(line: PlanAction) -> ImprovementPlan:
    return line.outcome.area.plan


PARTS = {
    "area": Part(
        keyword="area",
        noun="priority area",
        find=queries.area_in,
        plan=_area_plan,
        form=lambda data, area: PriorityAreaEditForm(data, instance=area),
        update=services.priority_area_update,
        move=services.priority_area_move,
        remove=services.priority_area_remove,
        after_edit=_plan_page(_area_plan),
    ),
    "outcome": Part(
        keyword="outcome",
        noun="outcome",
        find=queries.outcome_in,
        plan=_outcome_plan,
        form=lambda data, outcome: OutcomeEditForm(data, instance=outcome),
        update=services.outcome_update,
        move=services.outcome_move,
        remove=services.outcome_remove,
        after_edit=_plan_page(_outcome_plan),
    ),
    "line": Part(
        keyword="plan_action",
        noun="action",
        find=queries.plan_action_in,
        plan=_line_plan,
        form=lambda data, line: PlanActionEditForm(
            data, instance=line, partnership=_line_plan(line).partnership
        ),
        update=services.plan_action_update,
        move=services.plan_action_move,
        remove=services.plan_action_remove,
        after_edit=lambda line: line.get_absolute_url(),
    ),
}


@partnership_view(Capability.EDIT)
def part_edit(request: HttpRequest, partnership: Partnership, code, part: str) -> HttpResponse:
    kind = PARTS[part]
    record = kind.find(partnership, code)
    form = kind.form(request.POST or None, record)
    outcome = submit(
        request,
        form,
        lambda fields: kind.update(
            **{kind.keyword: record},
            **fields,
            opened_version=form.cleaned_data["opened_version"],
            by=request.user,
        ),
        done=lambda saved: f"{part_name(saved)} saved",
        refresh=lambda stale: kind.form(None, kind.find(partnership, code)),
    )
    if outcome.saved:
        return redirect(kind.after_edit(record))
    return form_page(
        request,
        outcome.form,
        title=f"Change the {kind.noun}",
        button="Save changes",
        back=kind.after_edit(record),
        caption=str(record),
    )


@require_POST
@partnership_view(Capability.EDIT)
def part_move(request: HttpRequest, partnership: Partnership, code, part: str) -> HttpResponse:
    kind = PARTS[part]
    record = kind.find(partnership, code)
    return act(
        request,
        lambda: kind.move(
            **{kind.keyword: record}, direction=request.POST.get("direction", ""), by=request.user
        ),
        to=redirect(kind.plan(record)),
        done=f"{part_name(record)} moved {request.POST.get('direction', '')}",
    )


def _removal_title(record: Model) -> str:
    if isinstance(record, PriorityArea):
        return f"Remove priority area {record.reference}?"
    name = part_name(record)  # "Outcome 1 of APA1", "Action 1.3": mid-sentence here
    return f"Remove {name[0].lower()}{name[1:]}?"


def _what_goes(record: Model) -> str:
    if isinstance(record, PriorityArea):
        outcomes = record.outcomes.count()
        lines = PlanAction.objects.filter(outcome__area=record).count()
        return f"Its {outcomes} outcomes and {lines} actions are removed with it. "
    if isinstance(record, Outcome):
        return f"Its {record.plan_actions.count()} actions are removed with it. "
    return ""


@partnership_view(Capability.EDIT)
def part_remove(request: HttpRequest, partnership: Partnership, code, part: str) -> HttpResponse:
    kind = PARTS[part]
    record = kind.find(partnership, code)
    plan = kind.plan(record)
    if request.method == "POST":
        return act(
            request,
            lambda: kind.remove(**{kind.keyword: record}, by=request.user),
            to=redirect(plan),
            done=f"{part_name(record)} removed from the plan",
        )
    refusal = services.removal_refusal(record)
    return render(
        request,
        "plans/confirm_remove.html",
        {
            "partnership": partnership,
            "title": _removal_title(record),
            "caption": str(record),
            "refusal": refusal,
            "body": _what_goes(record)
            + "The change history keeps a record of what was removed, and who removed it.",
            "button": f"Remove the {kind.noun}",
            "back": kind.after_edit(record),
        },
    )
