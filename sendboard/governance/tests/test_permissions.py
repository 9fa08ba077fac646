import pytest

from sendboard.conftest import PERSONAS
from sendboard.governance.permissions import access_for, may_change_owned

READ_PAGES = (
    "partnership_home",
    "group_list",
    "meeting_list",
    "action_list",
    "forward_plan",
    "summary_list",
)
EXPECTED = {"anonymous": 302, "outsider": 403}


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_the_working_pages_and_outsiders_do_not(persona, partnership, who, page):
    from django.urls import reverse

    response = persona[who].get(reverse(page, args=[partnership.slug]))
    assert response.status_code == EXPECTED.get(who, 200)


def test_anyone_reads_the_published_pages(persona, partnership, people):
    from django.urls import reverse

    for who in PERSONAS:
        assert persona[who].get(reverse("public_home", args=[partnership.slug])).status_code == 200


def test_editors_change_anything_owned_and_others_only_what_they_own(partnership, people):
    owners = [people["chair"]]

    def may(who: str, owned_by=owners) -> bool:
        return may_change_owned(access_for(people[who].user, partnership), owned_by)

    assert may("editor") and may("manager")
    assert not may("member")
    assert may("member", owned_by=[people["member"], *owners])
