import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sendboard.conftest import PERSONAS, expected_status
from sendboard.plans.models import ImprovementPlan, PlanAction
from sendboard.plans.tests.factories import ImprovementPlanFactory
from sendboard.risks.models import Risk
from sendboard.workbooks.models import ColumnMapping, WorkbookUpload
from sendboard.workbooks.services import uploads
from sendboard.workbooks.tests.sheets import (
    council_register,
    council_tracker,
    tracker_row,
    workbook,
)

pytestmark = pytest.mark.django_db


def _url(name: str, partnership, **kwargs) -> str:
    return reverse(name, kwargs={"partnership": partnership.slug, **kwargs})


def _upload(client, partnership, data=None, *, name="tracker.xlsx", **fields):
    file = SimpleUploadedFile(name, data if data is not None else council_tracker())
    return client.post(
        _url("plan_tracker_upload", partnership),
        {
            "file": file,
            "plan": "",
            "new_plan_title": "Priority Action Plan 2025",
            "new_plan_kind": "pap",
            **fields,
        },
    )


def _columns_then_check(client, partnership, response):
    """Accept the columns as offered, as a person pressing the button would."""
    page = client.get(response.url)
    fields = {name: (field.initial or "") for name, field in page.context["form"].fields.items()}
    table = page.context["table"]
    mapped = client.post(
        response.url, {"sheet": table.sheet, "header_row": table.header_row, **fields}
    )
    assert mapped.status_code == 302, mapped.context["form"].errors
    return mapped


@pytest.mark.parametrize("who", PERSONAS)
def test_the_import_page_is_for_managers_and_editors(persona, people, partnership, who):
    response = persona[who].get(_url("plan_tracker_upload", partnership))
    assert response.status_code == expected_status(who, {"manager", "editor"})


def test_upload_map_check_and_import_make_the_plan(persona, people, partnership, organisations):
    client = persona["manager"]
    uploaded = _upload(client, partnership)
    assert uploaded.status_code == 302

    columns = client.get(uploaded.url)
    assert columns.status_code == 200
    assert columns.context["form"].fields["column_C"].initial == "reference"
    assert columns.context["form"].fields["column_F"].initial == "owners"
    assert columns.context["form"].fields["column_E"].initial == "lead_organisation"
    mapped = _columns_then_check(client, partnership, uploaded)

    check = client.get(mapped.url)
    assert check.status_code == 200
    assert "Lines to add" in check.content.decode()
    assert [*check.context["result"].added] == ["1.1", "1.2", "2.1"]
    assert not ImprovementPlan.objects.exists()

    imported = client.post(mapped.url)
    plan = ImprovementPlan.objects.get()
    assert imported.url == plan.get_absolute_url()
    assert PlanAction.objects.filter(outcome__area__plan=plan).count() == 3
    assert not WorkbookUpload.objects.exists()


def test_the_mapping_is_remembered_and_offered_next_time(persona, people, partnership):
    client = persona["manager"]
    headings = ["Area", "Ref No.", "What we will do", "Officer", "Narrative"]
    data = workbook([["APA1", "1.1", "Recruit", "Manager Tester", "x"]], headings=headings)
    uploaded = _upload(client, partnership, data)
    page = client.get(uploaded.url)
    assert page.context["form"].fields["column_E"].initial == ""
    client.post(
        uploaded.url,
        {
            "sheet": "Tracker",
            "header_row": 4,
            "column_A": "area",
            "column_B": "reference",
            "column_C": "text",
            "column_D": "owners",
            "column_E": "note",
        },
    )
    remembered = ColumnMapping.objects.get(partnership=partnership)
    assert remembered.columns["what we will do"] == "text"
    assert remembered.header_row == 4

    # Another workbook, its headings typed differently, two title rows more.
    again = workbook(
        [["APA1", "1.1", "Recruit", "Manager Tester", "x"]],
        headings=["AREA", "ref no", "What  we will do:", "officer", "narrative"],
        titles=("A", "B", "C", "D"),
        merge_title=False,
    )
    second = _upload(client, partnership, again)
    offered = client.get(second.url).context["form"].fields
    assert [offered[f"column_{letter}"].initial for letter in "ABCDE"] == [
        "area",
        "reference",
        "text",
        "owners",
        "note",
    ]


