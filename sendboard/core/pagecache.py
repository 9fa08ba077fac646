"""Serve a reader the page they saw last until any record changes.

A board's pages are read far more often than written: the chair and members open the
meeting page and the action log again and again between edits. Every saved or deleted
record (any model of sendboard's apps, and user accounts) sets a new *revision* token;
a cached page is filed under the revision it was rendered at, so a change anywhere
makes every cached page stale at once. Coarse, but it cannot serve a stale page, which
finer keys (one per meeting, say) could when a change reaches a page through a
relation nobody thought of, such as a person's new name.

Each entry belongs to one reader (user and CSRF secret, as the page carries forms
with the reader's CSRF token) and one day (overdue and "not yet due" depend on the
date). The view's permission decorator runs before this one on every request, so a
cached page is never served to someone who may no longer read it.
"""

import functools
import hashlib
import uuid
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from simple_history.models import HistoricalChanges

REVISION_KEY = "sendboard:revision"
# Written on every sign-in attempt; it changes nothing a page shows.
_IGNORED = {"governance.signinattempt"}


def current_revision() -> str:
    return cache.get_or_set(REVISION_KEY, _new_token, timeout=None)


def revision_bump() -> None:
    """Make every cached page stale: now, and again once the transaction commits.

    The first bump keeps a cache stored in the database in step with the data (it
    commits or rolls back with it); the second closes the window in which another
    process could read the new revision with the old data from another cache backend.
    """
    cache.delete(REVISION_KEY)  # the next reader starts a new revision
    transaction.on_commit(lambda: cache.delete(REVISION_KEY))


def watch_changes() -> None:
    """Bump the revision whenever a record of a watched model is saved or deleted."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"pagecache-{signal!r}")


def cached_for_reader(view: Callable) -> Callable:
    """Cache a GET view's HTML per reader, day and revision (see the module's notes)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        page = cache.get(key)
        if page is not None:
            if "CSRF_COOKIE" in request.META:
                get_token(request)  # renews the cookie, as rendering the page's forms would
            return HttpResponse(page)
        csrf_secret = request.META.get("CSRF_COOKIE")
        response = view(request, *args, **kwargs)
        # A reader given a new CSRF secret while the page rendered has forms with a
        # token for that secret alone, which the key does not name.
        if _storable(request, response) and request.META.get("CSRF_COOKIE") == csrf_secret:
            cache.set(key, response.content, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapped


def _record_changed(sender, **kwargs) -> None:
    # A history row is written with the change it records, which bumps already.
    if issubclass(sender, HistoricalChanges) or sender._meta.label_lower in _IGNORED:
        return
    if sender._meta.app_label in _watched_apps():
        revision_bump()


@functools.cache
def _watched_apps() -> frozenset[str]:
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("sendboard.")}
    return frozenset(ours | {"auth"})


def _key(request: HttpRequest) -> str | None:
    if (
        not settings.PAGE_CACHE_SECONDS
        or request.method != "GET"
        or len(messages.get_messages(request))  # a flash message is shown once
    ):
        return None
    parts = (
        current_revision(),
        str(request.user.pk),
        request.META.get("CSRF_COOKIE", ""),
        timezone.localdate().isoformat(),
        request.get_full_path(),
    )
    return "sendboard:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.session.modified
    )


def _new_token() -> str:
    return uuid.uuid4().hex
