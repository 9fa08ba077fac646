import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sendboard.risks.tests.factories import add_risk


def test_it_prints_the_summary_the_board_reads(partnership, people):
    add_risk(
        partnership,
        owner=people["member"],
        by=people["editor"].user,
        escalated_to_board=True,
        review_due_on=datetime.date(2026, 1, 31),
    )
    out = StringIO()
    call_command("risk_register", partnership.slug, "--as-at", "2026-02-01", stdout=out)
    text = out.getvalue()
    assert "as at 1 February 2026: 1 open or tolerated risk," in text
    assert "  High (10 to 15): 1" in text
    assert "Escalated to the board: 1" in text
    assert "R01 ND pathway provider closes its waiting list for assessment: 12 High (new)" in text
    assert "review due 31 January 2026, review overdue" in text


def test_an_unknown_partnership_is_named(db):
    with pytest.raises(CommandError, match="No partnership 'nowhere'"):
        call_command("risk_register", "nowhere")
