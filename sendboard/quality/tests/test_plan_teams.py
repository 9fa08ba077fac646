"""The manager sets each plan's team, for the plans the snapshot gives none or a wrong one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sendboard.casework import queries as casework_queries
from sendboard.quality.models import PlanTeam


def _url(name, partnership):
    return reverse(name, args=[partnership.slug])


@pytest.fixture
def plans(snapshot):
    return {plan.plan_id: plan.team for plan in casework_queries.active_plans_with_strata(snapshot)}


@pytest.mark.parametrize("who", ["auditor", "analyst", "viewer", "anonymous"])
def test_only_managers_reach_the_plan_teams(persona, partnership, people, snapshot, who):
    for name in ("quality_plan_teams", "quality_plan_teams_import"):
        response = persona[who].get(_url(name, partnership))
        assert response.status_code == (302 if who == "anonymous" else 403), name


def test_the_page_lists_live_plans_a_page_at_a_time_with_their_teams_source(
    persona, partnership, people, plans, django_assert_max_num_queries
):
    persona["manager"].get(_url("quality_home", partnership))  # signed in before counting
    with django_assert_max_num_queries(12):
        page = persona["manager"].get(_url("quality_plan_teams", partnership)).content.decode()
    assert "64 plans, showing 1 to 50" in page
    assert page.count("Casework snapshot") == 50
    found = persona["manager"].get(_url("quality_plan_teams", partnership), {"q": "west"})
    assert found.context["page"].paginator.count == 4
    assert {row.team for row in found.context["page"]} == {"West"}


def test_a_team_set_here_goes_before_the_snapshots_and_can_be_cleared(
    persona, partnership, people, plans
):
    plan_id = next(plan for plan, team in plans.items() if team == "North")
    url = _url("quality_plan_team", partnership) + f"?plan={plan_id}"
    response = persona["manager"].post(url, {"team": "Central", "opened_team": ""})
    assert response.status_code == 302
    assert PlanTeam.objects.get(plan_id=plan_id).team == "Central"
    page = persona["manager"].get(response["Location"]).content.decode()
    assert "Set here (the snapshot says North)" in page
    persona["manager"].post(url, {"team": "", "opened_team": "Central"})
    assert not PlanTeam.objects.exists()
    history = PlanTeam.history.filter(plan_id=plan_id).order_by("history_date")
    assert [(row.history_type, row.team) for row in history] == [("+", "Central"), ("-", "Central")]
    assert history.last().history_user.username == "manager"


def test_a_team_changed_since_the_page_opened_is_not_overwritten(
    persona, partnership, people, plans
):
    plan_id = next(iter(plans))
    PlanTeam.objects.create(partnership=partnership, plan_id=plan_id, team="South")
    url = _url("quality_plan_team", partnership) + f"?plan={plan_id}"
    page = persona["manager"].post(url, {"team": "Central", "opened_team": ""})
    assert "Someone set this plan&#x27;s team to South" in page.content.decode()
    assert PlanTeam.objects.get().team == "South"
    assert page.context["form"].data["opened_team"] == "South"  # a second save is meant


def test_a_plan_not_live_in_the_snapshot_has_no_team_page(persona, partnership, people, plans):
    url = _url("quality_plan_team", partnership) + "?plan=nope"
    assert persona["manager"].get(url).status_code == 404


def _teams_csv(*rows):
    return SimpleUploadedFile(
        "teams.csv", ("EHCP ID,Locality\r\n" + "".join(f"{a},{b}\r\n" for a, b in rows)).encode()
    )


def test_teams_come_from_a_csv_all_or_nothing(persona, partnership, people, plans):
    first, second, third = list(plans)[:3]
    url = _url("quality_plan_teams_import", partnership)
    bad = _teams_csv((first, "Central"), ("", "North"), ("R-unknown", "North"), (first, "South"))
    page = persona["manager"].post(url, {"file": bad}).content.decode()
    assert "row 3, column A (EHCP ID): Give the plan id" in page
    assert "row 4, column A (EHCP ID): &#x27;R-unknown&#x27; is not a live plan" in page
    assert "row 5, column A (EHCP ID): Plan " in page and "is in row 2 too" in page
    assert not PlanTeam.objects.exists()
    PlanTeam.objects.create(partnership=partnership, plan_id=third, team="West")
    good = _teams_csv((first, "Central"), (second, "South"), (third, ""))
    response = persona["manager"].post(url, {"file": good}, follow=True)
    assert "2 plan teams set, 1 cleared" in response.content.decode()
    assert dict(PlanTeam.objects.values_list("plan_id", "team")) == {
        first: "Central",
        second: "South",
    }
