from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view, public_view
from sendboard.publishing.models import PublicSummary


@partnership_view(Capability.VIEW)
def summary_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    summaries = PublicSummary.objects.filter(meeting__group__partnership=partnership)
    return render(request, "publishing/summary_list.html", {"partnership": partnership, "summaries": summaries})


@public_view
def public_home(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    summaries = PublicSummary.objects.filter(
        meeting__group__partnership=partnership, status=PublicSummary.Status.PUBLISHED
    )
    return render(request, "publishing/public_home.html", {"partnership": partnership, "summaries": summaries})
