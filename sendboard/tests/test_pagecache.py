import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sendboard.actions import services as action_services
from sendboard.actions.tests.factories import ActionFactory
from sendboard.core import pagecache
from sendboard.governance.models import Person, Role
from sendboard.meetings.tests.factories import AttendanceFactory

TODAY = timezone.localdate()


@pytest.fixture
def log_url(partnership):
    return reverse("action_list", args=[partnership.slug])


@pytest.fixture
def action(board, people):
    return ActionFactory(board=board, owners=[people["member"]], title="Map the health offer")


def test_a_second_visit_is_served_from_the_cache(
    persona, log_url, action, django_assert_max_num_queries
):
    client = persona["viewer"]
    _visit(client, log_url)
    # A write that sends no signal is invisible to the cache: the page comes back unchanged.
    type(action).objects.filter(pk=action.pk).update(title="Renamed quietly")

    with django_assert_max_num_queries(7):
        again = client.get(log_url)

    assert "Map the health offer" in again.content.decode()
    pagecache.revision_bump()
    assert "Renamed quietly" in client.get(log_url).content.decode()


def test_a_change_through_a_service_shows_at_once(persona, people, action):
    url = action.get_absolute_url()
    assert "Recruited two more caseworkers" not in persona["member"].get(url).content.decode()

    action_services.action_update_add(
        action=action,
        text="Recruited two more caseworkers",
        status="in_progress",
        written_on=TODAY,
        by=people["member"].user,
    )

    assert "Recruited two more caseworkers" in persona["member"].get(url).content.decode()


def test_a_person_renamed_anywhere_shows_on_every_page(persona, people, board, action, log_url):
    meeting = AttendanceFactory(meeting__group=board, person=people["member"]).meeting
    pages = [log_url, meeting.get_absolute_url(), action.get_absolute_url()]
    for url in pages:
        assert "Morgan Renamed" not in persona["viewer"].get(url).content.decode()

    person = Person.objects.get(pk=people["member"].pk)
    person.name = "Morgan Renamed"
    person.save()  # as the back office does

    for url in pages:
        assert "Morgan Renamed" in persona["viewer"].get(url).content.decode()


def test_readers_never_share_a_page(persona, log_url, action):
    assert "Raise an action" in persona["manager"].get(log_url).content.decode()

    assert "Raise an action" not in persona["viewer"].get(log_url).content.decode()


def test_a_reader_who_lost_their_role_is_refused_despite_a_cached_page(persona, people, log_url):
    assert persona["viewer"].get(log_url).status_code == 200

    Role.objects.filter(user=people["viewer"].user).delete()

    assert persona["viewer"].get(log_url).status_code == 403


def test_a_flash_message_is_shown_once(persona, action):
    client = persona["member"]
    client.get(action.get_absolute_url())
    form = {
        "status": "in_progress",
        "text": "Draft circulated",
        "written_on_0": TODAY.day,
        "written_on_1": TODAY.month,
        "written_on_2": TODAY.year,
    }
    client.post(
        reverse("action_update_add", args=[action.board.partnership.slug, action.code]), form
    )

    assert "Update added to" in client.get(action.get_absolute_url()).content.decode()
    assert "Update added to" not in client.get(action.get_absolute_url()).content.decode()


def test_pages_are_kept_for_one_day(persona, log_url, action, monkeypatch):
    client = persona["viewer"]
    _visit(client, log_url)
    type(action).objects.filter(pk=action.pk).update(title="Seen tomorrow")

    tomorrow = TODAY + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    assert "Seen tomorrow" in client.get(log_url).content.decode()


def test_nothing_is_kept_when_switched_off(persona, log_url, action, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = persona["viewer"]
    _visit(client, log_url)
    type(action).objects.filter(pk=action.pk).update(title="Seen at once")

    assert "Seen at once" in client.get(log_url).content.decode()


def test_a_rolled_back_change_leaves_the_revision_as_it_was(action):
    before = pagecache.current_revision()
    with pytest.raises(RuntimeError, match="rolled back on purpose"), transaction.atomic():
        action.title = "Never saved"
        action.save()
        raise RuntimeError("rolled back on purpose")

    assert pagecache.current_revision() == before


def _visit(client, url):
    """The first visit gives the reader the CSRF cookie the page's forms need; the
    second is kept."""
    client.get(url)
    client.get(url)
