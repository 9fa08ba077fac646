"""What an import did, or a dry run would do: the records added, updated and left alone."""

from dataclasses import dataclass, field

from sendboard.workbooks.problems import Problem


@dataclass
class ImportResult:
    into: str  # what the records went into: a plan's title, or "the risk register"
    url: str  # the page of what they went into
    noun: str  # what a row became: "lines", "risks"
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)  # already there, not in the workbook
    warnings: list[Problem] = field(default_factory=list)
    dry_run: bool = False
    plan: object = None  # the improvement plan, for a plan tracker

    def __str__(self) -> str:
        return (
            f"{self.into}: {len(self.added)} {self.noun} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )
