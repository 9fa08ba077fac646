import pytest
from django.urls import reverse

from sendboard.governance.models import Group, Membership
from sendboard.governance.tests.factories import GroupFactory, MembershipFactory, PersonFactory
from sendboard.meetings.tests.factories import MeetingFactory


@pytest.fixture
def busy_groups(partnership, board, people):
    """The board and five subgroups, each with six members, six deputies and four meetings."""
    groups = [
        board,
        *(
            GroupFactory(partnership=partnership, reports_to=board, kind=Group.Kind.SUBGROUP)
            for _ in range(5)
        ),
    ]
    for group in groups:
        for _ in range(6):
            member = MembershipFactory(group=group).person
            MembershipFactory(
                group=group,
                person=PersonFactory(partnership=partnership),
                role=Membership.Role.DEPUTY,
                deputy_for=member,
            )
        for _ in range(4):
            MeetingFactory(group=group)
    for number in range(4):
        board._history_user = people[("manager", "editor")[number % 2]].user
        board.terms_of_reference = f"Meets monthly; version {number}."
        board.save()
    return groups


def test_the_group_list_needs_a_bounded_number_of_queries(
    persona, partnership, busy_groups, without_page_cache, django_assert_max_num_queries
):
    client = persona["viewer"]

    with django_assert_max_num_queries(6):
        response = client.get(reverse("group_list", args=[partnership.slug]))

    links = response.content.decode().count('class="govuk-link" href="/northshire/groups/')
    assert links == len(busy_groups)


def test_a_group_page_needs_a_bounded_number_of_queries(
    persona, partnership, board, busy_groups, without_page_cache, django_assert_max_num_queries
):
    client = persona["viewer"]

    with django_assert_max_num_queries(7):
        response = client.get(board.get_absolute_url())

    assert response.content.decode().count("Deputy for ") == 6
