from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sendboard.actions.models import Action
from sendboard.governance.models import Partnership
from sendboard.governance.permissions import Capability, partnership_view


@partnership_view(Capability.VIEW)
def action_list(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actions = Action.objects.filter(board__partnership=partnership).select_related("board")
    return render(request, "actions/action_list.html", {"partnership": partnership, "actions": actions})


@partnership_view(Capability.VIEW)
def my_actions(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actions = Action.objects.filter(owners=request.access.person).select_related("board")
    return render(request, "actions/action_list.html", {"partnership": partnership, "actions": actions})
