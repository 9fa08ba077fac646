import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sendboard.conftest import PERSONAS, expected_status
from sendboard.governance import services
from sendboard.governance.models import Person
from sendboard.governance.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
)
from sendboard.meetings.tests.factories import MeetingFactory

EDITORS = {"manager", "editor"}
READERS = {"manager", "editor", "member", "analyst", "auditor", "viewer", "chair"}


def _url(name, partnership, query=""):
    return reverse(name, args=[partnership.slug]) + query


@pytest.mark.parametrize("who", PERSONAS)
def test_everyone_with_a_role_reads_the_people_page(persona, partnership, people, who):
    response = persona[who].get(_url("person_list", partnership))

    assert response.status_code == expected_status(who, READERS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_add_people(persona, partnership, people, who):
    persona[who].post(_url("person_create", partnership), {"name": "Priya Nair"})

    assert Person.objects.filter(name="Priya Nair").exists() == (who in EDITORS)


def test_an_editor_adds_a_visiting_adviser_and_goes_back_to_the_attendance_page(
    persona, partnership, board, people
):
    dfe = OrganisationFactory(partnership=partnership, name="Department for Education")
    meeting = MeetingFactory(group=board)
    attendance = reverse("attendance_edit", args=[partnership.slug, meeting.code])

    response = persona["editor"].post(
        _url("person_create", partnership),
        {
            "name": "Priya Nair",
            "job_title": "SEND Adviser",
            "organisation": dfe.pk,
            "next": attendance,
        },
    )

    assert response.status_code == 302 and response.url == attendance
    adviser = Person.objects.get(name="Priya Nair")
    assert adviser.described == "Priya Nair, SEND Adviser, Department for Education"
    assert adviser.history.get().history_user == people["editor"].user
    assert "Priya Nair" in persona["editor"].get(attendance).content.decode()


def test_it_never_sends_the_editor_on_to_another_site(persona, partnership, people):
    response = persona["editor"].post(
        _url("person_create", partnership),
        {"name": "Priya Nair", "next": "https://elsewhere.example/"},
    )

    assert response.url == _url("person_list", partnership)


def test_a_person_needs_a_name(persona, partnership, people):
    response = persona["editor"].post(_url("person_create", partnership), {"name": " "})

    assert "Enter the person&#x27;s full name" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_an_organisation_of_another_partnership_is_refused(partnership, editor_user):
    elsewhere = OrganisationFactory(
        partnership=PartnershipFactory(slug="southvale", name="Southvale")
    )

    with pytest.raises(ValidationError, match="Choose one of this partnership's organisations"):
        services.person_create(
            partnership=partnership, name="Sam Lee", organisation=elsewhere, by=editor_user
        )
    assert not Person.objects.filter(name="Sam Lee").exists()


def test_the_people_page_needs_a_fixed_number_of_queries(
    persona, partnership, board, people, without_page_cache, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(partnership=partnership, organisation=OrganisationFactory())
    for who, bound in (("viewer", 7), ("manager", 9)):  # a manager sees accounts too
        client = persona[who]
        with django_assert_max_num_queries(bound):
            client.get(_url("person_list", partnership))


def test_the_attendance_page_offers_to_add_someone_not_listed(persona, partnership, board, people):
    meeting = MeetingFactory(group=board)
    attendance = reverse("attendance_edit", args=[partnership.slug, meeting.code])

    page = persona["editor"].get(attendance).content.decode()

    assert f"{_url('person_create', partnership)}?next={attendance}" in page
