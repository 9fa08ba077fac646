"""The highlight_report command: print, generate (or only show a draft) and write Word."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from sendboard.plans.models import HighlightReport


def _run(partnership, *args) -> str:
    out = StringIO()
    call_command("highlight_report", partnership.slug, *args, stdout=out)
    return out.getvalue()


def test_it_generates_and_prints_the_report_of_the_open_period(partnership, line, this_month):
    printed = _run(partnership, "--generate", "--as", "editor")

    assert f"Highlight report: Priority Action Plan, {this_month}" in printed
    assert "Provisional:" in printed and "Computed from the 1 line" in printed
    assert "Draft: 1 action, 0 off track or at risk" in printed
    assert HighlightReport.objects.filter(period=this_month).exists()


def test_a_dry_run_shows_the_draft_without_saving_it(partnership, line, this_month):
    printed = _run(partnership, "--generate", "--as", "editor", "--dry-run")

    assert "Dry run: the draft below was not saved." in printed and "Summary" in printed
    assert not HighlightReport.objects.exists()


def test_it_names_what_is_missing(partnership, line, this_month):
    with pytest.raises(CommandError, match="No highlight report has been generated"):
        _run(partnership)
    with pytest.raises(CommandError, match="Your role does not allow you"):
        _run(partnership, "--generate", "--as", "member")
    with pytest.raises(CommandError, match="No plan Nonexistent"):
        _run(partnership, "--plan", "Nonexistent")


def test_it_writes_the_word_file_of_a_chosen_period(partnership, line, this_month, tmp_path):
    path = tmp_path / "report.docx"
    day = this_month.starts_on.isoformat()

    _run(partnership, "--period", day, "--generate", "--as", "manager", "--output", str(path))

    assert Document(str(path)).paragraphs[0].style.name == "Heading 1"
