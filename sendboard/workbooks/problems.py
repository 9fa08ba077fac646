"""A problem found in a workbook, named by sheet, row and column as Excel shows them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""  # the column letter, such as F
    header: str = ""  # the column's heading in the sheet, such as Target date

    def __str__(self) -> str:
        return self._located(sheet="Sheet")

    def in_file(self, name: str) -> str:
        """As a command prints it: "tracker.xlsx: sheet 'Tracker', row 14, column F (...): ..."."""
        return f"{name}: {self._located(sheet='sheet')}"

    def _located(self, *, sheet: str) -> str:
        where = []
        if self.sheet:
            where.append(f"{sheet} '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}" + (f" ({self.header})" if self.header else ""))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class WorkbookInvalid(Exception):
    """The workbook cannot be imported as it is; nothing was saved."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems[:3]))
