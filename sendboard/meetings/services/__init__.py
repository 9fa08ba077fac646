"""Changes to meetings: the meeting itself, its agenda, papers, attendance and minutes.

Every function runs in one transaction, validates, saves and records who made the change,
so a change made outside a request (a command, the demo) is still attributed. Each
sub-domain has its module; callers import from here.
"""

from sendboard.meetings.services.agenda import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    agenda_item_update,
    agenda_standing_item_add,
)
from sendboard.meetings.services.approval import (
    meeting_minutes_approve,
    meeting_minutes_publish,
    meeting_minutes_reopen,
)
from sendboard.meetings.services.attendance import (
    AttendanceRow,
    attendance_members_present,
    attendance_record,
)
from sendboard.meetings.services.meetings import (
    STANDING_ORDER,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_update,
)
from sendboard.meetings.services.minutes import (
    minute_entry_add,
    minute_entry_delete,
    minute_entry_move,
    minute_entry_update,
)
from sendboard.meetings.services.papers import PAPER, paper_upload, paper_withdraw

__all__ = [
    "PAPER",
    "STANDING_ORDER",
    "AttendanceRow",
    "agenda_item_add",
    "agenda_item_move",
    "agenda_item_remove",
    "agenda_item_update",
    "agenda_standing_item_add",
    "attendance_members_present",
    "attendance_record",
    "meeting_cancel",
    "meeting_create",
    "meeting_mark_held",
    "meeting_minutes_approve",
    "meeting_minutes_publish",
    "meeting_minutes_reopen",
    "meeting_update",
    "minute_entry_add",
    "minute_entry_delete",
    "minute_entry_move",
    "minute_entry_update",
    "paper_upload",
    "paper_withdraw",
]
