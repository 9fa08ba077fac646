"""The pages that change a built plan: who may use them, and what each does."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from sendboard.actions.tests.factories import ActionFactory
from sendboard.conftest import PERSONAS, expected_status
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.governance.models import Role
from sendboard.governance.tests.factories import (
    BoardFactory,
    PartnershipFactory,
    RoleFactory,
    UserFactory,
)
from sendboard.plans import services
from sendboard.plans.models import Evidence, ImprovementPlan, PlanAction, PriorityArea, Status
from sendboard.plans.tests.factories import PlanActionFactory, PriorityAreaFactory, record_progress

TODAY = timezone.localdate()
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
EDITORS = {"manager", "editor"}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(name, partnership, *args):
    return reverse(name, args=[partnership.slug, *args])


def _date(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _line_form(line, **changes):
    fields = {
        "opened_version": line.version,
        "reference": line.reference,
        "text": line.text,
        "owners": [owner.pk for owner in line.owners.all()],
        "workstream": "",
        "success_measures": "",
    }
    return {**fields, **changes}


@pytest.fixture
def evidence(line, people):
    return services.evidence_add(
        plan_action=line,
        written_on=TODAY,
        text="Audit of ten plans",
        file=SimpleUploadedFile("audit.pdf", PDF),
        by=people["member"].user,
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_editors_open_the_forms_that_change_a_part_and_managers_the_plan(
    persona, partnership, plan, line, who
):
    outcome = line.outcome
    pages = {
        "plan_edit": (plan.code, {"manager"}),
        "priority_area_edit": (outcome.area.code, EDITORS),
        "outcome_edit": (outcome.code, EDITORS),
        "plan_action_edit": (line.code, EDITORS),
        "plan_action_remove": (line.code, EDITORS),
        "outcome_remove": (outcome.code, EDITORS),
        "priority_area_remove": (outcome.area.code, EDITORS),
    }
    for name, (code, allowed) in pages.items():
        response = persona[who].get(_url(name, partnership, code))

        assert response.status_code == expected_status(who, allowed=allowed), name


def test_a_manager_changes_the_plan(persona, partnership, plan):
    form = {
        "opened_version": plan.version,
        "title": "Written Statement of Action",
        "kind": ImprovementPlan.Kind.WRITTEN_STATEMENT,
        "source": "Area SEND inspection",
        **_date("starts_on", datetime.date(2026, 4, 1)),
    }
    tracker = persona["manager"].get(plan.get_absolute_url()).content.decode()
    assert _url("plan_edit", partnership, plan.code) in tracker
    page = persona["manager"].get(_url("plan_edit", partnership, plan.code)).content.decode()
    assert 'value="Priority Action Plan"' in page

    response = persona["manager"].post(_url("plan_edit", partnership, plan.code), form)

    plan.refresh_from_db()
    assert response.url == plan.get_absolute_url()
    assert (plan.title, plan.starts_on) == (
        "Written Statement of Action",
        datetime.date(2026, 4, 1),
    )


def test_an_editor_changes_an_area_from_the_tracker(persona, partnership, plan, outcome):
    area = outcome.area
    tracker = persona["editor"].get(plan.get_absolute_url()).content.decode()
    assert _url("priority_area_edit", partnership, area.code) in tracker
    form = {
        "opened_version": area.version,
        "reference": "AFI1",
        "title": "Transitions",
        "kind": PriorityArea.Kind.IMPROVEMENT,
    }

    response = persona["editor"].post(_url("priority_area_edit", partnership, area.code), form)

    area.refresh_from_db()
    assert response.url == plan.get_absolute_url()
    assert (area.reference, area.title) == ("AFI1", "Transitions")


def test_an_editor_changes_an_outcome(persona, partnership, outcome):
    form = {"opened_version": outcome.version, "reference": "2", "title": "Families are heard"}

    persona["editor"].post(_url("outcome_edit", partnership, outcome.code), form)

    outcome.refresh_from_db()
    assert (outcome.reference, outcome.title) == ("2", "Families are heard")


def test_an_editor_changes_a_line_from_its_page(persona, partnership, line, people):
    page = persona["editor"].get(line.get_absolute_url()).content.decode()
    assert _url("plan_action_edit", partnership, line.code) in page
    form = _line_form(
        line,
        text="Recruit three plan writers",
        owners=[people["chair"].pk],
        **_date("due_on", datetime.date(2026, 12, 31)),
    )

    response = persona["editor"].post(_url("plan_action_edit", partnership, line.code), form)

    line.refresh_from_db()
    assert response.url == line.get_absolute_url()
    assert (line.text, line.due_on) == ("Recruit three plan writers", datetime.date(2026, 12, 31))
    assert list(line.owners.all()) == [people["chair"]]


def test_an_owner_is_not_offered_to_change_their_line(persona, partnership, line):
    page = persona["member"].get(line.get_absolute_url()).content.decode()

    assert _url("plan_action_edit", partnership, line.code) not in page
    assert (
        persona["member"]
        .post(_url("plan_action_edit", partnership, line.code), _line_form(line, text="Easier"))
        .status_code
        == 403
    )


def test_it_refuses_a_stale_edit_and_shows_the_latest(
    persona, partnership, line, people, this_month
):
    opened = line.version
    record_progress(line, people["member"].user, Status.AT_RISK)
    form = _line_form(line, opened_version=opened, text="Overwritten")

    response = persona["editor"].post(_url("plan_action_edit", partnership, line.code), form)

    line.refresh_from_db()
    assert response.status_code == 200
    assert "after you opened it" in response.content.decode()
    assert line.text == "Recruit plan writers"
    assert response.context["form"].initial["opened_version"] == line.version


def test_an_editor_moves_a_line_up_on_the_tracker(persona, partnership, plan, outcome):
    PlanActionFactory(outcome=outcome, reference="1.1", position=0, text="Recruit writers")
    second = PlanActionFactory(outcome=outcome, reference="1.2", position=1, text="Train panels")
    url = _url("plan_action_move", partnership, second.code)
    assert url in persona["editor"].get(plan.get_absolute_url()).content.decode()
    assert url not in persona["member"].get(plan.get_absolute_url()).content.decode()

    response = persona["editor"].post(url, {"direction": "up"})

    assert response.url == plan.get_absolute_url()
    assert [line.reference for line in outcome.plan_actions.all()] == ["1.2", "1.1"]
    tracker = persona["editor"].get(plan.get_absolute_url()).content.decode()
    assert tracker.index("Train panels") < tracker.index("Recruit writers")


def test_a_closed_period_offers_no_tools_to_change_its_parts(
    persona, partnership, plan, line, last_month, manager_user
):
    services.period_close(period=last_month, by=manager_user)
    url = plan.get_absolute_url() + f"?period={last_month.code}"

    page = persona["editor"].get(url).content.decode()

    assert "Actions for outcome 1" in page
    assert _url("plan_action_move", partnership, line.code) not in page
    assert _url("outcome_edit", partnership, line.outcome.code) not in page


@pytest.mark.parametrize("name", ["priority_area_move", "outcome_move", "plan_action_move"])
def test_moving_needs_an_editor_and_a_post(persona, partnership, line, name):
    code = {
        "priority_area_move": line.outcome.area.code,
        "outcome_move": line.outcome.code,
        "plan_action_move": line.code,
    }[name]
    url = _url(name, partnership, code)

    assert persona["editor"].get(url).status_code == 405
    assert persona["member"].post(url, {"direction": "up"}).status_code == 403
    assert persona["editor"].post(url, {"direction": "up"}).status_code == 302


def test_an_editor_removes_a_line_after_confirming(persona, partnership, plan, line):
    url = _url("plan_action_remove", partnership, line.code)
    page = persona["editor"].get(url).content.decode()
    assert "Remove action 1.1?" in page and "Remove the action" in page

    response = persona["editor"].post(url, follow=True)

    assert "Action 1.1 removed from the plan" in response.content.decode()
    assert not PlanAction.objects.filter(pk=line.pk).exists()


def test_removing_a_line_with_updates_is_refused_with_the_way_out(
    persona, partnership, line, people, this_month
):
    record_progress(line, people["member"].user, Status.ON_TRACK)
    url = _url("plan_action_remove", partnership, line.code)

    page = persona["editor"].get(url).content.decode()
    posted = persona["editor"].post(url, follow=True).content.decode()

    assert "cannot be removed" in page and "business as usual" in page
    assert "Remove the action" not in page
    assert "cannot be removed" in posted
    assert PlanAction.objects.filter(pk=line.pk).exists()


def test_an_editor_removes_an_empty_area(persona, partnership, plan):
    area = PriorityAreaFactory(plan=plan, reference="APA9")

    persona["editor"].post(_url("priority_area_remove", partnership, area.code))

    assert not plan.areas.exists()


def test_an_owner_uploads_evidence_with_a_file(persona, partnership, line):
    form = {
        **_date("written_on", TODAY),
        "text": "Audit of ten plans",
        "file": SimpleUploadedFile("audit.pdf", PDF, content_type="application/pdf"),
    }
    page = persona["member"].get(_url("evidence_add", partnership, line.code)).content.decode()
    assert 'enctype="multipart/form-data"' in page and "Up to 10 MB" in page

    response = persona["member"].post(_url("evidence_add", partnership, line.code), form)

    assert response.status_code == 302
    assert line.evidence.get().file.read() == PDF


def test_it_refuses_an_upload_over_the_limit_naming_it(persona, partnership, line, settings):
    settings.EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("audit.pdf", PDF + b" " * (2 * 1024 * 1024))
    form = {**_date("written_on", TODAY), "text": "Audit", "file": big}

    response = persona["member"].post(_url("evidence_add", partnership, line.code), form)

    assert "The evidence file must be smaller than 2 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_it_refuses_an_upload_of_another_kind(persona, partnership, line):
    form = {
        **_date("written_on", TODAY),
        "text": "Audit",
        "file": SimpleUploadedFile("x.exe", b"MZ"),
    }

    response = persona["member"].post(_url("evidence_add", partnership, line.code), form)

    assert "must be a PDF, DOCX, XLSX, PPTX, PNG, JPG, CSV or TXT file" in response.content.decode()
    assert not Evidence.objects.exists()


def test_every_reader_downloads_the_file_from_the_line_page(persona, partnership, line, evidence):
    url = _url("evidence_download", partnership, evidence.code)
    assert url in persona["viewer"].get(line.get_absolute_url()).content.decode()

    response = persona["viewer"].get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]


def test_the_file_is_not_found_from_another_partnership(persona, partnership, evidence):
    elsewhere = PartnershipFactory(slug="southshire")
    stranger = UserFactory(username="stranger")
    RoleFactory(user=stranger, partnership=elsewhere, name=Role.Name.MANAGER)
    persona["outsider"].force_login(stranger)

    theirs = persona["outsider"].get(_url("evidence_download", elsewhere, evidence.code))
    ours = persona["outsider"].get(_url("evidence_download", partnership, evidence.code))

    assert theirs.status_code == 404
    assert ours.status_code == 403


def test_signed_out_people_are_sent_to_sign_in_for_a_file(persona, partnership, evidence):
    response = persona["anonymous"].get(_url("evidence_download", partnership, evidence.code))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_an_owner_withdraws_evidence_which_readers_then_cannot_download(
    persona, partnership, line, evidence
):
    url = _url("evidence_withdraw", partnership, evidence.code)
    assert url in persona["member"].get(line.get_absolute_url()).content.decode()
    assert url not in persona["viewer"].get(line.get_absolute_url()).content.decode()

    response = persona["member"].post(url, {"reason": "Wrong file"})

    evidence.refresh_from_db()
    assert response.url == line.get_absolute_url()
    assert evidence.withdrawn_at is not None
    assert (
        "Audit of ten plans" not in persona["member"].get(line.get_absolute_url()).content.decode()
    )
    download = _url("evidence_download", partnership, evidence.code)
    assert persona["viewer"].get(download).status_code == 404
    assert persona["editor"].get(download).status_code == 200


def test_another_member_may_not_withdraw_evidence(persona, partnership, evidence):
    response = persona["chair"].post(_url("evidence_withdraw", partnership, evidence.code))

    evidence.refresh_from_db()
    assert response.status_code == 403
    assert evidence.withdrawn_at is None


def test_an_owner_links_a_meeting_action_and_unlinks_it(persona, partnership, line, board):
    action = ActionFactory(board=board, title="Share the recruitment plan")
    elsewhere = ActionFactory(
        board=BoardFactory(partnership=PartnershipFactory(slug="southshire")),
        title="Someone else's action",
    )
    link = _url("plan_action_link", partnership, line.code)
    form = persona["member"].get(link).content.decode()
    assert action.title in form and elsewhere.title not in form

    persona["member"].post(link, {"action": action.pk})
    page = persona["viewer"].get(line.get_absolute_url()).content.decode()
    assert action.title in page
    response = persona["member"].post(
        _url("plan_action_unlink", partnership, line.code), {"action": str(action.code)}
    )

    assert response.url == line.get_absolute_url()
    assert not line.meeting_actions.exists()


def test_an_editor_links_a_forward_plan_item(persona, partnership, line, board):
    item = ForwardPlanItemFactory(group=board, title="Deep dive: plan writers")

    persona["editor"].post(
        _url("plan_action_link", partnership, line.code), {"forward_plan_item": item.pk}
    )

    assert list(line.forward_plan_items.all()) == [item]


def test_linking_nothing_is_refused_on_the_form(persona, partnership, line):
    form = {"action": "", "forward_plan_item": ""}
    response = persona["member"].post(_url("plan_action_link", partnership, line.code), form)

    assert "Choose a meeting action or a forward plan item" in response.content.decode()
    assert response.status_code == 200


def test_unlinking_what_is_not_linked_is_not_found(persona, partnership, line, board):
    action = ActionFactory(board=board)
    url = _url("plan_action_unlink", partnership, line.code)

    assert persona["member"].post(url, {"action": str(action.code)}).status_code == 404
    assert persona["member"].post(url, {"action": "nonsense"}).status_code == 404
    assert persona["viewer"].post(url, {"action": str(action.code)}).status_code == 403


def test_a_line_page_needs_a_fixed_number_of_queries_with_its_tools(
    persona, line, evidence, board, settings, without_page_cache, django_assert_max_num_queries
):
    # Linked straight away: each link through the service adds a history row to draw.
    line.meeting_actions.add(*(ActionFactory(board=board) for _ in range(3)))
    line.forward_plan_items.add(*(ForwardPlanItemFactory(group=board) for _ in range(3)))
    owner = persona["member"]
    owner.get(line.get_absolute_url())

    # The viewer's bound in test_views, and one more to know the owner as a person.
    with django_assert_max_num_queries(19):
        owner.get(line.get_absolute_url())
