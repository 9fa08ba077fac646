"""Audit results kept elsewhere (an audit tool's CSV or .xlsx export) imported as audits.

The columns are mapped once: each heading names a field (`plan_id`, `month`, `team`,
`stage`, `kind`, `auditor`, `section:A`..., `advice:health`..., `themes`, `strengths`,
`improvements`) or none, and the mapping is kept for the partnership, so the next export
of the same tool imports without asking. Headings a council commonly writes ("EHCP ID",
"Section A", "Health advice") are recognised before anyone maps them. Every row is
checked with the same rules as the audit form; if any row has a problem nothing is
saved, and each problem names its row and column. The overall grade is computed from
the section grades, never read from the file.
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from sendboard.core.pagecache import revision_bump
from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership, Person
from sendboard.governance.permissions import Capability, access_for
from sendboard.lib.grading import overall_grade
from sendboard.quality import queries, services
from sendboard.quality.models import (
    AdviceGrade,
    Audit,
    AuditUpload,
    Framework,
    SectionGrade,
    Theme,
)
from sendboard.quality.services import NOT_APPLICABLE
from sendboard.workbooks.cells import CellError, normalise, parse_date, text
from sendboard.workbooks.kinds import Field, Layout
from sendboard.workbooks.models import ColumnMapping
from sendboard.workbooks.problems import Problem, WorkbookInvalid
from sendboard.workbooks.reading import MAX_BYTES, MAX_ROWS, Table, read_table
from sendboard.workbooks.services.mappings import columns_for

_GRADE = "a grade: {words}, or 1 to {levels}"
_FIELDS = (
    Field(
        "plan_id",
        "Plan (pseudonymous id)",
        (
            "plan",
            "plan id",
            "ehcp id",
            "ehcp",
            "ehcp ref",
            "ehcp reference",
            "ehcp number",
            "case id",
            "requeststableid",
            "plan ref",
        ),
        "the plan's id as in the casework snapshot",
    ),
    Field(
        "month",
        "Date of the audit",
        ("month", "audit month", "date of audit", "audit date", "date", "date audit completed"),
        "a date, such as 15/01/2026, or a month, such as January 2026: the audit counts "
        "in its month",
    ),
    Field("team", "Team or locality", ("team", "locality", "team or locality")),
    Field(
        "stage",
        "Stage of the plan",
        ("stage", "plan stage"),
        "draft, final or annual review; final when blank",
    ),
    Field(
        "kind",
        "Kind of audit",
        ("audit", "audit type", "type of audit", "type", "kind"),
        "education, health, social care or multi-agency; education when blank",
    ),
    Field(
        "auditor",
        "Auditor",
        ("auditor", "auditor name", "audited by"),
        "the auditor's name or email, as the partnership's people list has them",
    ),
    Field(
        "themes",
        "Learning themes",
        ("themes", "learning themes"),
        "separated by commas or semicolons",
    ),
    Field("strengths", "Strengths", ("strengths",)),
    Field("improvements", "Areas for improvement", ("areas for improvement", "improvements")),
)
# The words an audit tool writes, and the labels of the choices themselves.
_STAGES = {
    "draft": Audit.Stage.DRAFT,
    "final": Audit.Stage.FINAL,
    "review": Audit.Stage.REVIEW,
    "annual review": Audit.Stage.REVIEW,
    **{normalise(label): stage for stage, label in Audit.Stage.choices},
}
_KINDS = {
    "education": Audit.Kind.EDUCATION,
    "health": Audit.Kind.HEALTH,
    "social care": Audit.Kind.SOCIAL_CARE,
    "multi agency": Audit.Kind.MULTI,
    "multi": Audit.Kind.MULTI,
    **{normalise(label): kind for kind, label in Audit.Kind.choices},
}
_NOT_APPLICABLE = (
    "n a",
    "na",
    "not applicable",
    "no needs identified",
    "not applicable no needs identified",
)


@dataclass(frozen=True)
class AuditLayout(Layout):
    """The fields of an audit export, with the framework's sections and the advices."""

    def guess(self, heading: str) -> str:
        found = super().guess(heading)
        # "Section F - Provision": a section named by its letter, whatever follows it.
        section = re.fullmatch(r"(?:section|sect) ([a-z]|l\d+)(?: .*)?", normalise(heading))
        if found or not section:
            return found
        wanted = f"section:{section.group(1)}"
        return next((f.name for f in self.fields if f.name.lower() == wanted), "")


