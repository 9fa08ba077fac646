"""What the capabilities above meetings add to a meeting's page.

meetings sits below the action log and the forward plan, so it may not import them.
They register what they show (the actions raised at an item, the review of the action
log, the forward-plan items waiting for the meeting) from their `AppConfig.ready()`,
and the meeting page shows whatever is registered, where it says.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch

from sendboard.meetings.models import Meeting


class Place(StrEnum):
    """Where on the meeting page a contribution is shown."""

    ITEM_START = "item_start"  # under each item's heading
    ITEM_END = "item_end"  # after each item's minutes
    MINUTES_AND_ACTIONS = "minutes_and_actions"  # in the standing item of that name
    AFTER_AGENDA = "after_agenda"  # below the whole agenda


@dataclass(frozen=True)
class Contribution:
    place: Place
    template: str
    # Read once for the page; what it returns joins the page's context.
    page_context: Callable[[Meeting], dict[str, Any]] | None = None
    # Read once for all items, as Django prefetches; the template reads it from `item`.
    item_prefetch: Callable[[], Prefetch] | None = None


_contributions: list[Contribution] = []


def contribute(contribution: Contribution) -> None:
    if contribution not in _contributions:
        _contributions.append(contribution)


def item_prefetches() -> list[Prefetch]:
    return [made() for c in _contributions if (made := c.item_prefetch) is not None]


def page_context(meeting: Meeting) -> dict[str, Any]:
    """What every contribution reads for `meeting`, and which template goes where."""
    context: dict[str, Any] = {}
    for contribution in _contributions:
        if contribution.page_context is not None:
            context.update(contribution.page_context(meeting))
    context["contributed"] = {
        place.value: [c.template for c in _contributions if c.place == place] for place in Place
    }
    return context
