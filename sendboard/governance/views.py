from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from sendboard.core.pagecache import cached_for_reader
from sendboard.core.submit import submit
from sendboard.governance import queries, services
from sendboard.governance.forms import PersonForm
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view


@partnership_view(Capability.VIEW)
@cached_for_reader
def group_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "governance/group_list.html",
        {"partnership": partnership, "groups": queries.groups_with_members(partnership)},
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def group_detail(request: HttpRequest, partnership: Partnership, group: str) -> HttpResponse:
    found = get_object_or_404(queries.groups_with_members(partnership), slug=group)
    return render(
        request, "governance/group_detail.html", {"partnership": partnership, "group": found}
    )


@partnership_view(Capability.VIEW)
@cached_for_reader
def person_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request,
        "governance/person_list.html",
        {
            "partnership": partnership,
            "people": queries.people_with_groups(partnership),
            "can_edit": request.access.can(Capability.EDIT),
        },
    )


@partnership_view(Capability.EDIT)
def person_create(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    back = _safe_next(request) or reverse("person_list", args=[partnership.slug])
    form = PersonForm(request.POST or None, partnership=partnership)
    outcome = submit(
        request,
        form,
        lambda fields: services.person_create(partnership=partnership, **fields, by=request.user),
        done=lambda person: f"{person.name} added to the partnership's people",
    )
    if outcome.saved:
        return redirect(back)
    return render(
        request,
        "governance/person_form.html",
        {"partnership": partnership, "form": form, "back": back},
    )


def _safe_next(request: HttpRequest) -> str | None:
    """Where to go back to, when it is a page of this site (never another site's)."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
