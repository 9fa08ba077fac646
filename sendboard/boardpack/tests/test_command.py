import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from pypdf import PdfReader

from sendboard.meetings.tests.factories import MeetingFactory


def _run(*args) -> str:
    out = io.StringIO()
    call_command("build_board_pack", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_word_and_pdf_files_and_says_where(full_meeting, tmp_path):
    output = _run("northshire/8", "--output", str(tmp_path / "packs"))

    word = tmp_path / "packs" / "board-2026-02-11-board-pack.docx"
    pdf = tmp_path / "packs" / "board-2026-02-11-board-pack.pdf"
    assert f"Wrote {word}" in output
    assert f"Wrote {pdf}" in output
    assert "6 sections, 6 with content." in output
    assert Document(str(word)).core_properties.title.endswith("board pack for 11 February 2026")
    assert len(PdfReader(str(pdf)).pages) > 1


def test_it_writes_one_format_when_asked(meeting, tmp_path):
    output = _run(str(meeting.code), "--format", "docx", "--output", str(tmp_path))

    assert [path.suffix for path in tmp_path.iterdir()] == [".docx"]
    assert "4 with content; not available: Improvement plan highlight report, Figures." in output


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(meeting, tmp_path):
    output = _run("northshire/8", "--dry-run", "--output", str(tmp_path / "packs"))

    assert f"Would write {tmp_path / 'packs' / 'board-2026-02-11-board-pack.pdf'}" in output
    assert "6 sections, 4 with content" in output
    assert not (tmp_path / "packs").exists()


def test_it_finds_a_subgroups_meeting_by_the_groups_slug(subgroup, tmp_path):
    MeetingFactory(group=subgroup, number=3)

    output = _run("northshire/performance/3", "--format", "docx", "--output", str(tmp_path))

    assert "Performance and Impact Subgroup" in output


@pytest.mark.parametrize("reference", ["northshire/99", "elsewhere/8", "northshire/eight", "x"])
def test_it_names_the_forms_a_meeting_may_take_when_none_is_found(meeting, reference):
    with pytest.raises(CommandError, match="such as northshire/12"):
        _run(reference)
