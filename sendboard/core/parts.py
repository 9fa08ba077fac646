"""Places on a lower app's page that the apps above it fill, so imports still run down.

A lower app declares a place (`Place("line_parts")`); a higher app adds its part from
its `AppConfig.ready()`; the lower page's view adds `place.context(record)` to its own
and its template includes each of the place's templates where the place belongs.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Part:
    template: str
    # Read once for the page; what it returns joins the page's context.
    context: Callable[[Any], dict[str, Any]] | None = None


@dataclass
class Place:
    name: str  # the context variable that lists the templates to include
    parts: list[Part] = field(default_factory=list)

    def contribute(self, part: Part) -> None:
        if part not in self.parts:
            self.parts.append(part)

    def context(self, record: Any = None) -> dict[str, Any]:
        found: dict[str, Any] = {self.name: [part.template for part in self.parts]}
        for part in self.parts:
            if part.context is not None:
                found.update(part.context(record))
        return found
