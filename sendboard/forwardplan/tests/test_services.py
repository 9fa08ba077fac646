import datetime

import pytest
from django.core.exceptions import ValidationError

from sendboard.actions.tests.factories import ActionFactory
from sendboard.core.services import StaleEdit
from sendboard.forwardplan import services
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.meetings.models import AgendaItem
from sendboard.meetings.services import minute_entry_add
from sendboard.meetings.tests.factories import MeetingFactory

D = datetime.date


def test_it_plans_an_item_for_a_month(board, people, editor_user):
    item = services.forward_plan_item_create(
        group=board,
        title="Deep dive: EHCP timeliness",
        kind=ForwardPlanItem.Kind.DEEP_DIVE,
        owner=people["member"],
        target_month=D(2025, 11, 17),
        by=editor_user,
    )

    assert item.target_month == D(2025, 11, 1)
    assert item.status == ForwardPlanItem.Status.PLANNED
    assert item.history.first().history_user == editor_user


def test_a_planned_meeting_sets_the_month_too(board, september, editor_user):
    item = services.forward_plan_item_create(
        group=board, title="Report", kind="report", target_meeting=september, by=editor_user
    )

    assert item.target_month == D(2025, 9, 1)


def test_it_needs_a_meeting_or_a_month(board, editor_user):
    with pytest.raises(ValidationError, match="Choose a meeting or a month"):
        services.forward_plan_item_create(
            group=board, title="Report", kind="report", by=editor_user
        )


def test_it_refuses_a_meeting_of_another_group(subgroup, september, editor_user):
    with pytest.raises(ValidationError, match="Choose a meeting of the Performance and Impact"):
        services.forward_plan_item_create(
            group=subgroup, title="Report", kind="report", target_meeting=september, by=editor_user
        )


def test_scheduling_puts_the_item_on_the_agenda_with_its_owner_presenting(
    board, october, editor_user, people
):
    item = ForwardPlanItemFactory(group=board, owner=people["editor"])

    added = services.forward_plan_item_schedule(item=item, meeting=october, by=editor_user)

    item.refresh_from_db()
    assert (item.target_meeting, item.target_month) == (october, D(2025, 10, 1))
    assert item.status == ForwardPlanItem.Status.ON_AGENDA
    assert added.kind == AgendaItem.Kind.FORWARD_PLAN
    assert list(added.presenters.all()) == [people["editor"]]
    with pytest.raises(ValidationError, match="already on this agenda"):
        services.forward_plan_item_schedule(item=item, meeting=october, by=editor_user)


def test_scheduling_refuses_a_meeting_of_another_group(subgroup, october, editor_user):
    item = ForwardPlanItemFactory(group=subgroup)
    with pytest.raises(ValidationError, match="forward plan item belongs to another group"):
        services.forward_plan_item_schedule(item=item, meeting=october, by=editor_user)


def test_deferring_moves_the_item_and_remembers_where_it_was_due(
    board, september, october, editor_user
):
    item = ForwardPlanItemFactory(group=board, target_meeting=september)

    services.forward_plan_item_defer(
        item=item, to_meeting=october, reason="Data not ready", by=editor_user
    )

    item.refresh_from_db()
    assert item.status == ForwardPlanItem.Status.DEFERRED
    assert (item.deferred_from, item.target_meeting) == (september, october)
    assert item.deferral_note == "Deferred from 9 September 2025: Data not ready"


def test_deferring_an_item_planned_for_a_month_finds_that_months_meeting(
    board, september, editor_user
):
    item = ForwardPlanItemFactory(group=board, target_month=D(2025, 9, 1))

    services.forward_plan_item_defer(
        item=item, to_month=D(2026, 1, 20), reason="Waiting for the census", by=editor_user
    )

    item.refresh_from_db()
    assert item.deferred_from == september
    assert (item.target_meeting, item.target_month) == (None, D(2026, 1, 1))


def test_deferring_to_an_earlier_meeting_or_month_is_refused(
    board, september, october, editor_user
):
    item = ForwardPlanItemFactory(group=board, target_meeting=october)

    for destination in ({"to_meeting": september}, {"to_month": D(2025, 10, 1)}):
        with pytest.raises(ValidationError, match="after 14 October 2025"):
            services.forward_plan_item_defer(
                item=item, reason="Not ready", by=editor_user, **destination
            )

    item.refresh_from_db()
    assert (item.target_meeting, item.status) == (october, ForwardPlanItem.Status.PLANNED)


