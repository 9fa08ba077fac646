from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sendboard.core.pagecache import cached_for_reader
from sendboard.governance import queries
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view


@partnership_view(Capability.VIEW)
@cached_for_reader
def partnership_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    today = timezone.localdate()
    person = request.access.person
    return render(
        request,
        "governance/partnership_home.html",
        {
            "partnership": partnership,
            "upcoming": queries.upcoming_meetings(partnership, today=today),
            "all_actions": queries.action_counts(partnership, today=today),
            "my_actions": queries.action_counts(partnership, today=today, person=person)
            if person
            else None,
        },
    )


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
