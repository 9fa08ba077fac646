"""What every signed-in request needs: private headers, and a session kept alive."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def private_pages(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """A signed-in page may show people's names or case figures: no browser or proxy keeps it.

    Public pages, for signed-out readers, may be kept as usual.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return middleware


# How often a signed-in reader's session is saved to push its idle expiry on; saving on
# every request would cost every page a write.
SESSION_REFRESH_SECONDS = 60


def sessions_kept_alive(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """A session ends SESSION_COOKIE_AGE after the reader's last request, give or take a minute.

    Django moves a session's expiry on only when the session is saved; this saves it
    at most once a minute while the reader is active.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session_seen(request.session)
        return get_response(request)

    return middleware


def session_seen(session) -> None:
    now = int(time.time())
    if now - session.get("seen_at", 0) >= SESSION_REFRESH_SECONDS:
        session["seen_at"] = now
