import io
from datetime import date

import pytest
from openpyxl import load_workbook

from sendboard.governance.tests.factories import PartnershipFactory, PersonFactory, RoleFactory
from sendboard.plans.models import PlanAction, Status
from sendboard.workbooks.exports import plan_tracker_workbook
from sendboard.workbooks.tests.sheets import council_tracker
from sendboard.workbooks.tests.test_plan_import import run

pytestmark = pytest.mark.django_db


def _line_record(line: PlanAction) -> tuple:
    return (
        line.outcome.area.reference,
        line.outcome.area.title,
        line.outcome.reference,
        line.outcome.title,
        line.reference,
        line.text,
        sorted(owner.name for owner in line.owners.all()),
        line.lead_organisation.name if line.lead_organisation else "",
        line.workstream,
        line.starts_on,
        line.due_on,
        line.status,
        line.impact,
        [e.text for e in line.evidence.all()],
        line.success_measures,
        line.risks_and_mitigations,
    )


def _records(plan) -> list[tuple]:
    lines = PlanAction.objects.filter(outcome__area__plan=plan).order_by("reference")
    return [_line_record(line) for line in lines]


def test_the_export_has_a_frozen_header_row_widths_and_status_words(
    partnership, people, organisations
):
    plan = run(council_tracker(), partnership, people["manager"].user).plan
    sheet = load_workbook(io.BytesIO(plan_tracker_workbook(plan))).active

    assert sheet.title == "Tracker"
    assert sheet["A1"].value.startswith("Priority Action Plan 2025: plan tracker, exported")
    assert [cell.value for cell in sheet[3]][:6] == [
        "Priority area",
        "Priority area title",
        "Outcome",
        "Outcome title",
        "Ref",
        "Action",
    ]
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["F"].width == 50
    statuses = [row[11].value for row in sheet.iter_rows(min_row=4)]
    assert statuses == ["On track", "At risk", "Complete"]
    assert sheet["K4"].value.date() == date(2026, 3, 31)


def test_a_cell_that_would_run_as_a_formula_is_written_as_text_and_reads_back(
    partnership, people, organisations
):
    plan = run(council_tracker(), partnership, people["manager"].user).plan
    line = PlanAction.objects.get(outcome__area__plan=plan, reference="1.1")
    line.success_measures = '=HYPERLINK("http://example.com")'
    line.workstream = "-SEN support"
    line.save()

    data = plan_tracker_workbook(plan)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["O4"].value == '\'=HYPERLINK("http://example.com")'
    assert sheet["O4"].data_type == "s"
    assert sheet["I4"].value == "'-SEN support"

    again = run(data, partnership, people["manager"].user, plan=plan)
    assert again.unchanged == ["1.1", "1.2", "2.1"]


def test_an_exported_tracker_imports_into_a_fresh_partnership_as_the_same_records(
    partnership, people, organisations
):
    plan = run(council_tracker(), partnership, people["manager"].user).plan
    elsewhere = PartnershipFactory(slug="elsewhere")
    for person in people.values():
        PersonFactory(partnership=elsewhere, name=person.name)
    RoleFactory(user=people["manager"].user, partnership=elsewhere, name="manager")
    for organisation in organisations.values():
        organisation.pk = None
        organisation.partnership = elsewhere
        organisation.save()

    copied = run(
        plan_tracker_workbook(plan), elsewhere, people["manager"].user, title=plan.title
    ).plan

    assert copied.partnership == elsewhere
    assert _records(copied) == _records(plan)
    assert {line.status for line in PlanAction.objects.filter(outcome__area__plan=copied)} == {
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.COMPLETE,
    }
