import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from sendboard.plans.models import ImprovementPlan, PlanAction, PriorityArea, ProgressUpdate, Status
from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    ReportingPeriodFactory,
)
from sendboard.workbooks.kinds import PLAN_TRACKER
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import read_table
from sendboard.workbooks.services import (
    NewPlan,
    columns_for,
    mapping_for,
    plan_tracker_import,
)
from sendboard.workbooks.services.plan_tracker import split_reference
from sendboard.workbooks.tests.sheets import council_tracker, tracker_row, workbook

pytestmark = pytest.mark.django_db


def run(data, partnership, by, *, plan=None, title="Priority Action Plan 2025", **options):
    table = read_table(data, name="tracker.xlsx")
    columns = columns_for(table, PLAN_TRACKER, mapping_for(partnership, "plan_tracker"))
    return plan_tracker_import(
        table=table,
        columns=columns,
        partnership=partnership,
        plan=plan,
        new_plan=NewPlan(title) if plan is None else None,
        by=by,
        **options,
    )


def test_a_council_tracker_becomes_a_plan_of_areas_outcomes_and_lines(
    partnership, people, organisations
):
    result = run(council_tracker(), partnership, people["manager"].user)

    plan = result.plan
    assert plan.title == "Priority Action Plan 2025"
    assert plan.starts_on == date(2025, 4, 1)
    assert result.added == ["1.1", "1.2", "2.1"]
    areas = {area.reference: area for area in plan.areas.all()}
    assert areas["APA1"].title == "Timely, high-quality EHC plans"
    assert areas["APA2"].title == "Joint commissioning"
    assert areas["APA1"].kind == PriorityArea.Kind.PRIORITY_ACTION
    first, second, third = PlanAction.objects.filter(outcome__area__plan=plan).order_by("reference")
    assert first.outcome.title == "Plans are issued within 20 weeks"
    assert first.lead_organisation == organisations["council"]
    assert first.due_on == date(2026, 3, 31)
    assert first.starts_on == date(2025, 4, 1)
    assert first.status == Status.ON_TRACK
    assert first.success_measures == "20-week timeliness above 60%"
    assert list(first.owners.all()) == [people["manager"]]
    # The area and outcome cells above carry down to the rows they group.
    assert second.outcome == first.outcome
    assert set(second.owners.all()) == {people["editor"], people["member"]}
    assert second.status == Status.AT_RISK
    assert third.outcome.area.reference == "APA2"
    assert third.lead_organisation == organisations["icb"]
    assert third.status == Status.COMPLETE
    assert third.impact == "Waits fell from 40 to 18 weeks"
    assert [e.text for e in third.evidence.all()] == ["Waiting list report, September 2025"]
    assert third.history.first().history_user == people["manager"].user


def test_every_problem_names_its_sheet_row_and_column_and_nothing_is_saved(
    partnership, people, organisations
):
    data = workbook(
        [
            tracker_row(priority="APA1", ref="1.1", action="Recruit", target_date="31/02/2025"),
            tracker_row(priority="APA1", ref="1.2", action="Panel", lead_officer="Jo Nobody"),
            tracker_row(priority="APA1", ref="1.3", action="", rag="Green"),
            tracker_row(priority="APA1", ref="1.4", action="Audit", rag="Blue"),
            tracker_row(
                priority="APA1",
                ref="1.5",
                action="Train",
                start_date="01/06/2025",
                target_date="01/05/2025",
            ),
            tracker_row(priority="APA1", ref="1.1", action="Again"),
            tracker_row(priority="APA1", ref="1.6", action="Lead", lead="Acme Ltd", rag="Pink"),
        ]
    )
    with pytest.raises(WorkbookInvalid) as raised:
        run(data, partnership, people["manager"].user)

    assert [str(problem) for problem in raised.value.problems] == [
        "Sheet 'Tracker', row 5, column I (Target date): '31/02/2025' is not a date",
        "Sheet 'Tracker', row 6, column F (Lead Officer): 'Jo Nobody' is not a person of the "
        "partnership: add them under Groups, Everyone in the partnership, or leave unknown "
        "owners blank",
        "Sheet 'Tracker', row 7, column D (Action): Enter what the action is",
        "Sheet 'Tracker', row 8, column L (Impact): Say what difference it has made for "
        "children and families",
        "Sheet 'Tracker', row 9, column I (Target date): The due date must be on or after "
        "the start date",
        "Sheet 'Tracker', row 10, column C (Ref): Ref 1.1 is already on row 5",
        "Sheet 'Tracker', row 11, column E (Lead): 'Acme Ltd' is not an organisation of the "
        "partnership: add it in the back office, or leave the cell blank",
        "Sheet 'Tracker', row 11, column J (RAG): 'Pink' is not a status: use Not started, "
        "On track, At risk, Off track, Complete or Embedded, or Grey, Green, Amber, Red, Blue",
    ]
    assert not ImprovementPlan.objects.exists()
    assert not PriorityArea.objects.exists()
    assert not PlanAction.objects.exists()


def test_unknown_owners_can_be_left_blank_with_a_warning(partnership, people):
    data = workbook([tracker_row(priority="APA1", ref="1.1", action="Panel", lead_officer="Jo X")])
    result = run(data, partnership, people["manager"].user, leave_unknown_owners_blank=True)
    assert result.added == ["1.1"]
    assert [str(w) for w in result.warnings] == [
        "Sheet 'Tracker', row 5, column F (Lead Officer): 'Jo X' is not a person of the "
        "partnership: left out"
    ]


