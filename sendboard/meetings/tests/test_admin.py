"""The back office lists and opens the records of meetings and of governance."""

import pytest
from django.test import Client
from django.urls import reverse

from sendboard.governance.tests.factories import UserFactory
from sendboard.meetings.tests.factories import AttendanceFactory, MinuteEntryFactory

MODELS = [
    "governance_partnership",
    "governance_organisation",
    "governance_person",
    "governance_group",
    "governance_membership",
    "governance_role",
    "meetings_meeting",
    "meetings_agendaitem",
    "meetings_paper",
    "meetings_attendance",
    "meetings_minuteentry",
]


@pytest.fixture
def back_office(people):
    client = Client()
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_back_office_lists_each_model(back_office, meeting, model):
    MinuteEntryFactory(item=meeting.items.first())
    AttendanceFactory(meeting=meeting)
    assert back_office.get(reverse(f"admin:{model}_changelist")).status_code == 200


def test_the_back_office_shows_a_meetings_history(back_office, meeting):
    url = reverse("admin:meetings_meeting_history", args=[meeting.pk])
    assert "Meeting created" in back_office.get(url).content.decode()