def layout_for(framework: Framework) -> AuditLayout:
    levels = {"words": ", ".join(framework.scale), "levels": len(framework.scale)}
    sections = tuple(
        Field(
            f"section:{s['key']}",
            f"Section {s['key']}: {s['title']}",
            (f"section {s['key'].lower()}", s["key"].lower()),
            _GRADE.format(**levels) + ("" if s.get("required", True) else "; may be blank"),
        )
        for s in framework.sections
    )
    advice = tuple(
        Field(
            f"advice:{agency}",
            f"Quality of the {label.lower()} advice",
            (f"{normalise(label)} advice", f"advice {normalise(label)}", f"{agency} advice"),
            _GRADE.format(**levels) + ", or not applicable (no needs identified)",
        )
        for agency, label in AdviceGrade.Agency.choices
    )
    required = [s["key"] for s in framework.sections if s.get("required", True)]
    return AuditLayout(
        fields=(*_FIELDS, *sections, *advice),
        needed=(("plan_id",), ("month",), ("auditor",), *((f"section:{k}",) for k in required)),
    )


def columns_of(table: Table, layout: Layout, known: Mapping[str, str]) -> dict[str, str]:
    """Each column's field (letter: field): as `known` (normalised heading: field, "" for
    a column not imported) has it, else as its heading suggests."""
    return columns_for(table, layout, ColumnMapping(columns=dict(known)))


def unmapped_headings(table: Table, known: Mapping[str, str]) -> list[str]:
    """The file's headings that nobody has mapped yet (or chosen to leave out)."""
    return [heading for heading in table.headers.values() if normalise(heading) not in known]


def mapped_columns(partnership: Partnership, table: Table) -> list[tuple[str, str, str]]:
    """(letter, heading, the label of the field it holds or "") of each column, as the
    partnership's columns and the headings map them."""
    framework = queries.current_framework(partnership)
    if framework is None:
        return []
    layout = layout_for(framework)
    columns = columns_of(table, layout, queries.settings_of(partnership).import_columns)
    return [
        (letter, heading, layout.field(columns[letter]).label if letter in columns else "")
        for letter, heading in table.headers.items()
    ]