def test_an_existing_plan_is_updated_by_reference_and_lines_left_out_are_listed(
    partnership, people, organisations
):
    plan = ImprovementPlanFactory(partnership=partnership)
    area = PriorityAreaFactory(plan=plan, reference="APA1", title="Timely plans")
    outcome = OutcomeFactory(area=area, reference="1", title="Plans on time")
    kept = PlanActionFactory(outcome=outcome, reference="1.1", text="Old words")
    PlanActionFactory(outcome=outcome, reference="1.9", text="Not in the workbook")
    ReportingPeriodFactory(plan=plan, starts_on=date(2026, 11, 1), ends_on=date(2026, 11, 30))

    result = run(council_tracker(), partnership, people["editor"].user, plan=plan)

    assert result.updated == ["1.1"]
    assert result.added == ["1.2", "2.1"]
    assert result.untouched == ["1.9"]
    kept.refresh_from_db()
    assert kept.text == "Recruit two more EHC plan writers"
    assert kept.status == Status.ON_TRACK
    # With a period open, the status is an owner's update in it, with the sheet's note.
    assert ProgressUpdate.objects.filter(plan_action=kept, status=Status.ON_TRACK).exists()
    assert PlanAction.objects.filter(outcome__area__plan=plan).count() == 4


def test_importing_the_same_workbook_again_changes_nothing(partnership, people, organisations):
    plan = run(council_tracker(), partnership, people["manager"].user).plan
    again = run(council_tracker(), partnership, people["manager"].user, plan=plan)
    assert again.added == again.updated == []
    assert again.unchanged == ["1.1", "1.2", "2.1"]


def test_a_dry_run_says_what_it_would_do_and_saves_nothing(partnership, people, organisations):
    result = run(council_tracker(), partnership, people["manager"].user, dry_run=True)
    assert result.added == ["1.1", "1.2", "2.1"]
    assert not ImprovementPlan.objects.exists()


def test_a_mapping_without_the_needed_columns_is_refused(partnership, people):
    data = workbook([["x", "y", "z"]], headings=["Ref", "Notes", "Owner"])
    with pytest.raises(WorkbookInvalid) as raised:
        run(data, partnership, people["manager"].user)
    assert [str(p) for p in raised.value.problems] == [
        "Sheet 'Tracker': Map a column to Priority area or Priority area title",
        "Sheet 'Tracker': Map a column to Action",
    ]


@pytest.mark.parametrize("role", ["member", "viewer", "analyst"])
def test_only_managers_and_editors_import(partnership, people, role):
    plan = ImprovementPlanFactory(partnership=partnership)
    with pytest.raises(PermissionDenied):
        run(council_tracker(), partnership, people[role].user, plan=plan)


def test_an_editor_cannot_start_a_plan_by_import(partnership, people, organisations):
    with pytest.raises(PermissionDenied):
        run(council_tracker(), partnership, people["editor"].user)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("APA1: Timely plans", ("APA1", "Timely plans")),
        ("AFI 2 - Joint commissioning", ("AFI2", "Joint commissioning")),
        ("Outcome 1.2 Plans on time", ("1.2", "Plans on time")),
        ("Priority 3: Sufficiency", ("3", "Sufficiency")),
        ("APA1", ("APA1", "")),
        ("1", ("1", "")),
        ("Timely plans", ("", "Timely plans")),
    ],
)
def test_a_cell_can_hold_a_reference_and_a_title(typed, expected):
    assert split_reference(typed) == expected


def test_an_area_without_a_reference_is_numbered_and_found_again_by_title(partnership, people):
    data = workbook(
        [
            tracker_row(priority="Timely plans", ref="1.1", action="Recruit"),
            tracker_row(priority="Sufficiency", ref="2.1", action="Build"),
            tracker_row(priority="Timely plans", ref="1.2", action="Panel"),
        ]
    )
    plan = run(data, partnership, people["manager"].user).plan
    assert [(a.reference, a.title) for a in plan.areas.order_by("position")] == [
        ("P1", "Timely plans"),
        ("P2", "Sufficiency"),
    ]
    assert PlanAction.objects.get(reference="1.2").outcome.area.reference == "P1"


def test_a_line_stays_under_its_outcome_when_the_workbook_names_none(partnership, people):
    plan = ImprovementPlanFactory(partnership=partnership)
    area = PriorityAreaFactory(plan=plan, reference="APA1", title="Timely plans")
    outcome = OutcomeFactory(area=area, reference="2", title="Plans on time")
    PlanActionFactory(outcome=outcome, reference="1.1", text="Old words")
    headings = ["Priority", "Ref", "Action"]
    stays = workbook([["APA1", "1.1", "New words"]], headings=headings)
    assert run(stays, partnership, people["editor"].user, plan=plan).updated == ["1.1"]
    assert PlanAction.objects.get(reference="1.1").outcome == outcome

    moves = workbook([["APA2", "1.1", "New words"]], headings=headings)
    with pytest.raises(WorkbookInvalid, match="an import does not move a line"):
        run(moves, partnership, people["editor"].user, plan=plan)


def test_merged_area_cells_group_the_rows_beneath_them(partnership, people):
    data = workbook(
        [
            tracker_row(priority="APA1: Timely plans", ref="1.1", action="Recruit"),
            tracker_row(ref="1.2", action="Panel"),
            tracker_row(ref="1.3", action="Audit"),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    book.active.merge_cells("A5:A7")
    output = io.BytesIO()
    book.save(output)
    plan = run(output.getvalue(), partnership, people["manager"].user).plan
    lines = PlanAction.objects.filter(outcome__area__plan=plan)
    assert {line.outcome.area.reference for line in lines} == {"APA1"}
    assert lines.count() == 3
