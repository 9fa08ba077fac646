"""What the capabilities above plans add to a plan line's page.

plans sits below the risk register, so it may not import it. The register adds the
risks that threaten a line from its `AppConfig.ready()`, and the line's page shows
whatever is registered, after the line's own risks and mitigations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sendboard.plans.models import PlanAction


@dataclass(frozen=True)
class LinePart:
    template: str
    # Read once for the page; what it returns joins the page's context.
    context: Callable[[PlanAction], dict[str, Any]]


_parts: list[LinePart] = []


def contribute(part: LinePart) -> None:
    if part not in _parts:
        _parts.append(part)


def line_context(plan_action: PlanAction) -> dict[str, Any]:
    context: dict[str, Any] = {"line_parts": [part.template for part in _parts]}
    for part in _parts:
        context.update(part.context(plan_action))
    return context
