import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from sendboard.casework.management.commands.import_casework import Command as ImportCommand
from sendboard.casework.models import Snapshot
from sendboard.casework.snapshot import synth
from sendboard.casework.tests.exports import write_export
from sendboard.governance.tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CASEWORK_PSEUDONYM_KEY = "command-test-key"
    return settings.DATA_DIR


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_casework", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_folder_and_ends_with_a_line_of_counts(tmp_path):
    out, _ = run(str(write_export(tmp_path / "export")))
    snapshot = Snapshot.objects.get()
    assert out.strip() == (
        f"Created snapshot {snapshot.code}: 11 tables, "
        f"{sum(snapshot.row_counts.values())} rows, 0 problems, 0 warnings."
    )
    assert snapshot.folder.is_dir()


def test_it_lists_every_problem_as_file_row_field_message_and_stores_nothing(tmp_path, data_dir):
    export = write_export(
        tmp_path / "export",
        changes={
            "requests.csv": {3: {"requestoutcome": "Q"}},
            "activeplans.csv": {2: {"lastreview": "2025-04-01", "reviewdraft": ""}},
        },
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_casework", str(export), stderr=err)
    lines = err.getvalue().splitlines()
    assert (
        "requests.csv:3: requestoutcome: unknown code 'Q' (expected one of Y, N, A, W, H)" in lines
    )
    assert any(
        line.startswith("activeplans.csv:2: lastreview: is before reviewmeeting") for line in lines
    )
    assert not Snapshot.objects.exists()
    assert list(data_dir.iterdir()) == []


def test_it_exits_non_zero_on_a_problem_and_zero_on_success(tmp_path, capsys, monkeypatch):
    # run_from_argv closes every connection when it ends, which would end the test's
    # transaction on PostgreSQL before the second run.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    bad = write_export(tmp_path / "bad", changes={"senneed.csv": {2: {"sentype": "XX"}}})
    with pytest.raises(SystemExit, match=r"^1$"):  # the exit code is the message
        ImportCommand().run_from_argv(["sendboard", "import_casework", str(bad), "--skip-checks"])
    assert "senneed.csv:2: sentype:" in capsys.readouterr().err
    good = write_export(tmp_path / "good")
    ImportCommand().run_from_argv(["sendboard", "import_casework", str(good), "--skip-checks"])
    assert Snapshot.objects.count() == 1


def test_a_dry_run_checks_everything_but_stores_nothing(tmp_path, data_dir):
    out, _ = run(str(write_export(tmp_path / "export")), "--dry-run")
    assert out.startswith("Checked: 11 tables")
    assert "dry run" in out
    assert not Snapshot.objects.exists()
    assert list(data_dir.iterdir()) == []


def test_it_records_the_partnership_user_and_as_at_date_given(tmp_path):
    partnership = PartnershipFactory(slug="northshire")
    UserFactory(username="analyst")
    run(
        str(write_export(tmp_path / "export")),
        "--partnership",
        "northshire",
        "--user",
        "analyst",
        "--as-at",
        "2025-06-30",
    )
    snapshot = Snapshot.objects.get()
    assert snapshot.partnership == partnership
    assert snapshot.imported_by.username == "analyst"
    assert snapshot.as_at.isoformat() == "2025-06-30"


def test_it_refuses_an_unknown_partnership_before_reading_anything(tmp_path):
    with pytest.raises(CommandError, match="no partnership"):
        run(str(write_export(tmp_path / "export")), "--partnership", "nowhere")


def test_it_refuses_a_path_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        run(str(tmp_path / "missing"))


def test_it_refuses_to_import_without_a_pseudonym_key(tmp_path, settings):
    settings.CASEWORK_PSEUDONYM_KEY = ""
    with pytest.raises(CommandError, match="CASEWORK_PSEUDONYM_KEY"):
        run(str(write_export(tmp_path / "export")))


def test_synth_casework_writes_an_export_that_import_casework_accepts(tmp_path):
    out = io.StringIO()
    call_command(
        "synth_casework",
        "--requests",
        "400",
        "--out",
        str(tmp_path / "synth"),
        "--seed",
        "5",
        "--as-at",
        "2025-12-31",
        stdout=out,
    )
    assert out.getvalue().startswith("Synthesised 400 requests, 12 tables")
    run(str(tmp_path / "synth"))
    snapshot = Snapshot.objects.get()
    assert snapshot.as_at.isoformat() == "2025-12-31"
    assert snapshot.row_counts["requests"] == 400


def test_synth_casework_dry_run_writes_nothing(tmp_path):
    out = io.StringIO()
    call_command(
        "synth_casework",
        "--requests",
        "50",
        "--out",
        str(tmp_path / "synth"),
        "--dry-run",
        stdout=out,
    )
    assert "nothing written" in out.getvalue()
    assert not (tmp_path / "synth").exists()


def test_synth_casework_rejects_a_workbook_too_big_for_excel(tmp_path, monkeypatch):
    monkeypatch.setattr(synth, "XLSX_MAX_ROWS", 100)
    with pytest.raises(CommandError, match=r"too many rows for a workbook sheet: .*events"):
        call_command(
            "synth_casework", "--requests", "50", "--out", str(tmp_path), "--format", "xlsx"
        )


def test_an_unnamed_partnership_is_the_only_one_there_is(tmp_path):
    only = PartnershipFactory(slug="northshire")

    run(str(write_export(tmp_path / "export")))

    assert Snapshot.objects.get().partnership == only


def test_with_several_partnerships_it_asks_which_and_stores_nothing(tmp_path, data_dir):
    PartnershipFactory(slug="northshire")
    PartnershipFactory(slug="southvale")

    with pytest.raises(CommandError, match="--partnership northshire, southvale"):
        run(str(write_export(tmp_path / "export")))
    assert not Snapshot.objects.exists()
