"""The action page's history says only what people changed (issue 8: "Owners: '' to
'Sunita Rahman'" after a status update, seen in a pilot on the demo's data)."""

import re

from django.urls import reverse
from django.utils import timezone

from sendboard.actions.models import Action

TODAY = timezone.localdate()


def _entries(page: str) -> list[str]:
    history = page.split('id="history"', 1)[1]
    return [re.sub(r"\s+", " ", entry) for entry in history.split("<li>\n    <strong>")[1:]]


def _raise_and_update(persona, partnership, board, owner) -> str:
    editor = persona["editor"]
    editor.post(
        reverse("action_create", args=[partnership.slug]),
        {
            "group": board.pk,
            "title": "Share the Ofsted letter",
            "owners": [owner.pk, ""],
            "due": "none",
        },
    )
    action = Action.objects.get()
    editor.post(
        reverse("action_update_add", args=[partnership.slug, action.code]),
        {
            "status": "in_progress",
            "text": "Letter shared with the PCF",
            "written_on_0": TODAY.day,
            "written_on_1": TODAY.month,
            "written_on_2": TODAY.year,
        },
    )
    assert Action.objects.get().status == "in_progress"
    return editor.get(action.get_absolute_url()).content.decode()


def test_a_status_update_shows_only_the_status_even_when_rows_share_a_time(
    persona, partnership, board, people, one_clock, without_page_cache
):
    page = _raise_and_update(persona, partnership, board, people["member"])

    update, owners_named, raised = _entries(page)
    assert "Update: In progress" in update
    assert "Status: “Open” to “In progress”" in update
    assert "Owners" not in update
    assert "Owners named" in owners_named
    assert "Owners: “” to “Member Tester”" in owners_named
    assert "Raised" in raised


def test_a_status_update_shows_only_the_status_with_the_real_clock(
    persona, partnership, board, people, without_page_cache
):
    page = _raise_and_update(persona, partnership, board, people["member"])

    update = _entries(page)[0]
    assert "Owners" not in update
    assert "Status: “Open” to “In progress”" in update