def test_a_mapping_with_a_field_twice_is_refused_on_the_form(persona, people, partnership):
    client = persona["manager"]
    uploaded = _upload(client, partnership)
    response = client.post(
        uploaded.url,
        {
            "sheet": "Tracker",
            "header_row": 4,
            "column_A": "area",
            "column_C": "text",
            "column_D": "text",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "Columns C and D are both mapped to Action: map one" in errors[0]
    assert "Map a column to Ref" in " ".join(errors)


def test_the_check_page_lists_every_problem_by_sheet_row_and_column(persona, people, partnership):
    client = persona["manager"]
    data = workbook([tracker_row(priority="APA1", ref="1.1", action="X", target_date="31/02/2025")])
    mapped = _columns_then_check(client, partnership, _upload(client, partnership, data))
    check = client.get(mapped.url)
    page = check.content.decode()
    assert "The workbook cannot be imported yet" in page
    assert "&#x27;31/02/2025&#x27; is not a date" in page
    assert "I (Target date)" in page
    # Pressing import anyway saves nothing.
    client.post(mapped.url)
    assert not ImprovementPlan.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused_at_upload(persona, people, partnership):
    response = _upload(persona["manager"], partnership, b"not a zip")
    assert response.status_code == 200
    assert "tracker.xlsx is not an Excel workbook" in str(response.context["form"].errors)
    wrong_type = _upload(persona["manager"], partnership, b"a,b", name="tracker.csv")
    assert "must be an .xlsx file" in str(wrong_type.context["form"].errors)


def test_an_editor_imports_into_an_existing_plan_but_cannot_start_one(persona, people, partnership):
    refused = _upload(persona["editor"], partnership)
    assert "Only a partnership manager can start a plan" in str(refused.context["form"].errors)
    plan = ImprovementPlanFactory(partnership=partnership)
    accepted = _upload(persona["editor"], partnership, plan=str(plan.pk))
    assert accepted.status_code == 302


def test_nobody_else_sees_a_workbook_before_it_is_imported(persona, people, partnership):
    uploaded = _upload(persona["manager"], partnership)
    assert persona["editor"].get(uploaded.url).status_code == 404


@pytest.mark.parametrize("who", PERSONAS)
def test_everyone_who_reads_the_plan_may_download_its_tracker(persona, people, partnership, who):
    plan = ImprovementPlanFactory(partnership=partnership)
    url = _url("plan_tracker_download", partnership, code=plan.code)
    response = persona[who].get(url)
    readers = {"manager", "editor", "member", "analyst", "auditor", "viewer", "chair"}
    assert response.status_code == expected_status(who, readers)
    if response.status_code == 200:
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["E3"].value == "Ref"
        assert "attachment" in response["Content-Disposition"]


def test_the_home_page_links_the_downloads_and_the_import(persona, people, partnership):
    plan = ImprovementPlanFactory(partnership=partnership, title="PAP")
    page = persona["manager"].get(_url("workbook_home", partnership)).content.decode()
    assert _url("plan_tracker_download", partnership, code=plan.code) in page
    assert _url("plan_tracker_upload", partnership) in page
    member = persona["member"].get(_url("workbook_home", partnership)).content.decode()
    assert _url("plan_tracker_upload", partnership) not in member


def test_a_risk_register_goes_through_the_same_pages(persona, people, partnership):
    client = persona["editor"]
    uploaded = client.post(
        _url("risk_register_upload", partnership),
        {"file": SimpleUploadedFile("register.xlsx", council_register())},
    )
    assert uploaded.status_code == 302
    columns = client.get(uploaded.url)
    fields = columns.context["form"].fields
    assert fields["column_E"].initial == "likelihood"
    assert fields["column_H"].initial == "residual_likelihood"
    mapped = _columns_then_check(client, partnership, uploaded)
    check = client.get(mapped.url)
    assert "Risks to add" in check.content.decode()
    imported = client.post(mapped.url)
    assert imported.url == _url("risk_list", partnership)
    assert Risk.objects.filter(partnership=partnership).count() == 2


@pytest.mark.parametrize("who", PERSONAS)
def test_the_risk_register_import_is_for_managers_and_editors(persona, people, partnership, who):
    response = persona[who].get(_url("risk_register_upload", partnership))
    assert response.status_code == expected_status(who, {"manager", "editor"})


def test_everyone_who_reads_may_download_the_risk_register(persona, people, partnership):
    response = persona["viewer"].get(_url("risk_register_download", partnership))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).active["A3"].value == "Risk ID"
    assert persona["outsider"].get(_url("risk_register_download", partnership)).status_code == 403


def test_the_home_page_reads_in_a_bounded_number_of_queries(
    persona, people, partnership, django_assert_max_num_queries
):
    for number in range(5):
        ImprovementPlanFactory(partnership=partnership, title=f"Plan {number}")
    client = persona["manager"]
    client.get(_url("workbook_home", partnership))
    with django_assert_max_num_queries(10):
        response = client.get(_url("workbook_home", partnership))
    assert response.status_code == 200


def test_an_oversized_upload_is_refused_before_it_is_read(
    persona, people, partnership, monkeypatch
):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1000)
    response = _upload(persona["manager"], partnership)
    assert "The workbook must be 0 MB or smaller" in str(response.context["form"].errors)
    assert not WorkbookUpload.objects.exists()
