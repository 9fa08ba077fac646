import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from sendboard.actions.models import Action
from sendboard.actions.tests.factories import ActionFactory
from sendboard.conftest import PERSONAS, expected_status
from sendboard.governance.tests.factories import PersonFactory
from sendboard.meetings.tests.factories import AgendaItemFactory, MeetingFactory

TODAY = timezone.localdate()
EDITORS = {"manager", "editor"}


def _url(name, partnership, *args, query=""):
    return reverse(name, args=[partnership.slug, *args]) + query


def _edit_form(action, **changes):
    fields = {
        "opened_version": action.version,
        "title": action.title,
        "description": "",
        "owners": [owner.pk for owner in action.owners.all()],
        "due": "none",
    }
    return {**fields, **changes}


@pytest.fixture
def owned(board, people):
    """An action the board member owns."""
    return ActionFactory(board=board, owners=[people["member"]], due_date=TODAY)


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("page", ["action_list", "my_actions", "action_log_csv"])
def test_every_role_reads_the_action_log(persona, partnership, owned, who, page):
    response = persona[who].get(_url(page, partnership))

    assert response.status_code == expected_status(who, allowed=set(PERSONAS) - {"outsider"})


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_an_action(persona, partnership, owned, who):
    response = persona[who].get(_url("action_detail", partnership, owned.code))

    assert response.status_code == expected_status(who, allowed=set(PERSONAS) - {"outsider"})


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("page", ["action_create", "action_edit"])
def test_only_editors_open_the_action_forms(persona, partnership, owned, who, page):
    args = [] if page == "action_create" else [owned.code]

    response = persona[who].get(_url(page, partnership, *args))

    assert response.status_code == expected_status(who, allowed=EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_and_the_owner_open_the_update_form(persona, partnership, owned, who):
    response = persona[who].get(_url("action_update_add", partnership, owned.code))

    assert response.status_code == expected_status(who, allowed=EDITORS | {"member"})


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_raise_actions(persona, partnership, board, people, who):
    form = {
        "group": board.pk,
        "title": "Draft the SEF",
        "owners": [people["member"].pk],
        "due": "none",
    }

    response = persona[who].post(_url("action_create", partnership), form)

    assert Action.objects.exists() == (who in EDITORS)
    assert response.status_code == (302 if who in EDITORS | {"anonymous"} else 403)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_edit_actions(persona, partnership, owned, who):
    persona[who].post(_url("action_edit", partnership, owned.code), _edit_form(owned, title="New"))

    owned.refresh_from_db()
    assert (owned.title == "New") == (who in EDITORS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_and_the_owner_add_updates(persona, partnership, owned, who):
    form = {
        "status": "in_progress",
        "text": "Draft circulated",
        "written_on_0": TODAY.day,
        "written_on_1": TODAY.month,
        "written_on_2": TODAY.year,
    }

    persona[who].post(_url("action_update_add", partnership, owned.code), form)

    assert owned.updates.exists() == (who in EDITORS | {"member"})


def test_an_owner_may_update_their_own_action_but_not_anothers(persona, partnership, board, people):
    mine = ActionFactory(board=board, owners=[people["chair"]])
    theirs = ActionFactory(board=board, owners=[people["member"]])
    form = {
        "status": "complete",
        "text": "Done",
        "written_on_0": "1",
        "written_on_1": "7",
        "written_on_2": "2025",
    }

    done = persona["chair"].post(_url("action_update_add", partnership, mine.code), form)
    refused = persona["chair"].post(_url("action_update_add", partnership, theirs.code), form)

    assert done.status_code == 302
    assert refused.status_code == 403
    mine.refresh_from_db()
    assert (mine.status, mine.closed_on) == ("complete", datetime.date(2025, 7, 1))
    assert not theirs.updates.exists()


def test_the_update_form_shows_errors_in_the_error_summary(persona, partnership, owned):
    form = {"status": "transferred", "text": "Moved", "written_on_0": "1", "written_on_1": "7"}

    response = persona["editor"].post(_url("action_update_add", partnership, owned.code), form)

    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_it_raises_an_action_and_shows_its_page(persona, partnership, board, people):
    form = {
        "group": board.pk,
        "title": "Share the Ofsted letter",
        "owners": [people["member"].pk, people["chair"].pk],
        "due": "date",
        "due_date_0": "30",
        "due_date_1": "9",
        "due_date_2": "2025",
    }

    response = persona["editor"].post(_url("action_create", partnership), form, follow=True)

    action = Action.objects.get()
    assert action.due_date == datetime.date(2025, 9, 30)
    assert set(action.owners.all()) == {people["member"], people["chair"]}
    page = response.content.decode()
    assert "Action SPB-1 raised" in page
    assert "30 September 2025" in page
    assert "History" in page


def test_it_asks_for_a_due_date_when_due_by_a_date(persona, partnership, board, people):
    form = {"group": board.pk, "title": "X", "owners": [people["member"].pk], "due": "date"}

    response = persona["editor"].post(_url("action_create", partnership), form)

    assert "Enter the due date" in response.content.decode()
    assert not Action.objects.exists()


def test_raising_from_an_agenda_item_preselects_its_meeting(persona, partnership, board, people):
    item = AgendaItemFactory(meeting=MeetingFactory(group=board), title="Parent carer update")

    response = persona["editor"].get(_url("action_create", partnership, query=f"?item={item.code}"))
    form = response.context["form"]
    assert form["source_meeting"].value() == item.meeting_id
    assert form["group"].value() == board.pk
    assert "Parent carer update" in response.content.decode()

    persona["editor"].post(
        _url("action_create", partnership),
        {
            "group": board.pk,
            "source_meeting": item.meeting_id,
            "source_item": item.code,
            "title": "Write to schools",
            "owners": [people["member"].pk],
            "due": "next_meeting",
        },
    )
    action = Action.objects.get()
    assert (action.source_item, action.due_by_next_meeting) == (item, True)


def test_saving_an_action_someone_else_changed_is_refused_with_a_clear_message(
    persona, partnership, owned
):
    url = _url("action_edit", partnership, owned.code)
    opened = _edit_form(owned)
    persona["manager"].post(url, {**opened, "title": "Manager's version"})

    response = persona["editor"].post(url, {**opened, "title": "Editor's version"})

    owned.refresh_from_db()
    assert owned.title == "Manager's version"
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "changed by Manager Tester after you opened it" in page
    assert response.context["form"]["title"].value() == "Manager's version"


def test_the_action_page_says_when_it_is_due_by_the_next_meeting(persona, partnership, board):
    june = MeetingFactory(group=board, date=datetime.date(2025, 6, 3))
    MeetingFactory(group=board, date=datetime.date(2025, 7, 8))
    action = ActionFactory(board=board, source_meeting=june, due_by_next_meeting=True)

    page = persona["viewer"].get(_url("action_detail", partnership, action.code)).content.decode()

    assert "By the next meeting on 8 July 2025" in page
    assert "Overdue" in page


def test_the_action_page_lists_updates_newest_first(persona, partnership, owned, people):
    for day, text in ((1, "First step"), (20, "Second step")):
        owned.updates.create(
            written_on=datetime.date(2025, 6, day), text=text, status="in_progress"
        )

    page = persona["viewer"].get(_url("action_detail", partnership, owned.code)).content.decode()

    assert page.index("Second step") < page.index("First step")


@pytest.fixture
def log(board, subgroup, people):
    meeting = MeetingFactory(group=board)
    return {
        "late": ActionFactory(board=board, due_date=TODAY - datetime.timedelta(days=3)),
        "members": ActionFactory(board=board, owners=[people["member"]], source_meeting=meeting),
        "subgroup": ActionFactory(board=board, group=subgroup),
        "done": ActionFactory(board=board, status="complete", closed_on=TODAY),
        "meeting": meeting,
    }


def _listed(response) -> set[Action]:
    return set(response.context["rows"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=overdue", {"late"}),
        ("status=complete", {"done"}),
        ("group=subgroup", {"subgroup"}),
        ("owner=member", {"members"}),
        ("meeting=meeting", {"members"}),
        ("", {"late", "members", "subgroup", "done"}),
    ],
)
def test_the_log_filters(persona, partnership, log, people, subgroup, query, expected):
    values = {"subgroup": subgroup.pk, "member": people["member"].pk, "meeting": log["meeting"].pk}
    if query:
        name, value = query.split("=")
        query = f"?{name}={values.get(value, value)}"

    response = persona["viewer"].get(_url("action_list", partnership, query=query))

    assert _listed(response) == {log[name] for name in expected}


def test_the_log_tags_overdue_actions(persona, partnership, log):
    page = persona["viewer"].get(_url("action_list", partnership, query="?status=overdue"))

    shown = " ".join(page.content.decode().split())
    assert '<strong class="govuk-tag govuk-tag--red"> Overdue </strong>' in shown


def test_my_actions_lists_only_the_signed_in_persons(persona, partnership, log):
    assert _listed(persona["member"].get(_url("my_actions", partnership))) == {log["members"]}
    assert _listed(persona["analyst"].get(_url("my_actions", partnership))) == set()


def test_the_csv_has_the_filtered_log(persona, partnership, log):
    log["late"].updates.create(written_on=TODAY, text="=HYPERLINK(bad)", status="open")

    response = persona["viewer"].get(_url("action_log_csv", partnership, query="?status=overdue"))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Reference"] for row in rows] == [log["late"].reference]
    assert rows[0]["Overdue"] == "Yes"
    assert rows[0]["Owners"] == "Cerys Thomas"
    assert rows[0]["Latest update"] == "'=HYPERLINK(bad)"


def test_the_log_shows_fifty_actions_a_page(persona, partnership, board):
    owner = PersonFactory(partnership=partnership)
    for _ in range(60):
        ActionFactory(board=board, owners=[owner])

    first = persona["viewer"].get(_url("action_list", partnership))
    second = persona["viewer"].get(_url("action_list", partnership, query="?page=2"))

    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 10
    assert 'rel="next"' in first.content.decode()


def test_the_log_needs_a_fixed_number_of_queries(
    persona, partnership, board, people, without_page_cache, django_assert_max_num_queries
):
    owners = [PersonFactory(partnership=partnership) for _ in range(3)]
    meeting = MeetingFactory(group=board)
    for number in range(60):
        ActionFactory(board=board, owners=owners[: number % 3 + 1], source_meeting=meeting)
    client = persona["viewer"]

    with django_assert_max_num_queries(13):
        client.get(_url("action_list", partnership, query="?status=overdue"))
    with django_assert_max_num_queries(13):
        client.get(_url("action_list", partnership))
    with django_assert_max_num_queries(13):
        client.get(_url("action_log_csv", partnership))


def test_the_action_page_needs_a_fixed_number_of_queries(
    persona, partnership, owned, people, without_page_cache, django_assert_max_num_queries
):
    for day in range(1, 6):
        owned.updates.create(written_on=datetime.date(2025, 6, day), text="Step", status="open")
    client = persona["member"]

    with django_assert_max_num_queries(16):
        client.get(_url("action_detail", partnership, owned.code))


def test_my_actions_needs_a_fixed_number_of_queries(
    persona, partnership, board, subgroup, people, without_page_cache, django_assert_max_num_queries
):
    others = [PersonFactory(partnership=partnership) for _ in range(3)]
    meetings = [MeetingFactory(group=group) for group in (board, subgroup)]
    for number in range(60):
        group = (board, subgroup)[number % 2]
        ActionFactory(
            board=board,
            group=group,
            owners=[people["member"], *others[: number % 4]],
            source_meeting=meetings[number % 2],
            due_by_next_meeting=number % 3 == 0,
        )
    ActionFactory(board=board, owners=others)
    client = persona["member"]

    with django_assert_max_num_queries(13):
        response = client.get(_url("my_actions", partnership))

    assert len(response.context["rows"]) == 50


def test_a_mistyped_item_code_is_ignored(persona, partnership):
    response = persona["editor"].get(_url("action_create", partnership, query="?item=not-a-code"))

    assert response.status_code == 200


def test_my_actions_downloads_only_my_actions(persona, partnership, log, people):
    page = persona["member"].get(_url("my_actions", partnership)).content.decode()

    assert f"action-log.csv?owner={people['member'].pk}" in page
