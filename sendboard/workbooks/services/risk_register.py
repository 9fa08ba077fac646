"""Importing a risk register: each row becomes a risk, scored and mitigated.

Every row goes through the risk register's own services in one transaction, so the
rules are the forms' rules; a single refused row means nothing is saved. Risks are
matched by reference; risks of the register the workbook leaves out stay as they are.
"""

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction
from django.urls import reverse

from sendboard.governance.models import Partnership, Person
from sendboard.risks import services as risk_services
from sendboard.risks.models import Risk
from sendboard.workbooks import cells
from sendboard.workbooks.kinds import RISK_REGISTER
from sendboard.workbooks.matching import People
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import Table
from sendboard.workbooks.results import ImportResult
from sendboard.workbooks.rows import Row, check_columns, mapped_rows
from sendboard.workbooks.services.access import require_editor

_GRADES = ("likelihood", "impact", "residual_likelihood", "residual_impact")
_TARGETS = ("target_likelihood", "target_impact")
_STATUS_WORDS = {
    Risk.Status.OPEN: ("open", "live", "active", "new"),
    Risk.Status.TOLERATED: ("tolerated", "tolerate", "accepted", "accept"),
    Risk.Status.CLOSED: ("closed", "close", "archived"),
}
_STATUS_BY_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}
TITLE_LENGTH = Risk._meta.get_field("title").max_length


@transaction.atomic
def risk_register_import(
    *,
    table: Table,
    columns: Mapping[str, str],
    partnership: Partnership,
    dry_run: bool = False,
    by: User,
) -> ImportResult:
    """Import `table` (its columns mapped letter: field) into the partnership's register.

    Raises `WorkbookInvalid` listing every problem, with nothing saved; a dry run
    checks every row the same way and then undoes it.
    """
    require_editor(by, partnership)
    check_columns(table, columns, RISK_REGISTER)
    importer = _Importer(partnership, by=by)
    rows = list(mapped_rows(table, columns))
    for row in rows:
        importer.take(row)
    problems = [problem for row in rows for problem in row.problems]
    if problems:
        raise WorkbookInvalid(problems)
    result = importer.result
    result.untouched = list(
        partnership.risks.exclude(reference__in=importer.first_row).values_list(
            "reference", flat=True
        )
    )
    if dry_run:
        result.dry_run = True
        transaction.set_rollback(True)
    return result


def _title(row: Row) -> str:
    """The risk's title; a register with only a description is titled by its first line."""
    if title := row.text("title"):
        return title
    first = row.text("description").split("\n")[0].strip()
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1] + "\u2026"


def _category(row: Row) -> tuple[str, str]:
    typed = row.text("category")
    if not typed:
        return Risk.Category.OTHER, "Not given"
    wanted = cells.normalise(typed)
    for value, label in Risk.Category.choices:
        if wanted in {value, cells.normalise(label)} or cells.normalise(label).startswith(wanted):
            return value, ""
    return Risk.Category.OTHER, typed


def _status(value: object) -> str | None:
    typed = cells.text(value)
    if not typed:
        return None
    found = _STATUS_BY_WORD.get(cells.normalise(typed).split(" ")[0])
    if found is None:
        raise cells.CellError(f"'{typed}' is not a status: use Open, Tolerated or Closed")
    return found


