"""What the plan pages share: a page of one form, and a line for its owners only."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from sendboard.core import views as core_views
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import may_change_owned
from sendboard.plans import queries
from sendboard.plans.models import PlanAction


def plan_action_for_owner(request: HttpRequest, partnership: Partnership, code) -> PlanAction:
    """The line, for its owners and editors only.

    The service checks this too; asking first refuses the form, not only its saving.
    """
    plan_action = queries.plan_action_in(partnership, code)
    if not may_change_owned(request.access, plan_action.owners.all()):
        raise PermissionDenied("Only editors and the line's owners can update it.")
    return plan_action


def form_page(request: HttpRequest, form, **page) -> HttpResponse:
    """A page of one form about a plan or its parts, with a Cancel link."""
    return core_views.form_page(request, form, cancel=True, **page)


def line_form(
    request: HttpRequest, plan_action: PlanAction, form, *, title: str, button: str, **options
) -> HttpResponse:
    """A form about one line: progress, evidence, links, or its move to business as usual."""
    return form_page(
        request,
        form,
        title=title,
        button=button,
        back=plan_action.get_absolute_url(),
        caption=f"{plan_action.reference}: {plan_action.text}",
        **options,
    )
