"""What the forward plan shows on a meeting's page: deferral notes and the items due."""

from django.db.models import Prefetch

from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.queries import forward_plan_due
from sendboard.meetings.contributions import Contribution, Place, contribute


def _deferred_from() -> Prefetch:
    return Prefetch(
        "forward_plan_item",
        queryset=ForwardPlanItem.objects.select_related("deferred_from").only(
            "deferral_reason", "deferred_from__date"
        ),
    )


def register() -> None:
    contribute(
        Contribution(
            place=Place.ITEM_START,
            template="forwardplan/_deferral_note.html",
            item_prefetch=_deferred_from,
        )
    )
    contribute(
        Contribution(
            place=Place.AFTER_AGENDA,
            template="forwardplan/_due_at_meeting.html",
            page_context=lambda meeting: {"forward_plan_due": forward_plan_due(meeting)},
        )
    )
