"""The Northshire demo keeps its promises: a year of a board's business, one sign-in per role."""

import datetime
import io
import itertools
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from sendboard.actions.models import Action, ActionUpdate
from sendboard.demo.builder import demo_build, demo_counts, demo_remove, demo_sign_ins
from sendboard.demo.tests.building import FAST_HASHER, TODAY
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Group, Membership, Partnership
from sendboard.meetings.models import Attendance, Meeting, MinuteEntry
from sendboard.plans.models import PlanAction
from sendboard.publishing.models import PublicSummary
from sendboard.risks.models import Risk


def test_it_builds_a_board_and_four_subgroups_reporting_to_it(demo, board):
    subgroups = demo.groups.filter(kind=Group.Kind.SUBGROUP)
    assert board.name == "Northshire SEND Partnership Board"
    assert board.action_prefix == "NSPB"
    assert subgroups.count() == 4
    assert all(group.reports_to == board and group.terms_of_reference for group in subgroups)
    roles = set(board.memberships.values_list("role", flat=True))
    assert {
        "independent_chair",
        "co_chair",
        "member",
        "deputy",
        "adviser",
        "in_attendance",
    } <= roles


def test_it_holds_a_monthly_board_with_minutes_approved_at_the_next_meeting(board):
    held = list(board.meetings.filter(status=Meeting.Status.HELD).order_by("date"))
    assert len(held) >= 12
    assert held[-1].date < TODAY
    assert board.meetings.filter(status=Meeting.Status.PLANNED, date__gt=TODAY).exists()
    for earlier, later in itertools.pairwise(held):
        assert earlier.minutes_approved_at == later
        assert earlier.minutes_status == Meeting.MinutesStatus.PUBLISHED
    assert held[-1].minutes_status == Meeting.MinutesStatus.DRAFT


def test_a_held_board_meeting_has_standing_items_reports_attendance_and_typed_minutes(board):
    meeting = board.meetings.filter(status=Meeting.Status.HELD).order_by("date")[2]
    standing = set(meeting.items.exclude(standing="").values_list("standing", flat=True))
    assert {"welcome", "minutes_actions", "cyp_voice", "parent_carer"} <= standing
    assert meeting.items.exclude(reporting_group=None).exists()
    assert meeting.items.filter(kind="forward_plan").exists()
    kinds = set(Attendance.objects.filter(meeting=meeting).values_list("kind", flat=True))
    assert {"present", "apologies", "in_attendance"} <= kinds
    entries = MinuteEntry.objects.filter(item__meeting=meeting)
    assert {"note", "challenge", "response", "decision"} <= set(
        entries.values_list("kind", flat=True)
    )
    assert entries.filter(kind="response", responds_to__kind="challenge").exists()


def test_subgroups_meet_and_escalate_to_the_board(demo, db):
    for group in demo.groups.filter(kind=Group.Kind.SUBGROUP):
        assert group.meetings.filter(status=Meeting.Status.HELD).count() >= 5
    assert MinuteEntry.objects.filter(kind="escalation").exclude(escalated_from=None).exists()


