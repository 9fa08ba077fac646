"""The register pages: who reads and changes them, each form, and their number of queries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from sendboard.conftest import PERSONAS, expected_status
from sendboard.plans.tests.factories import PlanActionFactory
from sendboard.risks.models import Mitigation, Risk, RiskReview
from sendboard.risks.tests.factories import add_risk, review

READERS = set(PERSONAS) - {"outsider"}
EDITORS = {"manager", "editor"}
TODAY = timezone.localdate()


def _url(name, risk_or_partnership, *args):
    if isinstance(risk_or_partnership, Risk):
        return reverse(name, args=[risk_or_partnership.partnership.slug, risk_or_partnership.code])
    return reverse(name, args=[risk_or_partnership.slug, *args])


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _risk_form(people, **changes):
    return {
        "title": "Children not in education",
        "description": "Children missing education are not known to SEND services",
        "category": Risk.Category.SAFEGUARDING,
        "owner": people["member"].pk,
        "likelihood": 4,
        "impact": 5,
        "residual_likelihood": 3,
        "residual_impact": 4,
        "review_every_months": 3,
        **changes,
    }


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("name", ["risk_list", "risk_summary"])
def test_everyone_in_the_partnership_reads_the_register(persona, partnership, risk, who, name):
    response = persona[who].get(_url(name, partnership))
    assert response.status_code == expected_status(who, READERS)


@pytest.mark.parametrize("who", PERSONAS)
def test_everyone_in_the_partnership_reads_a_risk(persona, risk, who):
    assert persona[who].get(_url("risk_detail", risk)).status_code == expected_status(who, READERS)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_add_a_risk(persona, partnership, people, who):
    assert persona[who].get(_url("risk_create", partnership)).status_code == expected_status(
        who, EDITORS
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_the_owner_and_editors_review_it(persona, risk, who):
    allowed = EDITORS | {"member"}
    assert persona[who].get(_url("risk_review", risk)).status_code == expected_status(who, allowed)


@pytest.mark.parametrize("who", PERSONAS)
def test_only_the_manager_sets_the_bands(persona, partnership, people, who):
    status = persona[who].get(_url("risk_bands", partnership)).status_code
    assert status == expected_status(who, {"manager"})


def test_the_register_shows_score_band_trend_and_overdue_in_words(persona, partnership, people):
    add_risk(
        partnership,
        owner=people["member"],
        by=people["editor"].user,
        review_due_on=TODAY.replace(year=TODAY.year - 1),
        escalated_to_board=True,
    )
    page = persona["viewer"].get(_url("risk_list", partnership)).content.decode()
    assert "R01" in page
    assert "12 High" in page and "20 Very high" in page
    assert "Review overdue" in page
    assert "Escalated to the board" in page
    assert "New" in page


def test_the_register_filters_by_a_get_form(persona, partnership, people):
    editor = people["editor"].user
    add_risk(partnership, owner=people["member"], by=editor, title="ND waiting list closed")
    add_risk(
        partnership,
        owner=people["member"],
        by=editor,
        title="Children not in education",
        escalated_to_board=True,
    )
    page = (
        persona["viewer"]
        .get(_url("risk_list", partnership), {"status": "live", "escalated": "yes"})
        .content.decode()
    )
    assert "Children not in education" in page
    assert "ND waiting list closed" not in page


def test_an_editor_adds_a_risk(persona, partnership, people):
    response = persona["editor"].post(_url("risk_create", partnership), _risk_form(people))
    risk = Risk.objects.get()
    assert response.status_code == 302 and response.url == risk.get_absolute_url()
    assert (risk.reference, risk.residual_score, risk.owner) == ("R01", 12, people["member"])


def test_a_bad_risk_is_shown_with_its_errors(persona, partnership, people):
    response = persona["editor"].post(
        _url("risk_create", partnership), _risk_form(people, category="other", title="")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the title of the risk" in page
    assert not Risk.objects.exists()


def test_the_owner_adds_a_service_error_to_the_form(persona, partnership, people):
    """A category of Other without its name is caught by the service and shown on the form."""
    page = (
        persona["editor"]
        .post(_url("risk_create", partnership), _risk_form(people, category="other"))
        .content.decode()
    )
    assert "Name the category" in page


def test_an_edit_from_a_stale_page_is_refused(persona, risk, people):
    form = _risk_form(people, opened_version=risk.version, **_date("review_due_on", TODAY))
    persona["editor"].post(_url("risk_edit", risk), {**form, "title": "First"})
    response = persona["manager"].post(_url("risk_edit", risk), {**form, "title": "Second"})
    assert "after you opened it" in response.content.decode()
    risk.refresh_from_db()
    assert risk.title == "First"


def test_linking_plan_actions_on_the_form_lists_them_on_the_risk(persona, risk, people):
    line = PlanActionFactory(outcome__area__plan__partnership=risk.partnership, reference="2.1")
    form = _risk_form(
        people, opened_version=risk.version, plan_actions=[line.pk], **_date("review_due_on", TODAY)
    )
    assert persona["editor"].post(_url("risk_edit", risk), form).status_code == 302
    page = persona["viewer"].get(_url("risk_detail", risk)).content.decode()
    assert line.get_absolute_url() in page


def test_the_owner_reviews_and_the_score_history_grows(persona, risk):
    form = {
        "opened_version": risk.version,
        "residual_likelihood": 2,
        "residual_impact": 4,
        "note": "Second provider now assessing",
        **_date("reviewed_on", TODAY),
    }
    assert persona["member"].post(_url("risk_review", risk), form).status_code == 302
    assert risk.reviews.latest("pk").kind == RiskReview.Kind.REVIEWED
    page = persona["viewer"].get(_url("risk_detail", risk)).content.decode()
    assert "Second provider now assessing" in page
    assert "8 Medium" in page and "Falling" in page.title()


def test_a_mitigation_is_added_and_marked_done(persona, risk, people):
    form = {"text": "Commission a second ND provider", "owner": people["chair"].pk}
    assert persona["member"].post(_url("mitigation_add", risk), form).status_code == 302
    mitigation = Mitigation.objects.get()
    done = reverse("mitigation_complete", args=[risk.partnership.slug, mitigation.code])
    assert persona["viewer"].post(done).status_code == 403
    mitigation.refresh_from_db()
    assert mitigation.done_on is None
    persona["chair"].post(done)
    mitigation.refresh_from_db()
    assert mitigation.done_on == TODAY


def test_escalating_and_closing(persona, risk):
    persona["editor"].post(_url("risk_escalate", risk))
    risk.refresh_from_db()
    assert risk.escalated_to_board
    persona["editor"].post(_url("risk_escalate", risk), {"escalate": "no"})
    risk.refresh_from_db()
    assert not risk.escalated_to_board
    persona["editor"].post(_url("risk_close", risk), {"reason": "List reopened"})
    risk.refresh_from_db()
    assert risk.status == Risk.Status.CLOSED


def test_the_manager_changes_the_bands(persona, risk):
    form = {"low_max": 3, "medium_max": 6, "high_max": 11}
    assert persona["manager"].post(_url("risk_bands", risk.partnership), form).status_code == 302
    page = persona["viewer"].get(_url("risk_list", risk.partnership)).content.decode()
    assert "12 Very high" in page


def test_the_summary_has_both_heat_maps_with_their_tables(persona, risk):
    page = persona["viewer"].get(_url("risk_summary", risk.partnership)).content.decode()
    assert page.count('<svg role="img"') == 2
    assert "Before mitigation (inherent): 1 open risk" in page
    assert "number of risks by impact and likelihood" in page
    assert "Likelihood 4: Likely" in page


@pytest.mark.usefixtures("without_page_cache")
@pytest.mark.parametrize("name", ["risk_list", "risk_summary"])
def test_the_register_pages_read_a_bounded_number_of_queries(
    persona, partnership, people, django_assert_max_num_queries, name
):
    for _ in range(12):
        add_risk(partnership, owner=people["member"], by=people["editor"].user)
    client = persona["viewer"]
    client.get(_url(name, partnership))
    with django_assert_max_num_queries(15):
        assert client.get(_url(name, partnership)).status_code == 200


@pytest.mark.usefixtures("without_page_cache")
def test_a_risk_page_reads_a_bounded_number_of_queries(
    persona, risk, django_assert_max_num_queries
):
    client = persona["viewer"]
    client.get(_url("risk_detail", risk))
    with django_assert_max_num_queries(25):
        assert client.get(_url("risk_detail", risk)).status_code == 200


def test_a_reviewed_risk_draws_its_score_history(persona, risk, people):
    page = persona["viewer"].get(_url("risk_detail", risk)).content.decode()
    assert "over time</title>" not in page
    review(risk, by=people["member"].user, likelihood=2, impact=4)
    page = persona["viewer"].get(_url("risk_detail", risk)).content.decode()
    assert '<svg role="img" aria-label="Scores of R01 over time"' in page
    assert f"{TODAY:%-d %B %Y}: 20 before mitigation, 8 now." in page


def test_the_register_filters_by_band(persona, partnership, people):
    editor = people["editor"].user
    add_risk(partnership, owner=people["member"], by=editor, title="ND waiting list closed")
    add_risk(
        partnership,
        owner=people["member"],
        by=editor,
        title="Children not in education",
        residual_likelihood=1,
        residual_impact=2,
    )
    page = persona["viewer"].get(_url("risk_list", partnership), {"band": "low"}).content.decode()
    assert "Children not in education" in page
    assert "ND waiting list closed" not in page


def test_an_editor_tolerates_a_risk_and_treats_it_again(persona, risk):
    persona["editor"].post(_url("risk_tolerate", risk))
    risk.refresh_from_db()
    assert risk.status == Risk.Status.TOLERATED
    persona["editor"].post(_url("risk_tolerate", risk), {"tolerate": "no"})
    risk.refresh_from_db()
    assert risk.status == Risk.Status.OPEN
    assert persona["member"].post(_url("risk_tolerate", risk)).status_code == 403


def test_scores_left_unchosen_are_asked_for_not_taken_as_one(persona, partnership, people):
    form = _risk_form(people, likelihood="")
    page = persona["editor"].post(_url("risk_create", partnership), form).content.decode()
    assert "Choose the likelihood before mitigation" in page
    assert not Risk.objects.exists()


def test_the_edit_form_keeps_a_line_since_moved_to_business_as_usual(persona, risk, people):
    line = PlanActionFactory(
        outcome__area__plan__partnership=risk.partnership,
        transferred_on=TODAY,
        receiving_team="SEND Assessment Team",
    )
    risk.plan_actions.add(line)
    PlanActionFactory(outcome__area__plan__partnership=risk.partnership, text="Open line")
    page = persona["editor"].get(_url("risk_edit", risk)).content.decode()
    assert line.reference in page and page.count('name="plan_actions"') == 2
    add_page = persona["editor"].get(_url("risk_create", risk.partnership)).content.decode()
    assert add_page.count('name="plan_actions"') == 1
