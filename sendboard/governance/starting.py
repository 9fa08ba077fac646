"""Whether a new partnership starts with what the apps above give one (the standard set of
indicators, say). Here, below them all, so that anything making partnerships may say so
without importing the apps that listen."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_STARTER_CONTENT = ContextVar("new_partnerships_get_starter_content", default=True)


def starter_content_wanted() -> bool:
    return _STARTER_CONTENT.get()


@contextmanager
def starter_content(*, on: bool) -> Iterator[None]:
    """Partnerships created inside get the apps' starter content, or not: tests that
    build their own indicators switch it off, and the demo, whose stories write it on the
    day it would have been written."""
    token = _STARTER_CONTENT.set(on)
    try:
        yield
    finally:
        _STARTER_CONTENT.reset(token)
