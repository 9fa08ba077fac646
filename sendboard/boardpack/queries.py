"""Reads of built board packs, and finding a meeting from what a person types."""

import uuid

from django.shortcuts import get_object_or_404

from sendboard.boardpack.models import BoardPack
from sendboard.governance.models import Group, Partnership
from sendboard.meetings.models import Meeting


def latest_pack(meeting: Meeting) -> BoardPack | None:
    return BoardPack.objects.filter(meeting=meeting).select_related("built_by").first()


def pack_in(partnership: Partnership, code) -> BoardPack:
    return get_object_or_404(
        BoardPack.objects.select_related("meeting__group"),
        meeting__group__partnership=partnership,
        code=code,
    )


class NoSuchMeeting(LookupError):
    pass


def meeting_named(reference: str) -> Meeting:
    """The meeting `reference` names, as a person types it on the command line.

    A meeting's code (the UUID in its page's address); `<partnership>/<number>` for a
    meeting of the board; or `<partnership>/<group>/<number>` for a subgroup's, the
    group by its slug. Numbers are each group's own series, shown on the meeting page.
    """
    meetings = Meeting.objects.select_related("group__partnership")
    parts = reference.strip().strip("/").split("/")
    try:
        if len(parts) == 1:
            return meetings.get(code=uuid.UUID(parts[0]))
        if len(parts) == 2:
            partnership, number = parts
            return meetings.get(
                group__partnership__slug=partnership,
                group__kind=Group.Kind.BOARD,
                number=int(number),
            )
        if len(parts) == 3:
            partnership, group, number = parts
            return meetings.get(
                group__partnership__slug=partnership, group__slug=group, number=int(number)
            )
    except (ValueError, Meeting.DoesNotExist, Meeting.MultipleObjectsReturned):
        pass
    raise NoSuchMeeting(
        f"No meeting “{reference}”. Give the meeting's code, <partnership>/<number> for a "
        "board meeting, or <partnership>/<group>/<number>, such as northshire/12."
    )
