import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendboard.plans.models import ImprovementPlan, PlanAction
from sendboard.risks.models import Risk
from sendboard.workbooks.tests.sheets import (
    REGISTER_HEADINGS,
    council_register,
    council_tracker,
    tracker_row,
    workbook,
)

pytestmark = pytest.mark.django_db


def _import(*args, **options):
    return call_command("import_plan_tracker", *args, **options)


def test_it_imports_a_tracker_into_a_new_plan_and_exports_it_back(
    tmp_path, partnership, people, organisations, capsys
):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(council_tracker())
    _import(str(source), partnership=partnership.slug, user="manager", title="Priority Action Plan")
    out = capsys.readouterr().out
    assert "3 added, 0 updated, 0 unchanged, 0 errors" in out
    plan = ImprovementPlan.objects.get(title="Priority Action Plan")

    exported = tmp_path / "export.xlsx"
    call_command("export_plan_tracker", partnership.slug, str(exported), plan=plan.title)
    _import(str(exported), partnership=partnership.slug, user="manager", plan=plan.title)
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


def test_it_prints_each_problem_with_its_cell_and_saves_nothing(
    tmp_path, partnership, people, capsys
):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(
        workbook([tracker_row(priority="APA1", ref="1.1", action="X", target_date="31/02/2025")])
    )
    with pytest.raises(CommandError, match=r"1 problem in tracker\.xlsx; nothing was saved"):
        _import(str(source), partnership=partnership.slug, user="manager", title="PAP")
    assert capsys.readouterr().err.splitlines() == [
        "tracker.xlsx: sheet 'Tracker', row 5, column I (Target date): '31/02/2025' is not a date"
    ]
    assert not ImprovementPlan.objects.exists()


def test_a_dry_run_saves_nothing(tmp_path, partnership, people, organisations, capsys):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(council_tracker())
    _import(str(source), partnership=partnership.slug, user="manager", title="PAP", dry_run=True)
    assert "(dry run: nothing saved)" in capsys.readouterr().out
    assert not PlanAction.objects.exists()


def test_a_mapping_file_names_the_columns(tmp_path, partnership, people, capsys):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(
        workbook([["APA1", "1.1", "Recruit"]], headings=["Theme", "Num", "Task"], titles=())
    )
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps(
            {"header_row": 2, "columns": {"Theme": "area", "Num": "reference", "Task": "text"}}
        )
    )
    _import(
        str(source),
        "--mapping",
        str(mapping),
        partnership=partnership.slug,
        user="manager",
        title="PAP",
    )
    assert PlanAction.objects.get().text == "Recruit"


def test_a_mapping_file_naming_an_unknown_field_is_refused(tmp_path, partnership, people):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(council_tracker())
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"columns": {"Ref": "colour"}}))
    with pytest.raises(CommandError, match="colour not a field"):
        _import(
            str(source),
            "--mapping",
            str(mapping),
            partnership=partnership.slug,
            user="manager",
            title="PAP",
        )


def test_a_member_cannot_import(tmp_path, partnership, people):
    source = tmp_path / "tracker.xlsx"
    source.write_bytes(council_tracker())
    with pytest.raises(CommandError, match="Only the partnership's managers and editors"):
        _import(str(source), partnership=partnership.slug, user="member", title="PAP")


def test_it_imports_and_exports_the_risk_register(tmp_path, partnership, people, capsys):
    source = tmp_path / "register.xlsx"
    source.write_bytes(council_register())
    call_command("import_risk_register", str(source), partnership=partnership.slug, user="editor")
    assert "the risk register: 2 added, 0 updated, 0 unchanged, 0 errors" in (
        capsys.readouterr().out
    )
    exported = tmp_path / "out.xlsx"
    call_command("export_risk_register", partnership.slug, str(exported))
    call_command("import_risk_register", str(exported), partnership=partnership.slug, user="editor")
    assert "0 added, 0 updated, 2 unchanged" in capsys.readouterr().out


def test_a_risk_register_with_problems_saves_nothing(tmp_path, partnership, people, capsys):
    source = tmp_path / "register.xlsx"
    source.write_bytes(
        workbook(
            [["R01", "Late plans", "Statutory", "Manager Tester", 9, 5, "", 3, 4, "", "", ""]],
            headings=REGISTER_HEADINGS,
            sheet="Risks",
        )
    )
    with pytest.raises(CommandError, match="nothing was saved"):
        call_command(
            "import_risk_register", str(source), partnership=partnership.slug, user="editor"
        )
    assert capsys.readouterr().err.splitlines() == [
        "register.xlsx: sheet 'Risks', row 5, column E (L): '9' is not a number from 1 to 5"
    ]
    assert not Risk.objects.exists()
