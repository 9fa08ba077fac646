import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from sendboard.governance.tests.factories import PartnershipFactory, PersonFactory, RoleFactory
from sendboard.risks.models import Risk, RiskReview
from sendboard.workbooks.exports import risk_register_workbook
from sendboard.workbooks.kinds import RISK_REGISTER
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import read_table
from sendboard.workbooks.services import columns_for, mapping_for, risk_register_import
from sendboard.workbooks.tests.sheets import REGISTER_HEADINGS, council_register, workbook

pytestmark = pytest.mark.django_db


def run(data, partnership, by, **options):
    table = read_table(data, name="register.xlsx")
    columns = columns_for(table, RISK_REGISTER, mapping_for(partnership, "risk_register"))
    return risk_register_import(
        table=table, columns=columns, partnership=partnership, by=by, **options
    )


def _record(risk: Risk) -> tuple:
    return (
        risk.reference,
        risk.title,
        risk.description,
        risk.category,
        risk.category_other,
        risk.owner.name,
        risk.likelihood,
        risk.impact,
        risk.residual_likelihood,
        risk.residual_impact,
        risk.target_likelihood,
        risk.target_impact,
        risk.review_due_on,
        risk.status,
        risk.escalated_to_board,
        [mitigation.text for mitigation in risk.mitigations.all()],
    )


def test_a_council_register_becomes_risks_with_scores_and_mitigations(partnership, people):
    result = run(council_register(), partnership, people["editor"].user)

    assert result.added == ["R01", "R02"]
    first, second = Risk.objects.filter(partnership=partnership).order_by("reference")
    assert first.title.startswith("Demand for EHC needs assessments")
    assert first.category == Risk.Category.STATUTORY
    assert first.owner == people["manager"]
    assert (first.likelihood, first.impact) == (4, 5)
    assert (first.residual_likelihood, first.residual_impact) == (3, 4)
    assert first.review_due_on == date(2026, 6, 30)
    assert [m.text for m in first.mitigations.all()] == ["Recruit two plan writers", "Weekly panel"]
    assert RiskReview.objects.filter(risk=first, kind=RiskReview.Kind.ADDED).exists()
    assert second.owner == people["editor"]
    assert second.status == Risk.Status.TOLERATED
    assert second.review_due_on == date(2026, 9, 1)


def test_every_problem_names_its_cell_and_nothing_is_saved(partnership, people):
    data = workbook(
        [
            ["R01", "Late plans", "Statutory", "Nobody Known", 4, 5, 20, 3, 4, "", "", "Open"],
            ["R02", "Overspend", "Financial", "Editor Tester", 3, 4, 15, 6, 4, "", "", "Maybe"],
            ["R03", "", "Financial", "Editor Tester", 3, 4, 12, 2, 2, "", "soon", "Closed"],
        ],
        headings=REGISTER_HEADINGS,
        sheet="Risks",
    )
    with pytest.raises(WorkbookInvalid) as raised:
        run(data, partnership, people["manager"].user)
    assert [str(problem) for problem in raised.value.problems] == [
        "Sheet 'Risks', row 5, column D (Risk owner): 'Nobody Known' is not a person of the "
        "partnership: add them under Groups, Everyone in the partnership",
        "Sheet 'Risks', row 6, column H (Residual L): '6' is not a number from 1 to 5",
        "Sheet 'Risks', row 6, column G (Score): The score 15 is not likelihood 3 times "
        "impact 4, which is 12",
        "Sheet 'Risks', row 6, column L (Status): 'Maybe' is not a status: use Open, "
        "Tolerated or Closed",
        "Sheet 'Risks', row 7, column K (Review date): 'soon' is not a date",
    ]
    assert not Risk.objects.exists()


def test_a_service_refusal_names_the_column_it_is_about(partnership, people):
    data = workbook(
        [["R01", "Late plans", "Statutory", "Manager Tester", 4, 5, 20, 3, "", "", "", "Open"]],
        headings=REGISTER_HEADINGS,
    )
    with pytest.raises(WorkbookInvalid) as raised:
        run(data, partnership, people["manager"].user)
    assert [str(problem) for problem in raised.value.problems] == [
        "Sheet 'Tracker', row 5, column I (Residual I): Impact after mitigation must be a "
        "whole number from 1 to 5"
    ]


def test_an_existing_risk_is_updated_by_its_id_and_others_are_left(partnership, people):
    run(council_register(), partnership, people["manager"].user)
    changed = workbook(
        [
            [
                "R01",
                "Late plans",
                "Statutory",
                "Manager Tester",
                4,
                5,
                20,
                2,
                4,
                "New panel",
                "",
                "Closed",
            ]
        ],
        headings=[*REGISTER_HEADINGS, "Why it was closed"],
    )
    # The register's columns are remembered by heading, so the same mapping reads it.
    with pytest.raises(WorkbookInvalid, match="Say why the risk is closed"):
        run(changed, partnership, people["manager"].user)

    closing = workbook(
        [
            [
                "R01",
                "Late plans",
                "Statutory",
                "Manager Tester",
                4,
                5,
                20,
                2,
                4,
                "New panel",
                "",
                "Closed",
                "Backlog cleared",
            ]
        ],
        headings=[*REGISTER_HEADINGS, "Why it was closed"],
    )
    result = run(closing, partnership, people["manager"].user)
    assert result.updated == ["R01"]
    assert result.untouched == ["R02"]
    risk = Risk.objects.get(reference="R01")
    assert risk.status == Risk.Status.CLOSED
    assert risk.closure_reason == "Backlog cleared"
    assert risk.residual_likelihood == 2
    assert RiskReview.objects.filter(risk=risk, kind=RiskReview.Kind.RESCORED).exists()
    assert "New panel" in [m.text for m in risk.mitigations.all()]


def test_the_export_reads_back_into_a_fresh_partnership_as_the_same_risks(partnership, people):
    run(council_register(), partnership, people["manager"].user)
    Risk.objects.filter(reference="R02").update(
        escalated_to_board=True,
        target_likelihood=1,
        target_impact=4,
        category="other",
        category_other="Transport",
    )
    data = risk_register_workbook(partnership)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Risk register"
    assert sheet.freeze_panes == "A4"
    assert [cell.value for cell in sheet[3]][:7] == [
        "Risk ID",
        "Risk",
        "Risk description",
        "Category",
        "Risk owner",
        "L",
        "I",
    ]
    assert sheet["L4"].value == "High"  # residual 3 x 4, its band in words

    elsewhere = PartnershipFactory(slug="elsewhere")
    for person in people.values():
        PersonFactory(partnership=elsewhere, name=person.name)
    RoleFactory(user=people["manager"].user, partnership=elsewhere, name="manager")
    run(data, elsewhere, people["manager"].user)

    def records(where):
        return [_record(risk) for risk in Risk.objects.filter(partnership=where)]

    assert records(elsewhere) == records(partnership)
    again = run(data, elsewhere, people["manager"].user)
    assert again.unchanged == ["R01", "R02"]


def test_a_member_cannot_import_a_register(partnership, people):
    with pytest.raises(PermissionDenied):
        run(council_register(), partnership, people["member"].user)
