"""The plan's figures, computed from its lines and never typed.

"APA2: 92% of actions are complete or embedded, with 8% experiencing obstacles": each
figure here is a count of lines and a whole-number share of the lines it is about. The
functions know nothing of the database; `queries` hands them `Line`s, either as the
lines stand now (an open period) or as they were frozen (a closed one).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from sendboard.plans.models import Status

DONE = frozenset({Status.COMPLETE, Status.EMBEDDED})
OBSTACLES = frozenset({Status.AT_RISK, Status.OFF_TRACK})


@dataclass(frozen=True)
class Line:
    """One plan action as a period sees it."""

    key: int  # the plan action's id, to match a line with its previous period's
    reference: str
    area: str
    outcome: str
    status: Status
    due_on: date | None
    updated: bool
    evidence_count: int
    transferred: bool = False

    def overdue_without_evidence(self, as_at: date) -> bool:
        due = self.due_on is not None and self.due_on < as_at
        return due and self.status not in DONE and self.evidence_count == 0


def share(count: int, total: int) -> int | None:
    """A whole-number percentage; none of nothing, so an empty plan shows no 0%."""
    if total == 0:
        return None
    return round(100 * count / total)


@dataclass(frozen=True)
class Rollup:
    total: int
    by_status: Mapping[Status, int]

    def count(self, *statuses: Status) -> int:
        return sum(self.by_status.get(status, 0) for status in statuses)

    @property
    def done(self) -> int:
        return self.count(*DONE)

    @property
    def obstacles(self) -> int:
        return self.count(*OBSTACLES)

    @property
    def not_started(self) -> int:
        return self.count(Status.NOT_STARTED)

    @property
    def done_share(self) -> int | None:
        return share(self.done, self.total)

    @property
    def obstacles_share(self) -> int | None:
        return share(self.obstacles, self.total)

    @property
    def not_started_share(self) -> int | None:
        return share(self.not_started, self.total)

    def rows(self) -> list[tuple[Status, int, int | None]]:
        """Each status with its count and share, in the order of the scale."""
        return [
            (
                status,
                self.by_status.get(status, 0),
                share(self.by_status.get(status, 0), self.total),
            )
            for status in Status
        ]

    def sentence(self) -> str:
        """The roll-up as the board says it: "92% of actions are complete or embedded..."."""
        if self.total == 0:
            return "There are no actions in this part of the plan yet."
        actions = "action" if self.total == 1 else "actions"
        said = f"{self.done_share}% of {self.total} {actions} complete or embedded"
        if self.obstacles:
            said += f", {self.obstacles_share}% experiencing obstacles (at risk or off track)"
        else:
            said += ". No actions are at risk or off track"
        if self.not_started:
            said += f", {self.not_started_share}% not started"
        return said + "."


def rollup(lines: Iterable[Line]) -> Rollup:
    statuses = Counter(line.status for line in lines)
    return Rollup(total=sum(statuses.values()), by_status=dict(statuses))


@dataclass(frozen=True)
class Changes:
    """What moved since the previous period: the lines a board asks about first."""

    moved_to_red: list[Line] = field(default_factory=list)
    newly_done: list[Line] = field(default_factory=list)
    overdue_without_evidence: list[Line] = field(default_factory=list)
    not_updated: list[Line] = field(default_factory=list)


def changes(lines: Iterable[Line], previous: Mapping[int, Line], *, as_at: date) -> Changes:
    """Compare `lines` with the same lines in the previous period (`previous`, by key).

    A line new since the previous period counts as moved to red if it is red, and as
    newly complete if it is complete: it was neither before.
    """
    found = Changes()
    for line in lines:
        before = previous.get(line.key)
        if line.status == Status.OFF_TRACK and (
            before is None or before.status != Status.OFF_TRACK
        ):
            found.moved_to_red.append(line)
        if line.status in DONE and (before is None or before.status not in DONE):
            found.newly_done.append(line)
        if line.overdue_without_evidence(as_at):
            found.overdue_without_evidence.append(line)
        if not line.updated and not line.transferred and line.status not in DONE:
            found.not_updated.append(line)
    return found
