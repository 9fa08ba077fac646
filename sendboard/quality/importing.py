"""Audit results kept elsewhere (an audit tool's CSV or .xlsx export) imported as audits.

The columns are mapped once: a heading names a field (`plan_id`, `month`, `team`,
`stage`, `kind`, `auditor`, `section:A`..., `advice:health`..., `themes`, `strengths`,
`improvements`), the mapping is kept for the partnership and offered again next time.
Headings a council commonly writes ("EHCP ID", "Section A", "Health advice") are
recognised without one. Every row is checked with the same rules as the audit form;
if any row has a problem nothing is saved, and each problem names its row and column.
The overall grade is computed from the section grades, never read from the file.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from sendboard.core.pagecache import revision_bump
from sendboard.governance.models import Partnership, Person
from sendboard.governance.permissions import Capability, access_for
from sendboard.lib.grading import IncompleteGrades, overall_grade
from sendboard.quality import queries
from sendboard.quality.models import AdviceGrade, Audit, Framework, SectionGrade, Theme
from sendboard.quality.services import NOT_APPLICABLE
from sendboard.workbooks.cells import CellError, normalise, parse_date, text
from sendboard.workbooks.problems import Problem, WorkbookInvalid
from sendboard.workbooks.reading import MAX_BYTES, MAX_ROWS, Table, read_table

FIELDS = (
    "plan_id",
    "month",
    "team",
    "stage",
    "kind",
    "auditor",
    "themes",
    "strengths",
    "improvements",
)
_GUESSES = {
    "plan_id": ("plan", "plan id", "ehcp id", "ehcp", "case id", "requeststableid", "plan ref"),
    "month": ("month", "audit month", "date of audit", "audit date", "date"),
    "team": ("team", "locality", "team or locality"),
    "stage": ("stage", "plan stage"),
    "kind": ("audit", "audit type", "type", "kind"),
    "auditor": ("auditor", "audited by"),
    "themes": ("themes", "learning themes"),
    "strengths": ("strengths",),
    "improvements": ("areas for improvement", "improvements"),
}
_STAGES = {
    "draft": Audit.Stage.DRAFT,
    "final": Audit.Stage.FINAL,
    "review": Audit.Stage.REVIEW,
    "annual review": Audit.Stage.REVIEW,
    "after annual review": Audit.Stage.REVIEW,
}
_KINDS = {
    "education": Audit.Kind.EDUCATION,
    "health": Audit.Kind.HEALTH,
    "social care": Audit.Kind.SOCIAL_CARE,
    "multi agency": Audit.Kind.MULTI,
    "multi": Audit.Kind.MULTI,
}
_NOT_APPLICABLE = (
    "n a",
    "na",
    "not applicable",
    "no needs identified",
    "not applicable no needs identified",
)


def guess_mapping(headers: dict[str, str], framework: Framework) -> dict[str, str]:
    """normalised heading: field, for the headings this module recognises unaided."""
    found = {}
    for heading in headers.values():
        key = normalise(heading)
        for field, guesses in _GUESSES.items():
            if key in guesses:
                found[key] = field
        section = re.fullmatch(r"(?:section )?([a-z]|l\d+)(?: .*)?", key)
        known = {s["key"].lower(): s["key"] for s in framework.sections}
        if section and section.group(1) in known and (key.startswith("section") or len(key) <= 3):
            found[key] = f"section:{known[section.group(1)]}"
        for agency, label in AdviceGrade.Agency.choices:
            if key in (f"{label.lower()} advice", f"advice {label.lower()}", f"{agency} advice"):
                found[key] = f"advice:{agency}"
    return found


def read_upload(data: bytes, *, name: str) -> Table:
    """The table of a .xlsx (as workbooks reads one) or of a CSV (UTF-8, comma separated)."""
    if len(data) > MAX_BYTES:
        raise WorkbookInvalid([Problem(f"{name} is larger than {MAX_BYTES // 2**20} MB")])
    if name.lower().endswith(".xlsx"):
        return read_table(data, name=name)
    try:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    except (UnicodeDecodeError, csv.Error) as error:
        raise WorkbookInvalid([Problem(f"{name} is not a UTF-8 CSV file: {error}")]) from error
    if len(rows) > MAX_ROWS + 1:
        raise WorkbookInvalid([Problem(f"{name} has more than {MAX_ROWS:,} rows")])
    if not rows:
        raise WorkbookInvalid([Problem(f"{name} is empty")])
    letters = [_letter(n) for n in range(len(rows[0]))]
    headers = {letter: cell.strip() for letter, cell in zip(letters, rows[0], strict=False)}
    body = [
        (number, dict(zip(letters, cells, strict=False)))
        for number, cells in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in cells)
    ]
    return Table("", [], 1, headers, body)


def _letter(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class _Row:
    audit: Audit
    grades: dict[str, int | None]
    advice: dict[str, int | str | None]
    themes: list[str]


class _Checker:
    def __init__(self, partnership: Partnership, framework: Framework, table: Table, mapping):
        self.framework = framework
        self.table = table
        self.columns = {
            letter: mapping[normalise(heading)]
            for letter, heading in table.headers.items()
            if normalise(heading) in mapping
        }
        self.words = {normalise(word): n for n, word in enumerate(framework.scale, start=1)}
        self.people = {}
        for person in Person.objects.filter(partnership=partnership).select_related("user"):
            if person.user and access_for(person.user, partnership).can(Capability.AUDIT):
                self.people[person.name.lower()] = person
                if person.email:
                    self.people[person.email.lower()] = person
        self.problems: list[Problem] = []

    def problem(self, row: int, letter: str, message: str) -> None:
        header = self.table.headers.get(letter, "")
        self.problems.append(Problem(message, self.table.sheet, row, letter, header))

    def missing_columns(self) -> list[str]:
        mapped = set(self.columns.values())
        required = ["plan_id", "month", "auditor"] + [
            f"section:{s['key']}" for s in self.framework.sections if s.get("required", True)
        ]
        return [field for field in required if field not in mapped]

    def grade(self, value: object, *, advice: bool = False) -> int | str | None:
        typed = normalise(text(value))
        if not typed:
            return None
        if advice and typed in _NOT_APPLICABLE:
            return NOT_APPLICABLE
        if typed.isdigit() and 1 <= int(typed) <= len(self.framework.scale):
            return int(typed)
        if typed in self.words:
            return self.words[typed]
        raise CellError(
            f"'{text(value)}' is not a grade: use {', '.join(self.framework.scale)}"
            + (", or not applicable" if advice else "")
        )

    def row(self, number: int, cells: dict[str, object], partnership: Partnership) -> _Row | None:
        values: dict[str, object] = {}
        grades: dict[str, int | None] = {}
        advice: dict[str, int | str | None] = {}
        before = len(self.problems)
        for letter, field in self.columns.items():
            cell = cells.get(letter)
            try:
                if field.startswith("section:"):
                    grades[field.split(":")[1]] = self.grade(cell)
                elif field.startswith("advice:"):
                    advice[field.split(":")[1]] = self.grade(cell, advice=True)
                else:
                    values[field] = self.field(field, cell)
            except CellError as error:
                self.problem(number, letter, str(error))
        letter_of = {field: letter for letter, field in self.columns.items()}
        for field in ("plan_id", "month", "auditor"):
            if not values.get(field) and field in letter_of and len(self.problems) == before:
                self.problem(number, letter_of[field], f"Give the {field.replace('_', ' ')}")
        if len(self.problems) > before:
            return None
        try:
            overall = overall_grade(self.framework.formula(), grades)
        except IncompleteGrades as missing:
            self.problem(number, "", f"No grade for section {', '.join(missing.missing)}")
            return None
        audit = Audit(
            partnership=partnership,
            framework=self.framework,
            plan_id=values["plan_id"],
            month=values["month"],
            team=values.get("team", ""),
            stage=values.get("stage") or Audit.Stage.FINAL,
            kind=values.get("kind") or Audit.Kind.EDUCATION,
            auditor=values["auditor"],
            status=Audit.Status.FINAL,
            grade=overall.grade,
            final_grade=overall.grade,
            score=round(overall.score, 4),
            limited_by=", ".join(f"section {limit.section}" for limit in overall.limited_by),
            strengths=values.get("strengths", ""),
            improvements=values.get("improvements", ""),
            submitted_on=values["month"],
            imported=True,
        )
        return _Row(audit, grades, advice, values.get("themes", []))

    def field(self, field: str, cell: object) -> object:
        typed = text(cell)
        if field == "month":
            day = parse_date(cell)
            return day.replace(day=1) if day else None
        if field == "auditor":
            if not typed:
                return None
            person = self.people.get(typed.lower())
            if person is None:
                raise CellError(f"'{typed}' is not an auditor of this partnership")
            return person
        if field in ("stage", "kind"):
            choices = _STAGES if field == "stage" else _KINDS
            if typed and normalise(typed) not in choices:
                raise CellError(f"'{typed}' is not a {field}: use {', '.join(choices)}")
            return choices.get(normalise(typed))
        if field == "themes":
            return [name.strip() for name in re.split(r"[;,]", typed) if name.strip()]
        if field == "plan_id" and len(typed) > 64:
            raise CellError("A plan id is at most 64 characters")
        return typed


def _refuse_repeats(checker: _Checker, rows: list[_Row | None], partnership) -> None:
    """A plan is audited once a month: twice in the file, or already, is a problem."""
    found = [
        (number, row) for (number, _), row in zip(checker.table.rows, rows, strict=True) if row
    ]
    done = set(
        Audit.objects.filter(
            partnership=partnership, plan_id__in=[row.audit.plan_id for _, row in found]
        ).values_list("plan_id", "month")
    )
    seen: dict[tuple, int] = {}
    for number, row in found:
        key = (row.audit.plan_id, row.audit.month)
        if key in seen:
            checker.problem(
                number, "", f"Plan {key[0]} is audited in row {seen[key]} for the same month too"
            )
        elif key in done:
            checker.problem(number, "", f"Plan {key[0]} already has an audit for {key[1]:%B %Y}")
        seen.setdefault(key, number)


@transaction.atomic
def audits_import(
    *,
    partnership: Partnership,
    table: Table,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    by: User,
) -> int:
    """Import every row as a final audit, or none: raises WorkbookInvalid listing every
    problem. Returns how many audits were (or, in a dry run, would be) imported."""
    if not access_for(by, partnership).can(Capability.MANAGE):
        raise PermissionDenied("Only managers import audit results.")
    framework = queries.current_framework(partnership)
    if framework is None:
        raise WorkbookInvalid([Problem("Import a quality assurance framework first")])
    remembered = queries.settings_of(partnership).import_columns
    mapping = {**guess_mapping(table.headers, framework), **remembered, **(mapping or {})}
    checker = _Checker(partnership, framework, table, mapping)
    missing = checker.missing_columns()
    if missing:
        raise WorkbookInvalid(
            [Problem(f"No column holds {field}: map one to it") for field in missing]
        )
    rows = [checker.row(number, cells, partnership) for number, cells in table.rows]
    _refuse_repeats(checker, rows, partnership)
    if checker.problems:
        raise WorkbookInvalid(checker.problems)
    if dry_run:
        return len(rows)
    settings = queries.settings_of(partnership)
    settings.import_columns = mapping
    settings.save()
    made = bulk_create_with_history(
        [row.audit for row in rows], Audit, default_user=by, default_change_reason="Imported"
    )
    themes: dict[str, Theme] = {}
    for row, audit in zip(rows, made, strict=True):
        SectionGrade.objects.bulk_create(
            SectionGrade(audit=audit, section=key, grade=grade) for key, grade in row.grades.items()
        )
        AdviceGrade.objects.bulk_create(
            AdviceGrade(
                audit=audit,
                agency=agency,
                grade=None if judgement == NOT_APPLICABLE else judgement,
                not_applicable=judgement == NOT_APPLICABLE,
            )
            for agency, judgement in row.advice.items()
            if judgement is not None
        )
        for name in row.themes:
            if name not in themes:
                themes[name] = Theme.objects.get_or_create(partnership=partnership, name=name)[0]
        audit.themes.set([themes[name] for name in row.themes])
    revision_bump()
    return len(rows)
