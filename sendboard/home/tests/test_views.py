import datetime
import re

from django.urls import reverse
from django.utils import timezone

from sendboard.actions.tests.factories import ActionFactory
from sendboard.governance.models import Group
from sendboard.governance.tests.factories import GroupFactory, PersonFactory
from sendboard.meetings.tests.factories import MeetingFactory

TODAY = timezone.localdate()


def test_the_partnership_home_page_needs_a_bounded_number_of_queries(
    persona, partnership, board, people, without_page_cache, django_assert_max_num_queries
):
    groups = [
        board,
        *(
            GroupFactory(partnership=partnership, reports_to=board, kind=Group.Kind.SUBGROUP)
            for _ in range(3)
        ),
    ]
    for number in range(12):
        MeetingFactory(group=groups[number % 4], date=TODAY + datetime.timedelta(days=number + 1))
    for number in range(30):
        ActionFactory(
            board=board,
            group=groups[number % 4],
            owners=[people["member"], PersonFactory(partnership=partnership)],
            due_date=TODAY + datetime.timedelta(days=number - 15),
        )
    client = persona["member"]

    with django_assert_max_num_queries(10):
        response = client.get(reverse("partnership_home", args=[partnership.slug]))

    meeting_links = re.findall(
        r'href="/northshire/meetings/[0-9a-f-]{36}/"', response.content.decode()
    )
    assert len(meeting_links) == 5


def test_the_overdue_count_leads_to_the_overdue_actions(persona, board):
    overdue = ActionFactory(board=board, group=board, due_date=datetime.date(2020, 1, 1))

    page = persona["member"].get(reverse("partnership_home", args=["northshire"]))

    link = reverse("action_list", args=["northshire"]) + "?status=overdue"
    assert f'href="{link}">1</a>' in page.content.decode()
    assert overdue.reference in persona["member"].get(link).content.decode()
