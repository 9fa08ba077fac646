"""Importing a plan tracker: its rows become priority areas, outcomes and plan lines.

Every row goes through the plan services the forms use, in one transaction: a single
refused row means nothing is saved, and every refusal is listed with its cell.
Lines already in the plan are matched by reference and updated; lines of the plan the
workbook does not mention are left as they are, and listed.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendboard.governance.models import Organisation, Partnership, Person
from sendboard.plans import services as plan_services
from sendboard.plans.models import ImprovementPlan, Outcome, PlanAction, PriorityArea, Status
from sendboard.plans.services.access import open_period
from sendboard.workbooks import cells
from sendboard.workbooks.kinds import PLAN_TRACKER
from sendboard.workbooks.matching import Organisations, People, UnknownPerson
from sendboard.workbooks.problems import Problem, WorkbookInvalid
from sendboard.workbooks.reading import Table
from sendboard.workbooks.results import ImportResult
from sendboard.workbooks.rows import Row, check_columns, mapped_rows
from sendboard.workbooks.services.access import require_editor
from sendboard.workbooks.services.lines import line_progress_set, line_update


@dataclass(frozen=True)
class NewPlan:
    title: str
    kind: str = ImprovementPlan.Kind.PRIORITY_ACTION_PLAN


@transaction.atomic
def plan_tracker_import(
    *,
    table: Table,
    columns: Mapping[str, str],
    partnership: Partnership,
    plan: ImprovementPlan | None = None,
    new_plan: NewPlan | None = None,
    leave_unknown_owners_blank: bool = False,
    dry_run: bool = False,
    by: User,
) -> ImportResult:
    """Import `table` (its columns mapped letter: field) into `plan`, or a new plan.

    Raises `WorkbookInvalid` listing every problem, with nothing saved. A dry run
    checks every row the same way and then undoes it, to say what an import would do.
    """
    require_editor(by, partnership)
    check_columns(table, columns, PLAN_TRACKER)
    rows = list(
        mapped_rows(table, columns, carried=("area", "area_title", "outcome", "outcome_title"))
    )
    if plan is None:
        plan = _start_plan(partnership, new_plan, rows, by=by)
    elif plan.partnership_id != partnership.pk:
        raise ValidationError("The plan belongs to another partnership")
    importer = _Importer(plan, by=by, leave_unknown_owners_blank=leave_unknown_owners_blank)
    for row in rows:
        importer.take(row)
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise WorkbookInvalid(problems)
    result = importer.result
    result.untouched = [
        line.reference
        for line in PlanAction.objects.filter(outcome__area__plan=plan).exclude(
            pk__in=importer.seen
        )
    ]
    if dry_run:
        result.dry_run = True
        transaction.set_rollback(True)
    return result


def _start_plan(
    partnership: Partnership, new_plan: NewPlan | None, rows: list[Row], *, by: User
) -> ImprovementPlan:
    if new_plan is None or not new_plan.title.strip():
        raise WorkbookInvalid([Problem("Choose the plan to import into, or title a new plan")])
    return plan_services.plan_create(
        partnership=partnership,
        title=new_plan.title,
        kind=new_plan.kind,
        starts_on=_first_start(rows),
        by=by,
    )


def _first_start(rows: list[Row]) -> date:
    """A new plan starts with its earliest line, else today.

    A start date that cannot be read is left out here; its row reports it.
    """
    starts = []
    for row in rows:
        try:
            starts.append(cells.parse_date(row.values.get("starts_on")))
        except cells.CellError:
            continue
    return min((start for start in starts if start), default=timezone.localdate())


# "APA1: Timely plans", "AFI 2 - Joint commissioning", "Outcome 1.2 Plans on time"
_REFERENCE_AND_TITLE = re.compile(
    r"^(?:(?:outcome|priority|area|objective)\s+)?(?P<reference>[A-Za-z]{0,5}\s?\d+(?:\.\d+)*[a-z]?)(?:\s*[:\-\u2013.)]\s*|\s+|$)(?P<title>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def split_reference(value: str) -> tuple[str, str]:
    """A reference and a title from one cell: "APA1: Timely plans" gives both."""
    found = _REFERENCE_AND_TITLE.match(value.strip())
    if not found or len(found.group("reference")) > 20:
        return "", value.strip()
    return found.group("reference").replace(" ", ""), found.group("title").strip()


class _Importer:
    """Takes the rows one at a time, remembering the areas and outcomes made on the way."""

    def __init__(self, plan: ImprovementPlan, *, by: User, leave_unknown_owners_blank: bool):
        self.plan = plan
        self.by = by
        self.leave_blank = leave_unknown_owners_blank
        self.result = ImportResult(
            into=plan.title, url=plan.get_absolute_url(), noun="lines", plan=plan
        )
        self.period = open_period(plan)
        self.areas = {area.reference: area for area in plan.areas.all()}
        self.outcomes = {
            (outcome.area_id, outcome.reference): outcome
            for outcome in Outcome.objects.filter(area__plan=plan)
        }
        self.lines = {
            line.reference: line
            for line in PlanAction.objects.filter(outcome__area__plan=plan).prefetch_related(
                "owners", "evidence"
            )
        }
        self.failed: set[object] = set()  # areas and outcomes refused once, not again per row
        self.first_row: dict[str, int] = {}
        self.people = People(plan.partnership)
        self.organisations = Organisations(plan.partnership)

    @property
    def seen(self) -> list[int]:
        return [self.lines[reference].pk for reference in self.first_row if reference in self.lines]

    def take(self, row: Row) -> None:
        reference, text = row.text("reference"), row.text("text")
        if not reference and not text:
            return  # a blank row, or a heading that groups the rows beneath it
        if not reference:
            row.refuse("reference", "Give the action the reference the plan uses, such as 1.3")
            return
        if reference in self.first_row:
            row.refuse(
                "reference", f"Ref {reference} is already on row {self.first_row[reference]}"
            )
            return
        self.first_row[reference] = row.number
        fields = self._fields(row)
        status = row.read("status", cells.parse_status)
        line = self.lines.get(reference)
        outcome = self._place(row, line)
        if outcome is None or row.problems:
            return
        if line is None:
            self._add(row, outcome, fields, status)
        else:
            self._update(row, line, fields, status)

    def _place(self, row: Row, line: PlanAction | None) -> Outcome | None:
        """The outcome the row's line goes under.

        A line already in the plan stays where it is: a row that names another area
        or outcome for it is refused, as an import does not move lines.
        """
        if line is None:
            return self._outcome(row)
        here = line.outcome
        if row.text("outcome") or row.text("outcome_title"):
            named = self._outcome(row)
            moved = named is not None and named.pk != here.pk
        else:
            reference, title = split_reference(row.text("area"))
            moved = (
                reference != here.area.reference
                if reference
                else title not in ("", here.area.title)
            )
        if moved:
            row.refuse(
                "reference",
                f"Ref {line.reference} is under {here.area.reference} outcome {here.reference} "
                "in the plan: an import does not move a line to another area or outcome",
            )
        return here

    def _fields(self, row: Row) -> dict:
        return {
            "text": row.text("text"),
            "owners": self._owners(row),
            "lead_organisation": self._organisation(row),
            "workstream": row.text("workstream"),
            "starts_on": row.read("starts_on", cells.parse_date),
            "due_on": row.read("due_on", cells.parse_date, month_end=True),
            "success_measures": row.text("success_measures"),
        }

    def _owners(self, row: Row) -> list[Person]:
        found = []
        for name in cells.names(row.values.get("owners")):
            try:
                found.append(self.people.named(name))
            except UnknownPerson as unknown:
                if not self.leave_blank:
                    row.refuse("owners", f"{unknown}, or leave unknown owners blank")
                    continue
                letter, heading = row.columns["owners"]
                self.result.warnings.append(
                    Problem(
                        f"'{name}' is not a person of the partnership: left out",
                        row.sheet,
                        row.number,
                        letter,
                        heading,
                    )
                )
            except cells.CellError as error:
                row.refuse("owners", str(error))
        return found

    def _organisation(self, row: Row) -> Organisation | None:
        name = row.text("lead_organisation")
        return (
            row.read("lead_organisation", lambda _: self.organisations.named(name))
            if name
            else None
        )

    def _area(self, row: Row) -> PriorityArea | None:
        reference, title = split_reference(row.text("area"))
        title = row.text("area_title") or title
        if not reference:
            named = [area for area in self.areas.values() if area.title == title]
            reference = named[0].reference if named else f"P{len(self.areas) + 1}"
        if reference in self.areas or ("area", reference) in self.failed:
            return self.areas.get(reference)
        area = row.attempt(
            lambda: plan_services.priority_area_create(
                plan=self.plan,
                reference=reference,
                title=title or reference,
                kind=_area_kind(reference),
                by=self.by,
            ),
            fields={"reference": "area", "title": "area_title"},
        )
        if area is None:
            self.failed.add(("area", reference))
        else:
            self.areas[reference] = area
        return area

    def _outcome(self, row: Row) -> Outcome | None:
        area = self._area(row)
        if area is None:
            return None
        reference, title = split_reference(row.text("outcome"))
        title = row.text("outcome_title") or title or area.title
        if not reference:
            named = [
                o for (key, _), o in self.outcomes.items() if key == area.pk and o.title == title
            ]
            count = sum(1 for key, _ in self.outcomes if key == area.pk)
            reference = named[0].reference if named else str(count + 1)
        key = (area.pk, reference)
        if key in self.outcomes or key in self.failed:
            return self.outcomes.get(key)
        outcome = row.attempt(
            lambda: plan_services.outcome_create(
                area=area, reference=reference, title=title, by=self.by
            ),
            fields={"reference": "outcome", "title": "outcome_title"},
        )
        if outcome is None:
            self.failed.add(key)
        else:
            self.outcomes[key] = outcome
        return outcome

    def _add(self, row: Row, outcome: Outcome, fields: dict, status: Status | None) -> None:
        line = row.attempt(
            lambda: plan_services.plan_action_create(
                outcome=outcome, reference=row.text("reference"), **fields, by=self.by
            )
        )
        if line is None:
            return
        self.lines[line.reference] = line
        self._progress(row, line, status)
        if not row.problems:
            self.result.added.append(line.reference)

    def _update(self, row: Row, line: PlanAction, fields: dict, status: Status | None) -> None:
        changed = row.attempt(lambda: line_update(plan_action=line, **fields, by=self.by))
        progressed = self._progress(row, line, status)
        if row.problems:
            return
        (self.result.updated if changed or progressed else self.result.unchanged).append(
            line.reference
        )

    def _progress(self, row: Row, line: PlanAction, status: Status | None) -> bool:
        """Status, impact, risks and evidence, as an owner's update would record them."""
        if row.problems:
            return False
        changed = row.attempt(
            lambda: line_progress_set(
                plan_action=line,
                status=status or line.status or Status.NOT_STARTED,
                note=row.text("note"),
                impact=row.text("impact") if "impact" in row.columns else line.impact,
                risks_and_mitigations=(
                    row.text("risks_and_mitigations")
                    if "risks_and_mitigations" in row.columns
                    else line.risks_and_mitigations
                ),
                evidence=row.text("evidence"),
                period=self.period,
                by=self.by,
            )
        )
        return bool(changed)


def _area_kind(reference: str) -> str:
    prefix = reference.upper()
    if prefix.startswith("APA"):
        return PriorityArea.Kind.PRIORITY_ACTION
    if prefix.startswith("AFI"):
        return PriorityArea.Kind.IMPROVEMENT
    return PriorityArea.Kind.OTHER
