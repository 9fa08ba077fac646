"""What the action log shows on a meeting's page: actions raised and the log's review."""

from django.db.models import Prefetch

from sendboard.actions.models import Action
from sendboard.actions.queries import action_log_review
from sendboard.meetings.contributions import Contribution, Place, contribute


def _raised_actions() -> Prefetch:
    return Prefetch(
        "raised_actions",
        queryset=Action.objects.select_related("board")
        .only("code", "source_item", "number", "title", "status", "board__action_prefix")
        .order_by("number"),
        to_attr="action_list",
    )


def register() -> None:
    contribute(
        Contribution(
            place=Place.ITEM_END,
            template="actions/_raised_actions.html",
            item_prefetch=_raised_actions,
        )
    )
    contribute(
        Contribution(
            place=Place.MINUTES_AND_ACTIONS,
            template="actions/_review_at_meeting.html",
            page_context=lambda meeting: {
                "review": action_log_review(board=meeting.group.board, meeting=meeting)
            },
        )
    )
