"""The plan pages: who reads and changes them, each form, and their number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sendboard.conftest import PERSONAS, expected_status
from sendboard.governance.tests.factories import (
    OrganisationFactory,
    PartnershipFactory,
    PersonFactory,
)
from sendboard.plans import services
from sendboard.plans.models import (
    Evidence,
    ImprovementPlan,
    Outcome,
    PlanAction,
    PriorityArea,
    ProgressUpdate,
    ReportingPeriod,
    Status,
)
from sendboard.plans.tests.factories import (
    ImprovementPlanFactory,
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    close_and_open_next,
    record_progress,
)

READERS = set(PERSONAS) - {"outsider"}
EDITORS = {"manager", "editor"}
MANAGERS = {"manager"}
TODAY = timezone.localdate()


def _url(name, partnership, *args, query=""):
    return reverse(name, args=[partnership.slug, *args]) + query


def _progress_form(line, **changes):
    fields = {
        "opened_version": line.version,
        "status": Status.ON_TRACK,
        "note": "Two writers start in January",
        "impact": "",
        "risks_and_mitigations": "",
    }
    return {**fields, **changes}


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.mark.parametrize("who", PERSONAS)
def test_every_role_reads_the_plans_the_tracker_and_a_line(persona, partnership, plan, line, who):
    pages = [
        persona[who].get(_url("plan_list", partnership)),
        persona[who].get(_url("plan_detail", partnership, plan.code)),
        persona[who].get(_url("plan_action_detail", partnership, line.code)),
    ]

    assert {page.status_code for page in pages} == {expected_status(who, allowed=READERS)}


def test_the_tracker_shows_each_line_with_its_status_word(
    persona, partnership, plan, line, this_month
):
    PlanActionFactory(outcome=line.outcome, reference="1.2", status=Status.AT_RISK)

    page = persona["viewer"].get(_url("plan_detail", partnership, plan.code)).content.decode()

    assert "Recruit plan writers" in page
    assert "govuk-tag--orange" in page and "At risk" in page
    assert "No update this period" in page
    assert "Member Tester" in page


def test_a_past_period_reads_as_the_board_saw_it(
    persona, partnership, plan, line, last_month, manager_user, editor_user
):
    record_progress(line, editor_user, Status.AT_RISK)
    close_and_open_next(last_month, manager_user)
    url = _url("plan_detail", partnership, plan.code, query=f"?period={last_month.code}")
    before = persona["viewer"].get(url).context["tracker"].rollup

    record_progress(line, editor_user, Status.COMPLETE, impact="Plans issued in 18 weeks")
    after = persona["viewer"].get(url)
    now = persona["viewer"].get(_url("plan_detail", partnership, plan.code))

    assert after.context["tracker"].rollup == before
    assert after.context["tracker"].rollup.count(Status.AT_RISK) == 1
    assert now.context["tracker"].rollup.done == 1
    assert f'value="{last_month.code}" selected' in after.content.decode()


def test_a_period_that_is_not_the_plan_s_is_not_found(persona, partnership, plan, manager_user):
    other = ImprovementPlanFactory(partnership=partnership)
    theirs = services.period_open(plan=other, starts_on=TODAY, ends_on=TODAY, by=manager_user)

    for code in ("nonsense", theirs.code):
        url = _url("plan_detail", partnership, plan.code, query=f"?period={code}")
        assert persona["viewer"].get(url).status_code == 404


def test_the_tracker_needs_a_fixed_number_of_queries(
    persona,
    partnership,
    plan,
    last_month,
    people,
    manager_user,
    without_page_cache,
    django_assert_max_num_queries,
):
    owners = [PersonFactory(partnership=partnership) for _ in range(3)]
    for area_number in range(3):
        area = PriorityAreaFactory(plan=plan, reference=f"APA{area_number}")
        for outcome_number in range(3):
            outcome = OutcomeFactory(area=area, reference=str(outcome_number))
            for number in range(4):
                PlanActionFactory(
                    outcome=outcome,
                    reference=f"{outcome_number}.{number}",
                    status=Status.values[number],
                    owners=owners[: number % 3 + 1],
                )
    services.period_close(period=last_month, by=manager_user)
    client = persona["viewer"]

    with django_assert_max_num_queries(13):
        client.get(_url("plan_detail", partnership, plan.code))
    with django_assert_max_num_queries(13):
        client.get(_url("plan_detail", partnership, plan.code, query=f"?period={last_month.code}"))


def test_the_plan_list_and_a_line_need_a_fixed_number_of_queries(
    persona, partnership, line, people, without_page_cache, django_assert_max_num_queries
):
    for _ in range(10):
        ImprovementPlanFactory(partnership=partnership)
    for day in range(3):
        Evidence.objects.create(
            plan_action=line,
            written_on=TODAY - datetime.timedelta(days=day),
            text="Seen",
            added_by=people["editor"].user,
        )
    client = persona["viewer"]

    with django_assert_max_num_queries(6):
        client.get(_url("plan_list", partnership))
    # Two more than the line's own: the risk register's and the figures' parts of the
    # page (line_page).
    with django_assert_max_num_queries(18):
        client.get(_url("plan_action_detail", partnership, line.code))


@pytest.mark.parametrize("who", ["member", "editor", "chair", "viewer"])
def test_the_owner_and_editors_record_progress_and_no_one_else(
    persona, partnership, line, this_month, who
):
    response = persona[who].post(
        _url("progress_record", partnership, line.code), _progress_form(line)
    )

    allowed = who in {"member", "editor"}
    assert ProgressUpdate.objects.filter(plan_action=line).exists() == allowed
    assert response.status_code == (302 if allowed else 403)


def test_another_member_is_refused_the_progress_form(persona, partnership, line, this_month):
    assert persona["chair"].get(_url("progress_record", partnership, line.code)).status_code == 403
    assert persona["member"].get(_url("progress_record", partnership, line.code)).status_code == 200


def test_recording_progress_saves_the_line_and_its_update(persona, partnership, line, this_month):
    response = persona["member"].post(
        _url("progress_record", partnership, line.code),
        _progress_form(line, risks_and_mitigations="Recruitment market is tight"),
    )

    line.refresh_from_db()
    assert response.url == line.get_absolute_url()
    assert (line.status, line.risks_and_mitigations) == (
        Status.ON_TRACK,
        "Recruitment market is tight",
    )
    assert line.updates.get().period == this_month


def test_it_refuses_a_line_marked_complete_without_its_impact(
    persona, partnership, line, this_month
):
    response = persona["member"].post(
        _url("progress_record", partnership, line.code),
        _progress_form(line, status=Status.COMPLETE),
    )

    assert response.status_code == 200
    assert "what difference it has made" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_it_refuses_a_stale_edit(persona, partnership, line, this_month, editor_user):
    opened = line.version
    record_progress(line, editor_user, Status.AT_RISK)

    response = persona["member"].post(
        _url("progress_record", partnership, line.code), _progress_form(line, opened_version=opened)
    )

    line.refresh_from_db()
    assert response.status_code == 200
    assert line.status == Status.AT_RISK
    assert ProgressUpdate.objects.count() == 1


def test_it_refuses_progress_with_no_period_open(persona, partnership, line):
    response = persona["member"].post(
        _url("progress_record", partnership, line.code), _progress_form(line)
    )

    assert "No reporting period is open" in response.content.decode()


def test_an_owner_adds_evidence(persona, partnership, line):
    form = {**_date("written_on", TODAY), "text": "Two writers appointed", "link": "example.org/x"}

    response = persona["member"].post(_url("evidence_add", partnership, line.code), form)

    assert response.status_code == 302
    assert line.evidence.get().link == "https://example.org/x"


def test_it_refuses_evidence_dated_in_the_future(persona, partnership, line):
    tomorrow = TODAY + datetime.timedelta(days=1)
    form = {**_date("written_on", tomorrow), "text": "Not yet"}

    response = persona["member"].post(_url("evidence_add", partnership, line.code), form)

    assert "must be today or earlier" in response.content.decode()
    assert not Evidence.objects.exists()


def test_another_member_may_not_add_evidence(persona, partnership, line):
    form = {**_date("written_on", TODAY), "text": "Seen"}

    response = persona["chair"].post(_url("evidence_add", partnership, line.code), form)

    assert response.status_code == 403
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_open_a_period(persona, partnership, plan, who):
    starts_on, ends_on = TODAY.replace(day=1), TODAY.replace(day=1) + datetime.timedelta(days=27)
    form = {**_date("starts_on", starts_on), **_date("ends_on", ends_on)}

    page = persona[who].get(_url("period_open", partnership, plan.code))
    response = persona[who].post(_url("period_open", partnership, plan.code), form)

    assert page.status_code == expected_status(who, allowed=MANAGERS)
    assert plan.periods.exists() == (who in MANAGERS)
    assert response.status_code == (302 if who in MANAGERS | {"anonymous"} else 403)


def test_it_refuses_a_second_open_period(persona, partnership, plan, this_month):
    later = this_month.ends_on + datetime.timedelta(days=1)
    form = {**_date("starts_on", later), **_date("ends_on", later + datetime.timedelta(days=20))}

    response = persona["manager"].post(_url("period_open", partnership, plan.code), form)

    assert "Close the open period" in response.content.decode()
    assert plan.periods.count() == 1


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_close_a_period(persona, partnership, plan, line, this_month, who):
    response = persona[who].post(_url("period_close", partnership, plan.code, this_month.code))

    this_month.refresh_from_db()
    assert (this_month.state == ReportingPeriod.State.CLOSED) == (who in MANAGERS)
    assert response.status_code == (302 if who in MANAGERS | {"anonymous"} else 403)


def test_closing_a_closed_period_is_refused_with_a_message(persona, partnership, plan, this_month):
    url = _url("period_close", partnership, plan.code, this_month.code)
    persona["manager"].post(url)

    response = persona["manager"].post(url, follow=True)

    assert "already closed" in response.content.decode()


def test_an_editor_moves_a_finished_line_to_business_as_usual(persona, partnership, line):
    PlanAction.objects.filter(pk=line.pk).update(status=Status.COMPLETE)
    form = {"receiving_team": "SEND Assessment Team", **_date("transferred_on", TODAY)}

    response = persona["editor"].post(_url("plan_action_transfer", partnership, line.code), form)

    line.refresh_from_db()
    assert response.status_code == 302
    assert (line.receiving_team, line.transferred_on) == ("SEND Assessment Team", TODAY)


def test_it_refuses_to_move_an_unfinished_line(persona, partnership, line):
    form = {"receiving_team": "SEND Assessment Team", **_date("transferred_on", TODAY)}

    response = persona["editor"].post(_url("plan_action_transfer", partnership, line.code), form)

    line.refresh_from_db()
    assert "Only a complete or embedded line" in response.content.decode()
    assert line.transferred_on is None


def test_an_owner_who_is_not_an_editor_may_not_move_their_line(persona, partnership, line):
    response = persona["member"].get(_url("plan_action_transfer", partnership, line.code))

    assert response.status_code == 403


def test_the_navigation_links_to_the_plans(persona, partnership):
    page = persona["member"].get(_url("partnership_home", partnership)).content.decode()

    assert _url("plan_list", partnership) in page


def test_an_editor_asks_for_a_deep_dive_from_the_line_page(persona, partnership, line):
    page = persona["editor"].get(line.get_absolute_url()).content.decode()
    assert "Request a deep dive" in page

    response = persona["editor"].post(
        reverse("deep_dive_request", args=[partnership.slug, line.code])
    )

    assert response.url == line.get_absolute_url()
    planned = line.forward_plan_items.get()
    page = persona["member"].get(line.get_absolute_url()).content.decode()
    assert planned.title in page
    assert "Request a deep dive" not in page


def _plan_form(**changes):
    fields = {
        "title": "Written Statement of Action",
        "kind": ImprovementPlan.Kind.WRITTEN_STATEMENT,
        "source": "Area SEND inspection",
        **_date("source_date", datetime.date(2026, 2, 10)),
        **_date("starts_on", datetime.date(2026, 4, 1)),
        **_date("ends_on", datetime.date(2028, 3, 31)),
    }
    return {**fields, **changes}


def _building_forms(plan, outcome):
    """Each form that builds a plan: where it is, and who may use it."""
    return {
        "plan_create": ((), MANAGERS),
        "priority_area_create": ((plan.code,), EDITORS),
        "outcome_create": ((outcome.area.code,), EDITORS),
        "plan_action_create": ((outcome.code,), EDITORS),
    }


@pytest.mark.parametrize("who", PERSONAS)
def test_only_managers_start_a_plan_and_editors_add_to_it(persona, partnership, plan, outcome, who):
    for name, (args, allowed) in _building_forms(plan, outcome).items():
        page = persona[who].get(_url(name, partnership, *args))

        assert page.status_code == expected_status(who, allowed=allowed), name


def test_a_manager_starts_a_plan_from_the_plan_list(persona, partnership):
    listing = persona["manager"].get(_url("plan_list", partnership)).content.decode()
    assert _url("plan_create", partnership) in listing
    assert "Start a plan" in listing

    response = persona["manager"].post(_url("plan_create", partnership), _plan_form())

    plan = ImprovementPlan.objects.get(partnership=partnership)
    assert response.url == plan.get_absolute_url()
    assert (plan.kind, plan.source_date, plan.ends_on) == (
        ImprovementPlan.Kind.WRITTEN_STATEMENT,
        datetime.date(2026, 2, 10),
        datetime.date(2028, 3, 31),
    )


def test_an_editor_is_not_offered_to_start_a_plan(persona, partnership):
    listing = persona["editor"].get(_url("plan_list", partnership)).content.decode()

    assert _url("plan_create", partnership) not in listing


def test_it_refuses_a_plan_that_ends_before_it_starts(persona, partnership):
    form = _plan_form(**_date("ends_on", datetime.date(2026, 3, 1)))

    response = persona["manager"].post(_url("plan_create", partnership), form)

    assert "The plan must end after it starts" in response.content.decode()
    assert not ImprovementPlan.objects.exists()


def test_a_viewer_may_not_post_a_plan(persona, partnership):
    response = persona["viewer"].post(_url("plan_create", partnership), _plan_form())

    assert response.status_code == 403
    assert not ImprovementPlan.objects.exists()


def test_an_editor_adds_a_priority_area(persona, partnership, plan):
    form = {"reference": "AFI2", "title": "Transitions", "kind": PriorityArea.Kind.IMPROVEMENT}

    response = persona["editor"].post(_url("priority_area_create", partnership, plan.code), form)

    assert response.url == plan.get_absolute_url()
    area = plan.areas.get()
    assert (area.reference, area.kind) == ("AFI2", PriorityArea.Kind.IMPROVEMENT)


def test_it_refuses_a_priority_area_whose_reference_is_taken(persona, partnership, outcome):
    plan = outcome.area.plan
    form = {"reference": "APA1", "title": "Again", "kind": PriorityArea.Kind.PRIORITY_ACTION}

    response = persona["editor"].post(_url("priority_area_create", partnership, plan.code), form)

    assert "The plan already has a priority area APA1" in response.content.decode()
    assert plan.areas.count() == 1


def test_an_editor_adds_an_outcome_to_an_area(persona, partnership, outcome):
    area = outcome.area
    form = {"reference": "2", "title": "Families know what to expect"}

    response = persona["editor"].post(_url("outcome_create", partnership, area.code), form)

    assert response.url == area.plan.get_absolute_url()
    assert area.outcomes.get(reference="2").title == "Families know what to expect"


def test_it_refuses_an_outcome_whose_reference_is_taken(persona, partnership, outcome):
    form = {"reference": "1", "title": "Again"}

    response = persona["editor"].post(_url("outcome_create", partnership, outcome.area.code), form)

    assert "APA1 already has an outcome 1" in response.content.decode()
    assert Outcome.objects.count() == 1


def test_an_editor_adds_an_action_to_an_outcome(persona, partnership, outcome, people):
    council = OrganisationFactory(partnership=partnership, name="Northshire Council")
    form = {
        "reference": "1.2",
        "text": "Train SENCOs on the new template",
        "owners": [people["member"].pk, people["chair"].pk],
        "lead_organisation": council.pk,
        "workstream": "Quality",
        **_date("starts_on", datetime.date(2026, 4, 1)),
        **_date("due_on", datetime.date(2026, 9, 30)),
        "success_measures": "90% of plans audited good",
    }

    response = persona["editor"].post(_url("plan_action_create", partnership, outcome.code), form)

    assert response.url == outcome.area.plan.get_absolute_url()
    line = outcome.plan_actions.get(reference="1.2")
    assert set(line.owners.all()) == {people["member"], people["chair"]}
    assert (line.lead_organisation, line.due_on) == (council, datetime.date(2026, 9, 30))


def test_it_refuses_an_action_whose_reference_is_taken(persona, partnership, line):
    form = {"reference": "1.1", "text": "Again"}

    response = persona["editor"].post(
        _url("plan_action_create", partnership, line.outcome.code), form
    )

    assert "Outcome 1 already has 1.1" in response.content.decode()
    assert PlanAction.objects.count() == 1


def test_the_action_form_offers_only_the_partnership_s_people(persona, partnership, outcome):
    elsewhere = PartnershipFactory(name="Southshire SEND Partnership", slug="southshire")
    stranger = PersonFactory(partnership=elsewhere, name="Someone Elsewhere")

    page = persona["editor"].get(_url("plan_action_create", partnership, outcome.code))

    assert stranger.name not in page.content.decode()


@pytest.mark.parametrize("who", ["editor", "member"])
def test_the_tracker_offers_the_building_forms_to_editors_only(
    persona, partnership, plan, outcome, who
):
    page = persona[who].get(_url("plan_detail", partnership, plan.code)).content.decode()

    links = [
        _url(name, partnership, *args) for name, (args, _) in _building_forms(plan, outcome).items()
    ]
    offered = [link in page for link in links[1:]]
    assert offered == [who == "editor"] * 3


def test_a_closed_period_offers_no_building_forms(
    persona, partnership, plan, line, last_month, manager_user
):
    services.period_close(period=last_month, by=manager_user)
    url = _url("plan_detail", partnership, plan.code, query=f"?period={last_month.code}")

    page = persona["editor"].get(url).content.decode()

    assert _url("priority_area_create", partnership, plan.code) not in page
    assert _url("plan_action_create", partnership, line.outcome.code) not in page
