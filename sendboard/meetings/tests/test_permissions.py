"""Every meetings page and every change, for every persona."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendboard.conftest import PERSONAS, expected_status
from sendboard.meetings import services
from sendboard.meetings.models import MinuteEntry

READERS = {"anonymous": 302, "outsider": 403}
EDITORS = {"manager", "editor"}


@pytest.fixture
def records(meeting, manager_user, partnership):
    item = meeting.items.get(position=3)
    entry = services.minute_entry_add(
        item=item, kind=MinuteEntry.Kind.NOTE, text="Noted.", by=manager_user
    )
    paper = services.paper_upload(
        item=item, title="Pack", file=SimpleUploadedFile("pack.pdf", b"%PDF-1.4"), by=manager_user
    )
    return {
        "slug": partnership.slug,
        "meeting": meeting,
        "item": item,
        "entry": entry,
        "paper": paper,
    }


def _args(r, name: str) -> list:
    """The URL arguments of each page, from the record it is about."""
    record = {
        "meeting_list": None,
        "meeting_create": None,
        "paper_download": "paper",
        "paper_withdraw": "paper",
        "agenda_item_edit": "item",
        "agenda_item_remove": "item",
        "agenda_item_move": "item",
        "paper_upload": "item",
        "minute_entry_create": "item",
        "minute_entry_edit": "entry",
        "minute_entry_delete": "entry",
        "minute_entry_move": "entry",
    }.get(name, "meeting")
    return [r["slug"], r[record].code] if record else [r["slug"]]


READ_NAMES = ("meeting_list", "meeting_detail", "paper_download")
EDIT_NAMES = (
    "meeting_create",
    "meeting_edit",
    "attendance_edit",
    "agenda_item_create",
    "agenda_item_edit",
    "agenda_item_remove",
    "paper_upload",
    "minute_entry_create",
    "minute_entry_edit",
    "minute_entry_delete",
    "meeting_cancel",
)
# POST-only changes an editor may make, with data that succeeds.
POSTS = {
    "meeting_mark_held": {},
    "agenda_item_move": {"direction": "up"},
    "minute_entry_move": {"direction": "down"},
    "paper_withdraw": {},
    "agenda_standing_item_add": {"standing": "aob"},
    "minute_entry_delete": {},
    "agenda_item_remove": {},
    "meeting_cancel": {},
}


@pytest.mark.parametrize("page", READ_NAMES)
@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_meetings_and_papers_and_outsiders_do_not(persona, records, who, page):
    response = persona[who].get(reverse(page, args=_args(records, page)))
    assert response.status_code == READERS.get(who, 200)


@pytest.mark.parametrize("page", EDIT_NAMES)
@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_and_editors_open_the_edit_pages(persona, records, who, page):
    response = persona[who].get(reverse(page, args=_args(records, page)))
    assert response.status_code == expected_status(who, allowed=EDITORS)


@pytest.mark.parametrize("change", POSTS)
@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_and_editors_change_a_meeting(persona, records, who, change):
    response = persona[who].post(reverse(change, args=_args(records, change)), POSTS[change])
    assert response.status_code == expected_status(who, allowed=EDITORS, success=302)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_agree_publish_and_reopen_minutes(persona, records, manager_user, who):
    meeting = records["meeting"]
    later = services.meeting_create(
        group=meeting.group,
        date=meeting.date.replace(month=meeting.date.month + 1),
        by=manager_user,
    )
    slug = records["slug"]
    steps = [
        ("meeting_minutes_approve", {"approved_at": later.code}),
        ("meeting_minutes_publish", {}),
        ("meeting_minutes_reopen", {}),
    ]
    for name, data in steps:
        response = persona[who].post(reverse(name, args=[slug, meeting.code]), data)
        assert response.status_code == expected_status(who, allowed={"manager"}, success=302)
    if who == "manager":
        assert meeting.history.filter(history_change_reason="Minutes published").exists()
    else:
        assert not meeting.history.filter(history_change_reason__startswith="Minutes").exists()
