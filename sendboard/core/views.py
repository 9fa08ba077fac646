from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sendboard.governance.models import Partnership
from sendboard.governance.queries import partnerships_for


def home(request: HttpRequest) -> HttpResponse:
    """Straight to the partnership when there is one choice; otherwise a list."""
    everyone = Partnership.objects.all()
    mine = partnerships_for(request.user) if request.user.is_authenticated else everyone.none()
    if len(mine) == 1:
        return redirect(mine[0])
    if not request.user.is_authenticated and len(everyone) == 1:
        return redirect("public_home", everyone[0].slug)
    return render(request, "core/home.html", {"mine": mine, "everyone": everyone})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")
