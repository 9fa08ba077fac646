from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view
from sendboard.meetings.models import Meeting


@partnership_view(Capability.VIEW)
def meeting_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    meetings = Meeting.objects.filter(group__partnership=partnership).select_related("group")
    return render(request, "meetings/meeting_list.html", {"partnership": partnership, "meetings": meetings})
