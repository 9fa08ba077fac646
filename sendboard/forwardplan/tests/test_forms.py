import datetime

from django.utils import timezone

from sendboard.forwardplan.forms import ForwardPlanDeferForm
from sendboard.forwardplan.tests.factories import ForwardPlanItemFactory
from sendboard.meetings.tests.factories import MeetingFactory


def test_an_item_is_deferred_only_to_a_meeting_after_the_one_it_is_due_at(board):
    today = timezone.localdate()
    _sooner, due, later = (
        MeetingFactory(group=board, number=number, date=today + datetime.timedelta(days=days))
        for number, days in ((1, 7), (2, 35), (3, 63))
    )
    item = ForwardPlanItemFactory(group=board, target_meeting=due)

    offered = list(ForwardPlanDeferForm(item=item).fields["to_meeting"].queryset)

    assert offered == [later]
