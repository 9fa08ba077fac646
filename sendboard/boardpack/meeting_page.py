"""What the board pack shows on a meeting's page: a link to the pack, its files, the button."""

from sendboard.boardpack.queries import latest_pack
from sendboard.meetings.contributions import Contribution, Place, contribute


def register() -> None:
    contribute(
        Contribution(
            place=Place.AFTER_AGENDA,
            template="boardpack/_meeting_page.html",
            page_context=lambda meeting: {"board_pack": latest_pack(meeting)},
        )
    )
