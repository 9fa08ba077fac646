"""Recording attendance: every member present in one press, apologies kept."""

import datetime

from django.urls import reverse

from sendboard.governance.models import Membership
from sendboard.meetings import services
from sendboard.meetings.models import Attendance
from sendboard.meetings.services import AttendanceRow


def test_every_member_not_yet_recorded_is_marked_present_in_one_press(
    persona, board, people, manager_user
):
    meeting = services.meeting_create(group=board, date=datetime.date(2026, 5, 13), by=manager_user)
    Membership.objects.create(group=board, person=people["editor"])
    services.attendance_record(
        meeting=meeting,
        rows=[AttendanceRow(person=people["member"], kind=Attendance.Kind.APOLOGIES)],
        by=manager_user,
    )

    page = persona["editor"].post(
        reverse("attendance_members_present", args=["northshire", meeting.code]), follow=True
    )

    kinds = dict(meeting.attendance.values_list("person__name", "kind"))
    assert kinds == {
        "Member Tester": "apologies",
        "Chair Tester": "present",
        "Editor Tester": "present",
    }
    assert "2 members not yet recorded marked present" in page.content.decode()
