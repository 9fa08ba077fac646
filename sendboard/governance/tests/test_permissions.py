import pytest

from sendboard.conftest import PERSONAS

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