def test_it_logs_about_eighty_actions_in_every_status_some_overdue(board):
    actions = Action.objects.filter(board=board)
    assert 70 <= actions.count() <= 90
    assert set(actions.values_list("status", flat=True)) == set(Action.Status.values)
    open_actions = actions.filter(status__in=Action.OPEN_STATUSES)
    assert open_actions.filter(due_date__lt=TODAY).exists()
    assert open_actions.filter(due_by_next_meeting=True).exists()
    assert ActionUpdate.objects.filter(action__board=board).count() > actions.count()
    assert not actions.filter(owners=None).exists()
    numbers = sorted(actions.values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_member_account_owns_open_actions(demo, db):
    member = demo.people.get(user__username="northshire.member")
    assert member.actions.filter(status__in=Action.OPEN_STATUSES).exists()


def test_the_forward_plan_has_items_in_every_status(demo, db):
    items = ForwardPlanItem.objects.filter(group__partnership=demo)
    assert set(items.values_list("status", flat=True)) == set(ForwardPlanItem.Status.values)
    deferred = items.get(status=ForwardPlanItem.Status.DEFERRED)
    assert deferred.deferred_from and deferred.deferral_reason
    assert deferred.target_meeting.date > deferred.deferred_from.date


def test_it_publishes_summaries_of_past_board_meetings(board):
    summaries = PublicSummary.objects.filter(meeting__group=board)
    published = summaries.filter(status=PublicSummary.Status.PUBLISHED)
    assert published.count() >= 10
    summary = published.first()
    assert summary.title == f"Summary of the {summary.meeting.date:%B %Y} Board Meeting"
    assert "## Review of the action log" in summary.body
    assert summaries.filter(status=PublicSummary.Status.DRAFT).exists()


def test_history_names_the_demo_author_and_is_dated_over_the_year(board):
    action = Action.objects.filter(board=board, status=Action.Status.COMPLETE).last()
    changes = action.history.order_by("history_date")
    assert changes.first().history_user.username.startswith("northshire.")
    assert changes.first().history_date.date() < changes.last().history_date.date()
    first_meeting = board.meetings.order_by("date").first()
    assert first_meeting.history.earliest("history_date").history_date.date() < TODAY - (
        datetime.timedelta(days=300)
    )


def test_key_records_are_valid(board):
    meeting = board.meetings.filter(status=Meeting.Status.HELD).first()
    records = [
        board,
        Membership.objects.filter(group=board).first(),
        meeting,
        meeting.items.first(),
        MinuteEntry.objects.filter(item__meeting=meeting).first(),
        *Action.objects.filter(board=board)[:10],
        *ForwardPlanItem.objects.filter(group=board),
        PublicSummary.objects.filter(meeting__group=board).first(),
    ]
    for record in records:
        record.full_clean()


@pytest.mark.parametrize("sign_in", demo_sign_ins(), ids=lambda sign_in: sign_in.role)
def test_every_role_signs_in_with_its_printed_password(demo, db, sign_in):
    client = Client()
    assert client.login(username=sign_in.username, password=sign_in.password)
    assert client.get(demo.get_absolute_url()).status_code == 200


def test_building_again_changes_nothing(demo, db):
    before = demo_counts(demo)
    with FAST_HASHER:
        again = demo_build(today=TODAY)
    assert not again.created
    assert again.partnership == demo
    assert demo_counts(demo) == before
    assert get_user_model().objects.filter(username__startswith="northshire.").count() == 7


def test_the_command_builds_once_and_prints_a_sign_in_for_each_role(demo, db):
    out = io.StringIO()
    with FAST_HASHER:
        call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert "Kept the existing Northshire SEND Partnership" in printed
    for sign_in in demo_sign_ins():
        assert sign_in.username in printed and sign_in.password in printed
    assert re.search(r"^admin +demo-admin +administrator", printed, re.MULTILINE)
    administrator = Client()
    assert administrator.login(username="admin", password="demo-admin")
    assert administrator.get("/admin/governance/person/").status_code == 200


def test_reset_removes_every_record_its_history_and_the_demo_accounts(demo, db):
    # Rebuilt records may reuse freed ids, so none of a removed record's history may stay.
    action_ids = list(Action.objects.filter(board__partnership=demo).values_list("pk", flat=True))
    meeting_ids = list(Meeting.objects.filter(group__partnership=demo).values_list("pk", flat=True))
    line_ids = list(
        PlanAction.objects.filter(outcome__area__plan__partnership=demo).values_list(
            "pk", flat=True
        )
    )
    risk_ids = list(demo.risks.values_list("pk", flat=True))
    demo_remove(partnership=demo)
    assert not Partnership.objects.filter(slug="northshire").exists()
    assert not Action.history.filter(id__in=action_ids).exists()
    assert not Meeting.history.filter(id__in=meeting_ids).exists()
    assert line_ids and not PlanAction.history.filter(id__in=line_ids).exists()
    assert risk_ids and not Risk.history.filter(id__in=risk_ids).exists()
    assert not get_user_model().objects.filter(username__startswith="northshire.").exists()
