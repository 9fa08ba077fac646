"""A meeting's number follows its date in the group's series, and a clash says which meeting."""

import datetime
import logging

import pytest
from django.urls import reverse

from sendboard.meetings.models import Meeting
from sendboard.meetings.tests.factories import MeetingFactory


def _create(persona, board, *, number: str, day: str):
    return persona["editor"].post(
        reverse("meeting_create", args=["northshire"]),
        {"group": board.pk, "number": number, "date": day, "format": "online"},
    )


@pytest.fixture
def series(board):
    MeetingFactory(group=board, number=25, date=datetime.date(2026, 1, 14))
    MeetingFactory(group=board, number=26, date=datetime.date(2026, 3, 11))


def test_a_blank_number_follows_the_last_meeting_before_the_date(persona, board, series):
    _create(persona, board, number="", day="2026-04-08")

    assert Meeting.objects.get(date=datetime.date(2026, 4, 8)).number == 27


def test_a_meeting_between_two_numbered_ones_asks_for_its_number(persona, board, series):
    page = _create(persona, board, number="", day="2026-02-11")

    assert page.status_code == 200
    assert page.context["form"].errors["number"] == [
        f"Meeting 26 of {board.name} is already the meeting of 11 March 2026, after this one: "
        "enter this meeting's number"
    ]
    assert not Meeting.objects.filter(date=datetime.date(2026, 2, 11)).exists()


def test_a_number_in_use_is_refused_on_its_field_in_words(persona, board, series):
    page = _create(persona, board, number="25", day="2026-02-11")

    errors = page.context["form"].errors
    assert list(errors) == ["number"]
    assert errors["number"][0].startswith(f"{board.name} already has a meeting number 25.")
    assert "already exists" not in page.content.decode()


def test_the_edit_page_names_only_fields_it_has(persona, board, series, caplog):
    meeting = Meeting.objects.get(number=25)
    with caplog.at_level(logging.WARNING):
        page = persona["editor"].get(reverse("meeting_edit", args=["northshire", meeting.code]))

    assert page.status_code == 200
    assert "Could not resolve form field" not in caplog.text


def test_a_date_outside_2000_to_2100_is_refused_on_its_field(persona, board):
    page = _create(persona, board, number="", day="0226-03-11")

    assert page.context["form"].errors["date"] == [
        "The date of the meeting must be between 2000 and 2100"
    ]


def test_a_minute_entry_too_long_is_refused_whoever_sends_it(meeting, manager_user):
    from django.core.exceptions import ValidationError

    from sendboard.meetings import services

    with pytest.raises(ValidationError) as refused:
        services.minute_entry_add(
            item=meeting.items.first(), kind="note", text="x" * 10_001, by=manager_user
        )

    assert refused.value.message_dict == {"text": ["Text must be 10,000 characters or fewer"]}
