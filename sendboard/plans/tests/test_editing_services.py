"""Changing a built plan: parts edited, reordered and removed; evidence files; links."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sendboard.actions.tests.factories import ActionFactory
from sendboard.core.services import StaleEdit
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.governance.tests.factories import BoardFactory, PartnershipFactory
from sendboard.plans import services
from sendboard.plans.models import ImprovementPlan, Outcome, PlanAction, PriorityArea, Status
from sendboard.plans.tests.factories import (
    OutcomeFactory,
    PlanActionFactory,
    PriorityAreaFactory,
    record_progress,
)

TODAY = timezone.localdate()
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _reasons(record) -> list[str]:
    return [row.history_change_reason for row in record.history.all()]


def test_a_manager_changes_the_plan_and_its_history_says_so(plan, manager_user):
    services.plan_update(
        plan=plan,
        title="Written Statement of Action",
        kind=ImprovementPlan.Kind.WRITTEN_STATEMENT,
        starts_on=datetime.date(2026, 2, 1),
        ends_on=datetime.date(2028, 1, 31),
        source="Area SEND inspection, March 2026",
        opened_version=plan.version,
        by=manager_user,
    )

    plan.refresh_from_db()
    assert (plan.title, plan.kind, plan.ends_on) == (
        "Written Statement of Action",
        ImprovementPlan.Kind.WRITTEN_STATEMENT,
        datetime.date(2028, 1, 31),
    )
    assert plan.history.first().history_change_reason == "Plan changed"
    assert plan.history.first().history_user == manager_user


def test_an_editor_may_not_change_the_plan_itself(plan, editor_user):
    with pytest.raises(PermissionDenied):
        services.plan_update(
            plan=plan,
            title="Renamed",
            kind=plan.kind,
            starts_on=plan.starts_on,
            opened_version=plan.version,
            by=editor_user,
        )


def test_it_refuses_a_plan_that_ends_before_it_starts(plan, manager_user):
    with pytest.raises(ValidationError, match="must end after it starts"):
        services.plan_update(
            plan=plan,
            title=plan.title,
            kind=plan.kind,
            starts_on=datetime.date(2026, 5, 1),
            ends_on=datetime.date(2026, 4, 1),
            opened_version=plan.version,
            by=manager_user,
        )


def test_an_editor_changes_an_area_and_an_outcome(outcome, editor_user):
    area = outcome.area
    services.priority_area_update(
        area=area,
        reference="AFI1",
        title="Transitions",
        kind=PriorityArea.Kind.IMPROVEMENT,
        opened_version=area.version,
        by=editor_user,
    )
    services.outcome_update(
        outcome=outcome,
        reference="1a",
        title="Young people move to adult services smoothly",
        opened_version=outcome.version,
        by=editor_user,
    )

    area.refresh_from_db()
    outcome.refresh_from_db()
    assert (area.reference, area.kind) == ("AFI1", PriorityArea.Kind.IMPROVEMENT)
    assert outcome.reference == "1a"
    assert _reasons(outcome)[0] == "Outcome changed"


def test_it_refuses_a_reference_another_part_holds(outcome, editor_user):
    other = PriorityAreaFactory(plan=outcome.area.plan, reference="APA2")

    with pytest.raises(ValidationError, match="already has a priority area APA1"):
        services.priority_area_update(
            area=other,
            reference="APA1",
            title=other.title,
            kind=other.kind,
            opened_version=other.version,
            by=editor_user,
        )


def test_an_editor_changes_a_line_and_its_owners(line, people, editor_user):
    services.plan_action_update(
        plan_action=line,
        reference="1.1",
        text="Recruit three plan writers",
        owners=[people["chair"]],
        workstream="Workforce",
        due_on=datetime.date(2026, 12, 31),
        success_measures="Writers in post",
        opened_version=line.version,
        by=editor_user,
    )

    line.refresh_from_db()
    assert line.text == "Recruit three plan writers"
    assert list(line.owners.all()) == [people["chair"]]
    assert {"Action changed", "Owners changed"} <= set(_reasons(line))


def test_an_owner_who_is_not_an_editor_may_not_change_their_line(line, people):
    with pytest.raises(PermissionDenied):
        services.plan_action_update(
            plan_action=line,
            reference="1.1",
            text="Something easier",
            owners=[people["member"]],
            opened_version=line.version,
            by=people["member"].user,
        )


def test_it_refuses_a_stale_edit_of_a_line(line, people, editor_user, this_month):
    opened = line.version
    record_progress(line, people["member"].user, Status.AT_RISK)

    with pytest.raises(StaleEdit):
        services.plan_action_update(
            plan_action=line,
            reference="1.1",
            text="Overwritten",
            opened_version=opened,
            by=editor_user,
        )

    line.refresh_from_db()
    assert line.text == "Recruit plan writers"


def test_moving_a_line_swaps_it_with_its_neighbour(outcome, editor_user):
    first, second, third = (
        PlanActionFactory(outcome=outcome, reference=f"1.{n}", position=n) for n in range(3)
    )

    services.plan_action_move(plan_action=third, direction="up", by=editor_user)
    services.plan_action_move(plan_action=first, direction="up", by=editor_user)  # already top

    assert [line.reference for line in outcome.plan_actions.all()] == ["1.0", "1.2", "1.1"]
    assert "Reordered" in _reasons(PlanAction.objects.get(pk=second.pk))


def test_areas_and_outcomes_move_too(plan, editor_user):
    first, _ = (PriorityAreaFactory(plan=plan, reference=f"APA{n}") for n in (1, 2))
    _, two = (OutcomeFactory(area=first, reference=str(n)) for n in (1, 2))

    services.priority_area_move(area=first, direction="down", by=editor_user)
    services.outcome_move(outcome=two, direction="up", by=editor_user)

    assert [area.reference for area in plan.areas.all()] == ["APA2", "APA1"]
    assert [outcome.reference for outcome in first.outcomes.all()] == ["2", "1"]


def test_it_refuses_a_move_in_no_direction(line, editor_user):
    with pytest.raises(ValidationError, match="up or down"):
        services.plan_action_move(plan_action=line, direction="sideways", by=editor_user)


def test_a_line_with_no_progress_is_removed_and_its_history_kept(line, editor_user):
    code = line.code

    services.plan_action_remove(plan_action=line, by=editor_user)

    assert not PlanAction.objects.filter(code=code).exists()
    removed = PlanAction.history.filter(code=code).first()
    assert (removed.history_type, removed.history_user) == ("-", editor_user)


def test_it_refuses_to_remove_a_line_with_updates(line, people, editor_user, this_month):
    record_progress(line, people["member"].user, Status.ON_TRACK)

    with pytest.raises(ValidationError, match="business as usual"):
        services.plan_action_remove(plan_action=line, by=editor_user)

    assert PlanAction.objects.filter(pk=line.pk).exists()


def test_it_refuses_to_remove_a_line_frozen_in_a_closed_period(
    line, editor_user, manager_user, this_month
):
    services.period_close(period=this_month, by=manager_user)

    with pytest.raises(ValidationError, match="closed period"):
        services.plan_action_remove(plan_action=line, by=editor_user)


def test_it_refuses_to_remove_an_area_whose_lines_have_evidence(line, editor_user):
    services.evidence_add(plan_action=line, written_on=TODAY, text="Advert out", by=editor_user)

    with pytest.raises(ValidationError, match=r"its actions 1\.1 have"):
        services.priority_area_remove(area=line.outcome.area, by=editor_user)


def test_removing_an_outcome_removes_its_lines_with_a_trace_and_renumbers(outcome, editor_user):
    area = outcome.area
    later = OutcomeFactory(area=area, reference="2", position=1)
    PlanActionFactory(outcome=outcome, reference="1.1")

    services.outcome_remove(outcome=outcome, by=editor_user)

    assert list(area.outcomes.all()) == [later]
    later.refresh_from_db()
    assert later.position == 0
    gone = PlanAction.history.filter(reference="1.1", history_type="-").get()
    assert gone.history_change_reason == "Removed from the plan with Outcome 1 of APA1"
    assert not Outcome.objects.filter(pk=outcome.pk).exists()


def test_evidence_carries_a_file_of_an_allowed_kind(line, people):
    file = SimpleUploadedFile("audit.pdf", PDF, content_type="application/pdf")

    evidence = services.evidence_add(
        plan_action=line, written_on=TODAY, text="Audit", file=file, by=people["member"].user
    )

    assert evidence.file.read() == PDF


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("run.exe", b"MZ", "must be a PDF, DOCX, XLSX, PPTX, PNG, JPG, CSV or TXT file"),
        ("audit.pdf", b"MZ\x90\x00", "not a PDF file inside"),
        ("figures.csv", b"a,b\x00\x01", "not a CSV file inside"),
    ],
)
def test_it_refuses_a_file_of_another_kind(line, editor_user, name, content, message):
    file = SimpleUploadedFile(name, content)

    with pytest.raises(ValidationError, match=message):
        services.evidence_add(
            plan_action=line, written_on=TODAY, text="Audit", file=file, by=editor_user
        )


def test_it_refuses_a_file_over_the_limit_naming_the_limit(line, editor_user, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    file = SimpleUploadedFile("audit.pdf", PDF + b" " * (1024 * 1024))

    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        services.evidence_add(
            plan_action=line, written_on=TODAY, text="Audit", file=file, by=editor_user
        )


def test_withdrawn_evidence_is_kept_with_its_reason(line, people):
    evidence = services.evidence_add(
        plan_action=line, written_on=TODAY, text="Wrong report", by=people["member"].user
    )

    services.evidence_withdraw(evidence=evidence, reason="Wrong file", by=people["member"].user)

    evidence.refresh_from_db()
    assert evidence.withdrawn_at is not None
    assert evidence.history.first().history_change_reason == "Evidence withdrawn: Wrong file"
    with pytest.raises(ValidationError, match="already been withdrawn"):
        services.evidence_withdraw(evidence=evidence, by=people["member"].user)


def test_another_member_may_not_withdraw_evidence(line, people):
    evidence = services.evidence_add(
        plan_action=line, written_on=TODAY, text="Report", by=people["member"].user
    )

    with pytest.raises(PermissionDenied):
        services.evidence_withdraw(evidence=evidence, by=people["chair"].user)


def test_an_owner_links_and_unlinks_a_meeting_action_and_a_forward_plan_item(line, board, people):
    action = ActionFactory(board=board)
    item = ForwardPlanItemFactory(group=board)
    by = people["member"].user

    services.plan_action_link(plan_action=line, action=action, forward_plan_item=item, by=by)
    assert list(line.meeting_actions.all()) == [action]
    assert list(line.forward_plan_items.all()) == [item]

    services.plan_action_unlink(plan_action=line, action=action, by=by)
    assert not line.meeting_actions.exists()
    assert line.forward_plan_items.exists()
    assert _reasons(line)[0] == f"Unlinked action {action.reference}"


def test_it_refuses_a_link_to_another_partnership_s_action(line, editor_user):
    elsewhere = BoardFactory(partnership=PartnershipFactory(slug="southshire"))

    with pytest.raises(ValidationError):
        services.plan_action_link(
            plan_action=line, action=ActionFactory(board=elsewhere), by=editor_user
        )
    with pytest.raises(ValidationError, match="Choose a meeting action"):
        services.plan_action_link(plan_action=line, by=editor_user)
