from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view


@partnership_view(Capability.VIEW)
def forward_plan(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    items = ForwardPlanItem.objects.filter(group__partnership=partnership).select_related("group")
    return render(request, "forwardplan/forward_plan.html", {"partnership": partnership, "items": items})
