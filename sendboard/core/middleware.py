"""Headers every signed-in page needs."""

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
