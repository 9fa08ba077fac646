import datetime

import pytest
from django.urls import reverse

from sendboard.actions.tests.factories import ActionFactory
from sendboard.conftest import PERSONAS, expected_status
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.meetings.models import AgendaItem
from sendboard.meetings.tests.factories import MeetingFactory

EDITORS = {"manager", "editor"}
READERS = set(PERSONAS) - {"outsider"}
NEXT_MONTH = (datetime.date.today().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _url(name, partnership, *args, query=""):
    return reverse(name, args=[partnership.slug, *args]) + query


@pytest.fixture
def item(board, people):
    return ForwardPlanItemFactory(group=board, owner=people["member"], target_month=NEXT_MONTH)


def _form(item, **changes):
    fields = {
        "opened_version": item.version,
        "title": item.title,
        "kind": item.kind,
        "owner": "",
        "target_meeting": "",
        "target_month": item.target_month.isoformat(),
        "notes": "",
    }
    return {**fields, **changes}


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_the_forward_plan_and_its_items(persona, partnership, item, who):
    plan = persona[who].get(_url("forward_plan", partnership))
    page = persona[who].get(_url("forward_plan_item", partnership, item.code))

    assert plan.status_code == page.status_code == expected_status(who, allowed=READERS)


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize(
    "page", ["forward_plan_item_create", "forward_plan_item_edit", "forward_plan_item_defer"]
)
def test_only_editors_open_the_forward_plan_forms(persona, partnership, item, who, page):
    args = [] if page == "forward_plan_item_create" else [item.code]

    response = persona[who].get(_url(page, partnership, *args))

    assert response.status_code == expected_status(who, allowed=EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_add_to_the_forward_plan(persona, partnership, board, who):
    form = {
        "group": board.pk,
        "title": "Deep dive: alternative provision",
        "kind": "deep_dive",
        "target_month": NEXT_MONTH.isoformat(),
    }

    response = persona[who].post(_url("forward_plan_item_create", partnership), form)

    assert ForwardPlanItem.objects.exists() == (who in EDITORS)
    assert response.status_code == (302 if who in EDITORS | {"anonymous"} else 403)


@pytest.fixture
def held_meeting(board):
    return MeetingFactory(group=board, status="held", date=datetime.date.today())


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_change_the_forward_plan(persona, partnership, item, held_meeting, who):
    item.target_meeting = held_meeting
    item.save()
    persona[who].post(
        _url("forward_plan_item_edit", partnership, item.code),
        _form(item, title="New", target_meeting=held_meeting.pk, target_month=""),
    )
    persona[who].post(_url("forward_plan_item_mark_presented", partnership, item.code))

    item.refresh_from_db()
    assert (item.title == "New") == (who in EDITORS)
    assert (item.status == ForwardPlanItem.Status.PRESENTED) == (who in EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_add_an_action_to_the_forward_plan(persona, partnership, board, who):
    action = ActionFactory(board=board)

    persona[who].post(_url("forward_plan_item_from_action", partnership, action.code))

    assert ForwardPlanItem.objects.filter(source_action=action).exists() == (who in EDITORS)


def test_the_action_page_button_adds_it_to_the_forward_plan(persona, partnership, board):
    action = ActionFactory(board=board, title="Report back on EOTAS packages")
    assert (
        "Add to forward plan" in persona["editor"].get(action.get_absolute_url()).content.decode()
    )

    response = persona["editor"].post(
        _url("forward_plan_item_from_action", partnership, action.code), follow=True
    )

    item = ForwardPlanItem.objects.get(source_action=action)
    assert item.title == "Report back on EOTAS packages"
    assert response.redirect_chain[-1][0] == _url("forward_plan_item_edit", partnership, item.code)


def test_marking_presented_needs_a_post(persona, partnership, item):
    response = persona["editor"].get(
        _url("forward_plan_item_mark_presented", partnership, item.code)
    )

    assert response.status_code == 405


def test_it_defers_an_item_with_a_reason(persona, partnership, board, item):
    later = MeetingFactory(group=board, date=NEXT_MONTH + datetime.timedelta(days=40))

    persona["editor"].post(
        _url("forward_plan_item_defer", partnership, item.code),
        {"to_meeting": later.pk, "reason": "Waiting for the SEF"},
    )

    item.refresh_from_db()
    assert (item.status, item.target_meeting) == (ForwardPlanItem.Status.DEFERRED, later)
    page = persona["viewer"].get(_url("forward_plan", partnership)).content.decode()
    assert "Waiting for the SEF" in page


def test_deferring_without_a_reason_shows_the_error_summary(persona, partnership, item):
    response = persona["editor"].post(
        _url("forward_plan_item_defer", partnership, item.code),
        {"to_month": NEXT_MONTH.isoformat()},
    )

    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter why the item is being deferred" in page


def test_saving_an_item_someone_else_changed_is_refused(persona, partnership, item):
    url = _url("forward_plan_item_edit", partnership, item.code)
    opened = _form(item)
    persona["manager"].post(url, {**opened, "title": "Manager's title"})

    response = persona["editor"].post(url, {**opened, "title": "Editor's title"})

    item.refresh_from_db()
    assert item.title == "Manager's title"
    assert "changed by Manager Tester after you opened it" in response.content.decode()


def test_the_plan_page_groups_items_by_month_and_filters_by_group(
    persona, partnership, item, subgroup
):
    ForwardPlanItemFactory(group=subgroup, title="Inclusion update", target_month=NEXT_MONTH)

    everything = persona["viewer"].get(_url("forward_plan", partnership)).content.decode()
    filtered = (
        persona["viewer"]
        .get(_url("forward_plan", partnership, query=f"?group={subgroup.pk}"))
        .content.decode()
    )

    assert f"{NEXT_MONTH:%B %Y}</caption>" in everything
    assert item.title in everything and "Inclusion update" in everything
    assert item.title not in filtered and "Inclusion update" in filtered


def test_the_item_page_shows_its_history(persona, partnership, item):
    page = persona["viewer"].get(_url("forward_plan_item", partnership, item.code)).content.decode()

    assert "History" in page
    assert "Board Clerk" in page


def test_the_forward_plan_needs_a_fixed_number_of_queries(
    persona, partnership, board, subgroup, people, without_page_cache, django_assert_max_num_queries
):
    meeting = MeetingFactory(group=board, date=NEXT_MONTH)
    for number in range(30):
        ForwardPlanItemFactory(
            group=board if number % 2 else subgroup,
            owner=people["member"],
            target_meeting=meeting if number % 2 else None,
            target_month=NEXT_MONTH + datetime.timedelta(days=31 * (number % 4)),
            source_action=ActionFactory(board=board) if number % 5 == 0 else None,
        )
    client = persona["viewer"]

    with django_assert_max_num_queries(10):
        client.get(_url("forward_plan", partnership))


def test_the_item_page_needs_a_fixed_number_of_queries(
    persona, partnership, item, without_page_cache, django_assert_max_num_queries
):
    client = persona["viewer"]

    with django_assert_max_num_queries(12):
        client.get(_url("forward_plan_item", partnership, item.code))


def test_mark_as_presented_is_offered_only_once_the_meeting_is_held(
    persona, partnership, board, item, held_meeting
):
    planned = MeetingFactory(group=board, date=NEXT_MONTH)
    item.target_meeting = planned
    item.save()
    page = persona["editor"].get(_url("forward_plan_item", partnership, item.code))
    refused = persona["editor"].post(
        _url("forward_plan_item_mark_presented", partnership, item.code), follow=True
    )
    item.refresh_from_db()
    assert "Mark as presented" not in page.content.decode()
    assert item.status == ForwardPlanItem.Status.PLANNED
    assert "has not been held" in refused.content.decode()

    item.target_meeting = held_meeting
    item.save()
    page = persona["editor"].get(_url("forward_plan_item", partnership, item.code))
    assert "Mark as presented" in page.content.decode()


def test_an_editor_builds_the_agenda_from_the_forward_plan(persona, partnership, board, people):
    earlier = MeetingFactory(group=board, number=9, date=NEXT_MONTH - datetime.timedelta(days=28))
    meeting = MeetingFactory(group=board, number=10, date=NEXT_MONTH)
    planned = ForwardPlanItemFactory(
        group=board,
        title="Deep dive: EHCP timeliness",
        owner=people["editor"],
        target_meeting=meeting,
        deferred_from=earlier,
        status=ForwardPlanItem.Status.DEFERRED,
    )
    page = persona["editor"].get(meeting.get_absolute_url()).content.decode()
    assert "Deep dive: EHCP timeliness" in page
    assert f"Deferred from {earlier.date:%-d %B %Y}" in page

    response = persona["editor"].post(
        _url("forward_plan_item_schedule", partnership, planned.code, meeting.code)
    )

    added = meeting.items.get(forward_plan_item=planned)
    assert response.url == added.get_absolute_url()
    assert added.kind == AgendaItem.Kind.FORWARD_PLAN
    page = persona["editor"].get(meeting.get_absolute_url()).content.decode()
    assert f"Deferred from {earlier.date:%-d %B %Y}" in page
    assert "Put on the agenda<span" not in page


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_and_editors_put_an_item_on_an_agenda(persona, partnership, board, who):
    meeting = MeetingFactory(group=board, date=NEXT_MONTH)
    planned = ForwardPlanItemFactory(group=board, target_meeting=meeting)
    response = persona[who].post(
        _url("forward_plan_item_schedule", partnership, planned.code, meeting.code)
    )
    assert response.status_code == expected_status(who, allowed=EDITORS, success=302)
