"""Importing audit results as an audit tool exports them: local headings, blanks, words."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from sendboard.quality.importing import audits_import, read_upload
from sendboard.quality.models import Audit, AuditUpload, QualitySettings
from sendboard.workbooks.problems import WorkbookInvalid

SECTIONS = "ABCDEFGHIJK"
HEADINGS = [
    "EHCP ID",
    "Date of audit",
    "Locality",
    "Auditor",
    *(f"Section {k}" for k in SECTIONS),
    "Health advice",
    "Learning themes",
]


def _csv(*rows: list[str]) -> bytes:
    lines = [",".join(HEADINGS), *(",".join(row) for row in rows)]
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def _row(plan="R1", day="14/03/2025", auditor="Auditor Tester", grade="Good", **changes):
    cells = [
        plan,
        day,
        "North",
        auditor,
        *([grade] * len(SECTIONS)),
        "N/A",
        "Outcomes not specific",
    ]
    for index, value in changes.items():
        cells[int(index.removeprefix("c"))] = value
    return cells


def test_a_clean_export_imports_every_row_as_a_final_audit(partnership, people, framework):
    table = read_upload(
        _csv(_row(), _row(plan="R2", grade="3"), ["", "", "", ""] + [""] * 13), name="audits.csv"
    )
    count = audits_import(partnership=partnership, table=table, by=people["manager"].user)
    assert count == 2  # the blank row is passed over
    audit = Audit.objects.get(plan_id="R1")
    assert (audit.status, audit.grade, audit.final_grade) == (Audit.Status.FINAL, 3, 3)
    assert audit.month == datetime.date(2025, 3, 1)
    assert audit.advice_grades.get(agency="health").not_applicable
    assert list(audit.themes.values_list("name", flat=True)) == ["Outcomes not specific"]


def test_a_row_with_a_problem_imports_nothing_and_names_row_and_column(
    partnership, people, framework
):
    table = read_upload(
        _csv(
            _row(),
            _row(plan="R2", c9="Excellent"),
            _row(plan="R3", auditor="Nobody"),
            _row(plan="R1"),
        ),
        name="audits.csv",
    )
    with pytest.raises(WorkbookInvalid) as refused:
        audits_import(partnership=partnership, table=table, by=people["manager"].user)
    found = [str(problem) for problem in refused.value.problems]
    assert "row 3, column J (Section F): 'Excellent' is not a grade" in found[0]
    assert "row 4, column D (Auditor): 'Nobody' is not an auditor" in found[1]
    assert "row 5: Plan R1 is audited in row 2 for the same month too" in found[2]
    assert not Audit.objects.exists()


def test_a_missing_section_column_is_named(partnership, people, framework):
    HEADINGS_WITHOUT_F = [h for h in HEADINGS if h != "Section F"]
    data = ",".join(HEADINGS_WITHOUT_F).encode()
    with pytest.raises(WorkbookInvalid, match="No column holds Section F: Special educational"):
        audits_import(
            partnership=partnership,
            table=read_upload(data, name="a.csv"),
            by=people["manager"].user,
        )


def test_columns_mapped_once_are_remembered(partnership, people, framework):
    data = _csv(_row()).replace(b"EHCP ID", b"Case ref")
    mapping = {"case ref": "plan_id"}
    audits_import(
        partnership=partnership,
        table=read_upload(data, name="a.csv"),
        mapping=mapping,
        by=people["manager"].user,
    )
    assert (
        QualitySettings.objects.get(partnership=partnership).import_columns["case ref"] == "plan_id"
    )
    again = _csv(_row(plan="R9")).replace(b"EHCP ID", b"Case ref")
    assert (
        audits_import(
            partnership=partnership,
            table=read_upload(again, name="b.csv"),
            by=people["manager"].user,
        )
        == 1
    )


def test_an_xlsx_with_a_title_row_imports(partnership, people, framework):
    book = Workbook()
    sheet = book.active
    sheet.append(["Invision 360 export, March 2025"])
    sheet.append(HEADINGS)
    sheet.append([*_row()[:1], datetime.datetime(2025, 3, 14), *_row()[2:]])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_upload(buffer.getvalue(), name="audits.xlsx")
    assert audits_import(partnership=partnership, table=table, by=people["manager"].user) == 1


def test_the_command_checks_first_and_says_what_it_did(partnership, people, framework, tmp_path):
    good = tmp_path / "audits.csv"
    good.write_bytes(_csv(_row()))
    out = io.StringIO()
    call_command(
        "import_quality_audits",
        str(good),
        "--partnership",
        partnership.slug,
        "--user",
        "manager",
        "--dry-run",
        stdout=out,
    )
    assert "would import 1 audits" in out.getvalue()
    assert not Audit.objects.exists()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(_row(c1="31/02/2025")))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command(
            "import_quality_audits",
            str(bad),
            "--partnership",
            partnership.slug,
            "--user",
            "manager",
            stderr=err,
        )
    assert "bad.csv: row 2, column B (Date of audit):" in err.getvalue()


def test_a_field_mapped_to_two_columns_is_refused(partnership, people, framework):
    table = read_upload(_csv(_row()), name="a.csv")
    with pytest.raises(WorkbookInvalid) as refused:
        audits_import(
            partnership=partnership,
            table=table,
            mapping={"locality": "section:B", "section b": "section:B"},
            by=people["manager"].user,
        )
    found = str(refused.value.problems[0])
    assert "column F (Section B): Column C holds Section B: Special" in found


# An audit tool's own export, written by hand as one comes: its own headings (sections
# as "A. Views ...", "Areas for Development"), an audit number and an overall grade
# sendboard does not take, blank cells and a blank row, dates as 15/01/2026, grades in
# words of any case, advice as N/A or "Not applicable - no needs identified".
EXPORTS = Path(__file__).parent / "exports"
TOOL_FIELDS = {
    **{
        f"{key}. {title}": f"section:{key}"
        for key, title in [
            ("A", "Views interests and aspirations"),
            ("B", "SEN"),
            ("C", "Health needs"),
            ("D", "Social care needs"),
            ("E", "Outcomes"),
            ("F", "Educational provision"),
            ("G", "Health provision"),
            ("H", "Social care provision"),
            ("I", "Placement"),
            ("J", "Personal budget"),
            ("K", "Advice and information"),
            ("L1", "Preparing for adulthood"),
        ]
    },
    "Areas for Development": "improvements",
}


def _tool_export(name="audit_tool_export.csv"):
    return SimpleUploadedFile(name, (EXPORTS / name).read_bytes(), "text/csv")


def _columns_post(page_form_fields, chosen):
    """The columns form as the manager leaves it: what was chosen for them, changed only
    where `chosen` (heading: field) says."""
    data = {}
    for name, (heading, initial) in page_form_fields.items():
        data[name] = chosen.get(heading, initial)
    return data


def _columns_shown(response):
    form = response.context["form"]
    return {
        name: (field.label.split(": ", 1)[1], form[name].initial or "")
        for name, field in form.fields.items()
    }


def test_a_tools_export_is_mapped_once_then_imported_without_asking(
    persona, partnership, people, framework
):
    manager = persona["manager"]
    start = reverse("quality_audits_import", args=[partnership.slug])
    assert persona["auditor"].get(start).status_code == 403
    response = manager.post(start, {"file": _tool_export()})
    upload = AuditUpload.objects.get()
    columns_url = reverse("quality_audits_columns", args=[partnership.slug, upload.code])
    assert response["Location"] == columns_url
    shown = _columns_shown(manager.get(columns_url))
    guessed = {heading: initial for heading, initial in shown.values()}
    assert guessed["EHCP Ref"] == "plan_id"
    assert guessed["Locality"] == "team"
    assert guessed["Date Audit Completed"] == "month"
    assert guessed["Auditor Name"] == "auditor"
    assert guessed["Health Advice"] == "advice:health"
    assert guessed["EP Advice"] == "advice:ep"
    assert guessed["Overall Grade"] == ""  # computed here, never read
    assert guessed["A. Views interests and aspirations"] == ""

    response = manager.post(columns_url, _columns_post(shown, TOOL_FIELDS))
    check_url = reverse("quality_audits_check", args=[partnership.slug, upload.code])
    assert response["Location"] == check_url
    page = manager.get(check_url).content.decode()
    assert "3 audits will be imported" in page
    assert "Column T: Overall Grade" in page and "Not imported" in page
    manager.post(check_url)
    assert not AuditUpload.objects.exists()
    audits = {audit.plan_id: audit for audit in Audit.objects.all()}
    assert set(audits) == {"NS4f1c09a2b7e3", "NS90d2e6c1a448", "NS1b7e55f0c3d9"}
    first = audits["NS4f1c09a2b7e3"]
    assert first.month == datetime.date(2026, 1, 1)
    assert (first.kind, first.team, first.grade) == ("education", "North", 3)
    assert first.section_grades.get(section="C").grade == 2  # "Requires Improvement"
    assert not first.section_grades.get(section="L1").grade  # optional, left blank
    assert first.advice_grades.get(agency="social_care").not_applicable
    second = audits["NS90d2e6c1a448"]
    assert (second.stage, second.kind, second.grade) == ("draft", "multi", 1)
    assert second.advice_grades.get(agency="social_care").not_applicable
    assert not second.advice_grades.filter(agency="health").exists()  # blank: not recorded
    assert sorted(second.themes.values_list("name", flat=True)) == [
        "Health advice missing",
        "Provision not quantified",
    ]
    assert audits["NS1b7e55f0c3d9"].stage == "review"

    # The same tool's next export goes straight to the check, with a way to change it.
    Audit.objects.all().delete()
    response = manager.post(start, {"file": _tool_export()})
    upload = AuditUpload.objects.get()
    check_url = reverse("quality_audits_check", args=[partnership.slug, upload.code])
    assert response["Location"] == check_url
    page = manager.get(check_url).content.decode()
    assert "3 audits will be imported" in page
    assert reverse("quality_audits_columns", args=[partnership.slug, upload.code]) in page


def test_every_problem_of_a_tools_export_names_row_and_column_and_nothing_is_saved(
    persona, partnership, people, framework
):
    QualitySettings.objects.create(
        partnership=partnership,
        import_columns={
            "ehcp ref": "plan_id",
            **{k.lower().replace(".", ""): v for k, v in TOOL_FIELDS.items()},
        },
    )
    manager = persona["manager"]
    start = reverse("quality_audits_import", args=[partnership.slug])
    response = manager.post(start, {"file": _tool_export("audit_tool_export_with_problems.csv")})
    upload = AuditUpload.objects.get()
    # Some headings were never mapped, so the columns are shown once to confirm.
    assert response["Location"].endswith("/columns/")
    manager.post(
        response["Location"], _columns_post(_columns_shown(manager.get(response["Location"])), {})
    )
    check_url = reverse("quality_audits_check", args=[partnership.slug, upload.code])
    page = manager.get(check_url).content.decode()
    assert "Nothing can be imported yet: 5 problems" in page
    for row, column, message in [
        ("2", "O (H. Social care provision)", "Section H cannot be not applicable"),
        ("3", "L (E. Outcomes)", "Give the grade of section E"),
        ("4", "D (Date Audit Completed)", "&#x27;31/02/2026&#x27; is not a date"),
        ("4", "E (Auditor Name)", "&#x27;Olivia Grant&#x27; is not an auditor"),
        ("4", "I (B. SEN)", "&#x27;Excellent&#x27; is not a grade: use Inadequate"),
    ]:
        assert f'<td class="govuk-table__cell govuk-table__cell--numeric">{row}</td>' in page
        assert column in page and message in page, message
    assert "Import the audits" not in page
    manager.post(check_url)
    assert not Audit.objects.exists()


def test_the_command_takes_a_mapping_file_for_a_tools_export(
    partnership, people, framework, tmp_path
):
    mapping = tmp_path / "columns.json"
    mapping.write_text(json.dumps(TOOL_FIELDS))
    out = io.StringIO()
    call_command(
        "import_quality_audits",
        str(EXPORTS / "audit_tool_export.csv"),
        "--partnership",
        partnership.slug,
        "--user",
        "manager",
        "--mapping",
        str(mapping),
        stdout=out,
    )
    assert "imported 3 audits" in out.getvalue()
    kept = QualitySettings.objects.get(partnership=partnership).import_columns
    assert kept["b sen"] == "section:B" and kept["overall grade"] == ""
