from dataclasses import asdict

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from sendboard.core.health import health


def form_page(
    request: HttpRequest,
    form,
    *,
    title: str,
    button: str,
    back: str,
    caption: str = "",
    cancel: bool = False,
    multipart: bool = False,
    button_classes: str = "",
) -> HttpResponse:
    """A page of one form, headed by what it is about, with a way back (and, with
    `cancel`, a Cancel link beside the button)."""
    return render(
        request,
        "core/form_page.html",
        {
            "partnership": request.access.partnership,
            "form": form,
            "title": title,
            "button": button,
            "back": back,
            "caption": caption,
            "cancel": cancel,
            "multipart": multipart,
            "button_classes": button_classes,
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer or monitor: 200 when the installation can serve, 503 when not."""
    found = health()
    return JsonResponse({**asdict(found), "ok": found.ok}, status=200 if found.ok else 503)
