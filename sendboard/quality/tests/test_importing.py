"""Importing audit results as an audit tool exports them: local headings, blanks, words."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from sendboard.quality.importing import audits_import, read_upload
from sendboard.quality.models import Audit, QualitySettings
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
    with pytest.raises(WorkbookInvalid, match="No column holds section:F"):
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


def test_the_import_page_lists_every_problem_or_imports(persona, partnership, people, framework):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    url = reverse("quality_audits_import", args=[partnership.slug])
    assert persona["viewer"].get(url).status_code == 403
    bad = SimpleUploadedFile("audits.csv", _csv(_row(c9="Excellent")), "text/csv")
    page = persona["manager"].post(url, {"file": bad}).content.decode()
    assert "Nothing was imported: 1 problem" in page
    assert "row 2, column J (Section F): &#x27;Excellent&#x27; is not a grade" in page
    good = _csv(_row()).replace(b"EHCP ID", b"Case ref")
    upload = SimpleUploadedFile("audits.csv", good, "text/csv")
    response = persona["manager"].post(url, {"file": upload, "columns": "Case ref = plan_id"})
    assert response.status_code == 302
    assert Audit.objects.get().plan_id == "R1"