class _Importer:
    def __init__(self, partnership: Partnership, *, by: User) -> None:
        self.partnership = partnership
        self.by = by
        self.people = People(partnership)
        self.risks = {
            risk.reference: risk
            for risk in partnership.risks.select_related("owner").prefetch_related(
                "mitigations", "plan_actions"
            )
        }
        self.first_row: dict[str, int] = {}
        self.result = ImportResult(
            into="the risk register",
            url=reverse("risk_list", kwargs={"partnership": partnership.slug}),
            noun="risks",
        )

    def take(self, row: Row) -> None:
        reference = row.text("reference")
        if not (reference or row.text("title") or row.text("description")):
            return  # a blank row, or a heading that groups the rows beneath it
        if reference in self.first_row:
            row.refuse(
                "reference", f"Risk {reference} is already on row {self.first_row[reference]}"
            )
            return
        fields = self._fields(row)
        status = row.read("status", _status)
        escalated = row.read("escalated", cells.parse_yes_no)
        if row.problems:
            return
        risk = self.risks.get(reference) if reference else None
        if risk is None:
            risk = row.attempt(
                lambda: risk_services.risk_create(
                    partnership=self.partnership,
                    reference=reference,
                    **fields,
                    escalated_to_board=bool(escalated),
                    by=self.by,
                )
            )
            changed = risk is not None
        else:
            changed = self._update(row, risk, fields, escalated)
        if risk is None or row.problems:
            return
        self.first_row[risk.reference] = row.number
        changed = self._status(row, risk, status) or changed
        changed = self._mitigations(row, risk) or changed
        if row.problems:
            return
        if risk.reference not in self.risks:
            self.risks[risk.reference] = risk
            self.result.added.append(risk.reference)
        else:
            (self.result.updated if changed else self.result.unchanged).append(risk.reference)

    def _fields(self, row: Row) -> dict:
        grades = {name: row.read(name, cells.parse_grade) for name in (*_GRADES, *_TARGETS)}
        for residual, inherent in (
            ("residual_likelihood", "likelihood"),
            ("residual_impact", "impact"),
        ):
            # A register without residual scores has not mitigated yet: residual is inherent.
            if residual not in row.columns:
                grades[residual] = grades[inherent]
        self._check_score(row, "score", grades["likelihood"], grades["impact"])
        self._check_score(
            row, "residual_score", grades["residual_likelihood"], grades["residual_impact"]
        )
        category, other = _category(row)
        fields = {
            "title": _title(row),
            "description": row.text("description"),
            "category": category,
            "category_other": other,
            "owner": self._owner(row),
            **grades,
        }
        if due := row.read("review_due_on", cells.parse_date):
            fields["review_due_on"] = due
        return fields

    def _check_score(self, row: Row, name: str, likelihood, impact) -> None:
        typed = row.text(name)
        if not typed or likelihood is None or impact is None:
            return
        if typed != str(likelihood * impact):
            row.refuse(
                name,
                f"The score {typed} is not likelihood {likelihood} times impact {impact}, "
                f"which is {likelihood * impact}",
            )

    def _owner(self, row: Row) -> Person | None:
        name = row.text("owner")
        return row.read("owner", lambda _: self.people.named(name)) if name else None

    def _update(self, row: Row, risk: Risk, fields: dict, escalated: bool | None) -> bool:
        wanted = {**fields, "review_due_on": fields.get("review_due_on", risk.review_due_on)}
        changed = any(getattr(risk, name) != value for name, value in wanted.items())
        if changed:
            row.attempt(
                lambda: risk_services.risk_update(
                    risk=risk,
                    **wanted,
                    review_every_months=risk.review_every_months,
                    plan_actions=risk.plan_actions.all(),
                    opened_version=None,
                    by=self.by,
                )
            )
        if escalated is not None and escalated != risk.escalated_to_board and risk.live:
            row.attempt(
                lambda: risk_services.risk_escalate(risk=risk, escalate=escalated, by=self.by)
            )
            changed = True
        return changed

    def _status(self, row: Row, risk: Risk, status: str | None) -> bool:
        if status is None or status == risk.status:
            return False
        if status == Risk.Status.CLOSED:
            row.attempt(
                lambda: risk_services.risk_close(
                    risk=risk, reason=row.text("closure_reason"), by=self.by
                ),
                fields={"reason": "closure_reason"},
            )
        elif risk.live:
            row.attempt(
                lambda: risk_services.risk_tolerate(
                    risk=risk, tolerate=status == Risk.Status.TOLERATED, by=self.by
                )
            )
        else:
            row.refuse("status", f"Risk {risk.reference} is closed: it cannot be opened again")
        return True

    def _mitigations(self, row: Row, risk: Risk) -> bool:
        known = {mitigation.text for mitigation in risk.mitigations.all()}
        added = False
        for text in cells.lines_of(row.values.get("mitigations")):
            if text in known:
                continue
            row.attempt(
                lambda text=text: risk_services.mitigation_add(risk=risk, text=text, by=self.by),
                fields={"text": "mitigations"},
            )
            known.add(text)
            added = True
        return added