def test_deferring_needs_a_reason_and_one_destination(board, september, october, editor_user):
    item = ForwardPlanItemFactory(group=board)

    with pytest.raises(ValidationError, match="Enter why the item is being deferred"):
        services.forward_plan_item_defer(item=item, to_meeting=october, reason=" ", by=editor_user)
    with pytest.raises(ValidationError, match="Choose a meeting or a month to defer it to"):
        services.forward_plan_item_defer(item=item, reason="Later", by=editor_user)
    with pytest.raises(ValidationError, match="Choose a meeting or a month to defer it to"):
        services.forward_plan_item_defer(
            item=item, to_meeting=october, to_month=D(2026, 1, 1), reason="Later", by=editor_user
        )


def test_it_marks_an_item_presented_at_a_held_meeting(board, september, editor_user):
    september.status = september.Status.HELD
    september.save()
    item = ForwardPlanItemFactory(group=board, target_meeting=september)

    services.forward_plan_item_mark_presented(item=item, by=editor_user)

    assert ForwardPlanItem.objects.get(pk=item.pk).status == ForwardPlanItem.Status.PRESENTED


def test_an_item_is_presented_only_once_its_meeting_is_held(board, september, editor_user):
    at_planned_meeting = ForwardPlanItemFactory(group=board, target_meeting=september)
    without_meeting = ForwardPlanItemFactory(group=board)

    for item in (at_planned_meeting, without_meeting):
        assert not services.may_mark_presented(item)
        with pytest.raises(ValidationError, match="its meeting has not been held"):
            services.forward_plan_item_mark_presented(item=item, by=editor_user)
        assert ForwardPlanItem.objects.get(pk=item.pk).status == ForwardPlanItem.Status.PLANNED


def test_an_action_adds_a_report_to_the_groups_next_meeting(board, people, editor_user):
    upcoming = MeetingFactory(group=board, date=D.today() + datetime.timedelta(days=10))
    action = ActionFactory(board=board, owners=[people["member"]], title="Report on EOTAS")

    item = services.forward_plan_item_from_action(action=action, by=editor_user)

    assert item.source_action == action
    assert (item.group, item.owner, item.target_meeting) == (board, people["member"], upcoming)
    assert item.kind == ForwardPlanItem.Kind.REPORT


def test_an_action_with_no_meeting_ahead_goes_to_next_month(board, editor_user):
    action = ActionFactory(board=board)

    item = services.forward_plan_item_from_action(action=action, by=editor_user)

    assert item.target_meeting is None
    assert item.target_month > D.today()


def test_it_refuses_a_stale_edit(board, people, editor_user):
    item = ForwardPlanItemFactory(group=board)
    fields = {
        "kind": "report",
        "owner": None,
        "target_meeting": None,
        "target_month": D(2025, 9, 1),
        "notes": "",
    }
    opened = item.version
    services.forward_plan_item_edit(
        item=ForwardPlanItem.objects.get(pk=item.pk),
        title="First",
        opened_version=opened,
        by=people["manager"].user,
        **fields,
    )

    with pytest.raises(StaleEdit, match="changed by Manager Tester after you opened it"):
        services.forward_plan_item_edit(
            item=item, title="Second", opened_version=opened, by=editor_user, **fields
        )

    assert ForwardPlanItem.objects.get(pk=item.pk).title == "First"


def test_a_deferred_item_leaves_the_agenda_it_was_on(board, september, october, editor_user):
    item = ForwardPlanItemFactory(group=board, target_meeting=september)
    services.forward_plan_item_schedule(item=item, meeting=september, by=editor_user)

    services.forward_plan_item_defer(
        item=item, to_meeting=october, reason="Data not ready", by=editor_user
    )

    assert not AgendaItem.objects.filter(forward_plan_item=item).exists()
    removed = AgendaItem.history.filter(forward_plan_item_id=item.pk).first()
    assert removed.history_type == "-" and removed.history_user == editor_user


def test_an_item_already_minuted_is_not_deferred(board, september, october, editor_user):
    item = ForwardPlanItemFactory(group=board, target_meeting=september)
    agenda_item = services.forward_plan_item_schedule(item=item, meeting=september, by=editor_user)
    minute_entry_add(item=agenda_item, kind="note", text="Discussed in part", by=editor_user)

    with pytest.raises(ValidationError, match="It was minuted at the meeting of 9 September 2025"):
        services.forward_plan_item_defer(
            item=item, to_meeting=october, reason="More next time", by=editor_user
        )
    assert AgendaItem.objects.filter(forward_plan_item=item).exists()
