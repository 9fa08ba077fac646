"""Problems found in a source, named by file, row and field as the user sees them."""

from dataclasses import dataclass, field

# Enough for anyone to see the pattern of what is wrong without flooding a terminal.
DEFAULT_CAP = 200


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int | None  # the row in the file or sheet, header being row 1
    field: str
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else f"{self.row}:"
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{row}{field} {self.message}"


@dataclass
class Problems:
    """Collects problems up to a cap and counts the rest."""

    cap: int = DEFAULT_CAP
    kept: list[Problem] = field(default_factory=list)
    total: int = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if len(self.kept) < self.cap:
            self.kept.append(problem)

    def add_counted(self, found: list[Problem], *, count: int) -> None:
        """Keep the first of `found` that fit and count all `count` of them."""
        room = max(self.cap - len(self.kept), 0)
        self.kept.extend(found[:room])
        self.total += count

    @property
    def room(self) -> int:
        return max(self.cap - len(self.kept), 0)

    @property
    def unreported(self) -> int:
        return self.total - len(self.kept)

    def __bool__(self) -> bool:
        return self.total > 0


class SnapshotInvalid(ValueError):
    """The source has problems, so nothing was written."""

    def __init__(self, problems: list[Problem], *, total: int | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.field))
        self.total = len(problems) if total is None else total
        more = self.total - len(self.problems)
        tail = f" (and {more} more)" if more else ""
        super().__init__(f"{self.total} problem(s) in the source{tail}; nothing was imported")

    @property
    def unreported(self) -> int:
        return self.total - len(self.problems)
