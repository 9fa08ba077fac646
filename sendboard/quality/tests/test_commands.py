"""The command-line tools: a framework, a month's sample and the month's report."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendboard.quality.framework_file import SHIPPED
from sendboard.quality.models import Audit, Framework, Sample


def test_a_framework_file_is_checked_then_imported(partnership, people, tmp_path):
    out = io.StringIO()
    args = ("--partnership", partnership.slug, "--user", "manager")
    call_command(
        "import_quality_framework", str(SHIPPED / "northshire.json"), *args, "--dry-run", stdout=out
    )
    assert "is sound" in out.getvalue() and not Framework.objects.exists()
    call_command("import_quality_framework", str(SHIPPED / "northshire.json"), *args, stdout=out)
    assert "12 sections, 2 limiting judgements" in out.getvalue()
    again = io.StringIO()
    call_command("import_quality_framework", str(SHIPPED / "northshire.json"), *args, stdout=again)
    assert "is the same as" in again.getvalue() and "nothing to import" in again.getvalue()
    assert Framework.objects.count() == 1
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "Local", "scale": ["Poor", "Fine"],}')
    with pytest.raises(
        CommandError, match=r"broken\.json: line 1, column 45: Expecting property name"
    ):
        call_command("import_quality_framework", str(broken), *args)


def test_a_sample_is_drawn_with_its_seed(partnership, people, framework, snapshot, target):
    out = io.StringIO()
    args = (
        "--partnership",
        partnership.slug,
        "--user",
        "manager",
        "--month",
        "2025-01",
        "--auditor",
        people["auditor"].name,
        "--seed",
        "7",
    )
    call_command("draw_quality_sample", *args, "--dry-run", stdout=out)
    assert "7 plans drawn of a target of 7" in out.getvalue()
    assert "not saved (dry run)" in out.getvalue()
    assert not Sample.objects.exists() and not Audit.objects.exists()
    call_command("draw_quality_sample", *args, stdout=out)
    assert Sample.objects.get().seed == 7
    call_command("quality_report", partnership.slug, "--month", "2025-01", stdout=out)
    assert "In January 2025, 0 audits were completed against a target of 7." in out.getvalue()


def test_a_dry_run_for_a_month_drawn_already_says_what_was_drawn(
    partnership, people, framework, snapshot, target
):
    args = ("--partnership", partnership.slug, "--user", "manager")
    args += ("--month", "2025-01", "--auditor", people["auditor"].name, "--seed", "7")
    call_command("draw_quality_sample", *args, stdout=io.StringIO())
    out = io.StringIO()

    call_command("draw_quality_sample", *args, "--dry-run", stdout=out)

    assert out.getvalue().strip() == (
        "Sample for January 2025 has been drawn already: 7 plans, seed 7. Nothing would change."
    )
    with pytest.raises(CommandError, match="has been drawn already"):
        call_command("draw_quality_sample", *args, stdout=io.StringIO())
