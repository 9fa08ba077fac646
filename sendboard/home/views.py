"""The home pages, which bring together what every capability has for the reader."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sendboard.actions.queries import action_counts
from sendboard.core.pagecache import cached_for_reader
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.governance.queries import partnerships_for
from sendboard.meetings.queries import meetings_upcoming


def choose_partnership(request: HttpRequest) -> HttpResponse:
    """Straight to the partnership when there is one choice; otherwise a list."""
    everyone = Partnership.objects.all()
    mine = partnerships_for(request.user) if request.user.is_authenticated else everyone.none()
    if len(mine) == 1:
        return redirect(mine[0])
    if not request.user.is_authenticated and len(everyone) == 1:
        return redirect("public_home", everyone[0].slug)
    return render(request, "home/choose_partnership.html", {"mine": mine, "everyone": everyone})


@partnership_view(Capability.VIEW)
@cached_for_reader
def partnership_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    today = timezone.localdate()
    person = request.access.person
    return render(
        request,
        "home/partnership_home.html",
        {
            "partnership": partnership,
            "upcoming": meetings_upcoming(partnership, today=today),
            "all_actions": action_counts(partnership, today=today),
            "my_actions": action_counts(partnership, today=today, person=person)
            if person
            else None,
        },
    )
