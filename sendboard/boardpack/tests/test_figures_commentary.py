"""The pack's figures carry what the owner says about them: commentary and exception note."""

import io

from django.urls import reverse
from docx import Document

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.word import pack_docx
from sendboard.performance.services.commentary import commentary_write


def test_the_pack_shows_the_commentary_and_exception_note(full_meeting, indicator, persona):
    commentary_write(
        indicator=indicator,
        observation=indicator.observations.get(),
        opened_version=None,
        telling_us="Half the plans were on time as the new writers started.",
        what_happened="Two plan writers left.",
        what_is_being_done="Agency writers from June.",
        recovery_expected="By September 2024",
    )

    document = Document(io.BytesIO(pack_docx(pack_for(full_meeting))))
    words = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "What the data is telling us: Half the plans were on time" in words
    assert "Exception: Two plan writers left. Action: Agency writers from June." in words
    page = (
        persona["manager"]
        .get(reverse("board_pack", args=[full_meeting.group.partnership.slug, full_meeting.code]))
        .content.decode()
    )
    assert "Half the plans were on time as the new writers started." in page
