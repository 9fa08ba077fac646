"""A table's rows as fields, and each problem found in them pinned to its cell.

The services that import a row are the ones the forms use, and they name what they
refuse by their own field names; `Row.attempt` turns those names into the column the
person typed them in, so every refusal reads "Sheet 'Tracker', row 14, column F
(Target date): ...".
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from sendboard.workbooks import cells
from sendboard.workbooks.kinds import Layout
from sendboard.workbooks.problems import Problem, WorkbookInvalid
from sendboard.workbooks.reading import Table


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, object]  # field name: the cell's value
    columns: Mapping[str, tuple[str, str]]  # field name: column letter and heading
    problems: list[Problem] = field(default_factory=list)

    def text(self, name: str) -> str:
        return cells.text(self.values.get(name))

    def refuse(self, name: str | None, message: str) -> None:
        letter, heading = self.columns.get(name or "", ("", ""))
        self.problems.append(Problem(message, self.sheet, self.number, letter, heading))

    def read(self, name: str, reader: Callable[..., Any], **options) -> Any:
        """The cell read as its field, or None with the cell's problem noted."""
        try:
            return reader(self.values.get(name), **options)
        except cells.CellError as error:
            self.refuse(name, str(error))
            return None

    def attempt(self, call: Callable[[], Any], *, fields: Mapping[str, str] | None = None) -> Any:
        """Run a service in a savepoint; its refusal becomes this row's problems.

        `fields` names the column of each service field whose name is not the row's.
        """
        try:
            with transaction.atomic():
                return call()
        except ValidationError as error:
            self._note(error, fields or {})
            return None

    def _note(self, error: ValidationError, fields: Mapping[str, str]) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.refuse(None, message)
            return
        for name, messages in error.message_dict.items():
            for message in messages:
                self.refuse(fields.get(name, name), message)


def mapped_rows(table: Table, columns: Mapping[str, str], *, carried: tuple[str, ...] = ()):
    """Each row of `table` as fields by `columns` (letter: field), blank rows left out.

    A `carried` field left blank takes the value above it, as a merged cell or a
    heading that groups the rows beneath it means it.
    """
    where = {name: (letter, table.headers.get(letter, "")) for letter, name in columns.items()}
    above: dict[str, object] = {}
    for number, found in table.rows:
        values = {name: found.get(letter) for letter, name in columns.items()}
        for name in carried:
            if cells.text(values.get(name)):
                above[name] = values[name]
                # A new group starts afresh beneath it: its sub-groups are not carried over.
                for later in carried[carried.index(name) + 1 :]:
                    above.pop(later, None)
            else:
                values[name] = above.get(name)
        yield Row(table.sheet, number, values, where)


def check_columns(table: Table, columns: Mapping[str, str], layout: Layout) -> None:
    """Refuse a mapping that leaves out what the import cannot do without, or repeats one."""
    problems = []
    seen: dict[str, str] = {}
    for letter, name in columns.items():
        if name in seen:
            label = layout.field(name).label
            problems.append(
                Problem(
                    f"Columns {seen[name]} and {letter} are both mapped to {label}: map one",
                    sheet=table.sheet,
                )
            )
        seen[name] = letter
    for lacking in layout.missing(set(columns.values())):
        problems.append(Problem(f"Map a column to {lacking}", sheet=table.sheet))
    if problems:
        raise WorkbookInvalid(problems)