def mapping_problems(
    table: Table, layout: Layout, known: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(column letter, message) for each heading mapped to a field that is not one, or
    to a field another column already holds."""
    names = {field.name for field in layout.fields}
    taken: dict[str, str] = {}
    found = []
    for letter, heading in table.headers.items():
        field = known.get(normalise(heading), "")
        if not field:
            continue
        if field not in names:
            found.append((letter, f"'{field}' is not a field: use one of {', '.join(names)}"))
        elif field in taken:
            found.append(
                (
                    letter,
                    f"Column {taken[field]} holds {layout.field(field).label} already: "
                    "choose it for one column only",
                )
            )
        else:
            taken[field] = letter
    return found


def read_upload(data: bytes, *, name: str, known: frozenset[str] = frozenset()) -> Table:
    """The table of a .xlsx (as workbooks reads one, preferring a header row of `known`
    headings) or of a CSV (UTF-8, comma separated)."""
    if len(data) > MAX_BYTES:
        raise WorkbookInvalid([Problem(f"{name} is larger than {MAX_BYTES // 2**20} MB")])
    if name.lower().endswith(".xlsx"):
        return read_table(data, name=name, known_headers=known)
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
    def __init__(self, partnership: Partnership, framework: Framework, table: Table, columns: dict):
        self.framework = framework
        self.table = table
        self.columns = columns
        self.required = {
            f"section:{s['key']}" for s in framework.sections if s.get("required", True)
        }
        self.words = {normalise(word): n for n, word in enumerate(framework.scale, start=1)}
        self.people = {}
        for person in Person.objects.filter(partnership=partnership).select_related("user"):
            if person.user and access_for(person.user, partnership).can(Capability.AUDIT):
                self.people[person.name.lower()] = person
                if person.email:
                    self.people[person.email.lower()] = person
        self.problems: list[Problem] = []

    def problem(self, row: int | None, letter: str, message: str) -> None:
        header = self.table.headers.get(letter, "")
        self.problems.append(Problem(message, self.table.sheet, row, letter, header))

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

    def section_grade(self, field: str, value: object) -> int | None:
        """A section's grade; "N/A" leaves an optional section blank, and is refused for
        one the framework requires."""
        if normalise(text(value)) not in _NOT_APPLICABLE:
            return self.grade(value)
        if field in self.required:
            raise CellError(
                f"Section {field.split(':')[1]} cannot be not applicable: the framework "
                "requires its grade"
            )
        return None

    def row(self, number: int, cells: dict[str, object], partnership: Partnership) -> _Row | None:
        values: dict[str, object] = {}
        grades: dict[str, int | None] = {}
        advice: dict[str, int | str | None] = {}
        before = len(self.problems)
        for letter, field in self.columns.items():
            cell = cells.get(letter)
            try:
                if field.startswith("section:"):
                    grades[field.split(":")[1]] = self.section_grade(field, cell)
                elif field.startswith("advice:"):
                    advice[field.split(":")[1]] = self.grade(cell, advice=True)
                else:
                    values[field] = self.field(field, cell)
            except CellError as error:
                self.problem(number, letter, str(error))
        named = {problem.column for problem in self.problems[before:]}
        blank = [
            (letter, f"Give the {field.replace('_', ' ')}")
            for letter, field in self.columns.items()
            if field in ("plan_id", "month", "auditor") and not values.get(field)
        ] + [
            (letter, f"Give the grade of section {field.split(':')[1]}")
            for letter, field in self.columns.items()
            if field in self.required and grades.get(field.split(":")[1]) is None
        ]
        for letter, message in blank:
            if letter not in named:
                self.problem(number, letter, message)
        if len(self.problems) > before:
            return None
        overall = overall_grade(self.framework.formula(), grades)
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
                labels = (Audit.Stage if field == "stage" else Audit.Kind).labels
                raise CellError(f"'{typed}' is not a {field}: use {', '.join(labels)}")
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


def _remembered(table: Table, columns: Mapping[str, str]) -> dict[str, str]:
    """normalised heading: field for every heading of the table, "" for one not imported."""
    return {
        normalise(heading): columns.get(letter, "") for letter, heading in table.headers.items()
    }


def _keep_columns(partnership: Partnership, known: dict[str, str], *, by: User) -> None:
    settings = queries.settings_of(partnership)
    # Headings of earlier exports this one lacks stay, so two tools' layouts both work.
    settings.import_columns = {**settings.import_columns, **known}
    save_tracked(settings, opened_version=None, reason="Audit import columns mapped", by=by)


def _require_manager(by: User, partnership: Partnership) -> None:
    if not access_for(by, partnership).can(Capability.MANAGE):
        raise PermissionDenied("Only managers import audit results.")


def _framework(partnership: Partnership) -> Framework:
    framework = queries.current_framework(partnership)
    if framework is None:
        raise WorkbookInvalid([Problem("Import a quality assurance framework first")])
    return framework


@transaction.atomic
def import_columns_save(
    *, partnership: Partnership, table: Table, columns: Mapping[str, str], by: User
) -> dict[str, str]:
    """Remember which field each of the table's columns (letter: field) holds, for this
    import and the partnership's next ones; a field chosen for two columns is refused."""
    _require_manager(by, partnership)
    layout = layout_for(_framework(partnership))
    known = _remembered(table, columns)
    problems = mapping_problems(table, layout, known)
    if problems:
        raise ValidationError({f"column_{letter}": message for letter, message in problems})
    _keep_columns(partnership, known, by=by)
    return known


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
    problem. `mapping` (normalised heading: field) goes before the partnership's
    remembered columns, which go before what the headings suggest. Returns how many
    audits were (or, in a dry run, would be) imported."""
    _require_manager(by, partnership)
    framework = _framework(partnership)
    layout = layout_for(framework)
    known = {**queries.settings_of(partnership).import_columns, **(mapping or {})}
    wrong = mapping_problems(table, layout, known)
    if wrong:
        raise WorkbookInvalid(
            [
                Problem(message, table.sheet, None, letter, table.headers[letter])
                for letter, message in wrong
            ]
        )
    columns = columns_of(table, layout, known)
    missing = layout.missing(set(columns.values()))
    if missing:
        raise WorkbookInvalid(
            [Problem(f"No column holds {label}: map one to it") for label in missing]
        )
    checker = _Checker(partnership, framework, table, columns)
    rows = [checker.row(number, cells, partnership) for number, cells in table.rows]
    _refuse_repeats(checker, rows, partnership)
    if checker.problems:
        raise WorkbookInvalid(checker.problems)
    if dry_run:
        return len(rows)
    _keep_columns(partnership, _remembered(table, columns), by=by)
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


@transaction.atomic
def audit_upload(*, partnership: Partnership, name: str, content: bytes, by: User) -> AuditUpload:
    """Keep an export while its columns are mapped and its rows checked; the table is read
    first, so a file that cannot be read is refused at once."""
    _require_manager(by, partnership)
    try:
        read_upload(content, name=name)
    except WorkbookInvalid as invalid:
        raise ValidationError({"file": [str(problem) for problem in invalid.problems]}) from None
    return AuditUpload.objects.create(
        partnership=partnership, file_name=name, content=content, uploaded_by=by
    )


def upload_table(upload: AuditUpload) -> Table:
    known = frozenset(queries.settings_of(upload.partnership).import_columns)
    return read_upload(bytes(upload.content), name=upload.file_name, known=known)


@transaction.atomic
def audit_upload_import(*, upload: AuditUpload, by: User) -> int:
    """Import an upload's rows with the partnership's columns, then let the file go."""
    count = audits_import(partnership=upload.partnership, table=upload_table(upload), by=by)
    upload.delete()
    return count


_PLAN_TEAMS = Layout(fields=(_FIELDS[0], _FIELDS[2]), needed=(("plan_id",), ("team",)))


def plan_teams_import(
    *, partnership: Partnership, name: str, content: bytes, by: User
) -> tuple[int, int]:
    """Set the teams of a CSV of plan id, team (a blank team goes back to the snapshot's),
    all or none: every problem is raised on the form's file field with its row and
    column. Returns how many teams were set and how many cleared."""
    _require_manager(by, partnership)
    try:
        teams = _plan_teams_read(partnership, read_upload(content, name=name))
    except WorkbookInvalid as invalid:
        raise ValidationError({"file": [str(problem) for problem in invalid.problems]}) from None
    return services.plan_teams_set(partnership=partnership, teams=teams, by=by)


def _plan_teams_read(partnership: Partnership, table: Table) -> dict[str, str]:
    columns = {field: letter for letter, field in columns_of(table, _PLAN_TEAMS, {}).items()}
    missing = _PLAN_TEAMS.missing(set(columns))
    if missing:
        raise WorkbookInvalid(
            [
                Problem(f"No column is headed {label}: head the columns plan id and team")
                for label in missing
            ]
        )
    snapshot = queries.latest_snapshot(partnership)
    if snapshot is None:
        raise WorkbookInvalid([Problem("Load a casework snapshot first: teams are for its plans")])
    live = {row.plan_id for row in queries.plan_teams(partnership, snapshot)}
    problems, teams, rows_of = [], {}, {}
    at = columns["plan_id"]
    for number, cells in table.rows:
        plan_id, team = text(cells.get(at)), text(cells.get(columns["team"]))
        if not plan_id:
            message, column = "Give the plan id", at
        elif plan_id not in live:
            message, column = f"'{plan_id}' is not a live plan in the {snapshot}", at
        elif plan_id in rows_of:
            message, column = f"Plan {plan_id} is in row {rows_of[plan_id]} too", at
        elif len(team) > 100:
            message, column = "A team's name is at most 100 characters", columns["team"]
        else:
            teams[plan_id], rows_of[plan_id] = team, number
            continue
        problems.append(Problem(message, table.sheet, number, column, table.headers[column]))
    if problems:
        raise WorkbookInvalid(problems)
    return teams
