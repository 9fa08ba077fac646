"""The figures' commands: the standard set, an import from a file, and an export."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendboard.performance.models import Observation


def test_load_import_and_export_from_the_command_line(partnership, people, tmp_path, capsys):
    call_command("load_standard_indicators", partnership.slug)
    assert "Added 19 indicators (0 there already) and 1 England figures." in capsys.readouterr().out
    figures = tmp_path / "salt.csv"
    figures.write_text("Indicator,Month,Actual\nsalt_wait_median,Jan-26,16\n")

    call_command(
        "import_figures", figures, partnership=partnership.slug, user="analyst", dry_run=True
    )
    assert not Observation.objects.exists()
    call_command("import_figures", figures, partnership=partnership.slug, user="analyst")
    assert "1 rows, 1 figures written (0 corrections)" in capsys.readouterr().out

    out = tmp_path / "figures.json"
    call_command("export_figures", partnership.slug, out)
    assert json.loads(out.read_text())["figures"][0]["value"] == 16.0


def test_a_bad_file_names_its_row_and_saves_nothing(partnership, people, tmp_path, capsys):
    call_command("load_standard_indicators", partnership.slug)
    figures = tmp_path / "bad.csv"
    figures.write_text("Indicator,Period,Value\nsalt_wait_median,2026-01,lots\n")

    with pytest.raises(CommandError, match="1 problems: nothing was imported"):
        call_command("import_figures", figures, partnership=partnership.slug, user="analyst")

    assert "bad.csv: sheet 'bad.csv', row 2, column C (Value): 'lots' is not a number" in (
        capsys.readouterr().err
    )
    assert not Observation.objects.exists()
