from django.urls import path

from sendboard.meetings.views import agenda, approval, attendance, meetings, minutes, papers

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<uuid:code>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:code>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:code>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<uuid:code>/held/", meetings.meeting_mark_held, name="meeting_mark_held"),
    path("meetings/<uuid:code>/attendance/", attendance.attendance_edit, name="attendance_edit"),
    path(
        "meetings/<uuid:code>/attendance/members-present/",
        attendance.attendance_members_present,
        name="attendance_members_present",
    ),
    path(
        "meetings/<uuid:code>/minutes/approve/",
        approval.meeting_minutes_approve,
        name="meeting_minutes_approve",
    ),
    path(
        "meetings/<uuid:code>/minutes/publish/",
        approval.meeting_minutes_publish,
        name="meeting_minutes_publish",
    ),
    path(
        "meetings/<uuid:code>/minutes/reopen/",
        approval.meeting_minutes_reopen,
        name="meeting_minutes_reopen",
    ),
    path("meetings/<uuid:code>/items/new/", agenda.agenda_item_create, name="agenda_item_create"),
    path(
        "meetings/<uuid:code>/items/standing/",
        agenda.agenda_standing_item_add,
        name="agenda_standing_item_add",
    ),
    path("items/<uuid:code>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path("items/<uuid:code>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path("items/<uuid:code>/remove/", agenda.agenda_item_remove, name="agenda_item_remove"),
    path("items/<uuid:code>/papers/new/", papers.paper_upload, name="paper_upload"),
    path("items/<uuid:code>/minutes/new/", minutes.minute_entry_create, name="minute_entry_create"),
    path("papers/<uuid:code>/", papers.paper_download, name="paper_download"),
    path("papers/<uuid:code>/withdraw/", papers.paper_withdraw, name="paper_withdraw"),
    path("minutes/<uuid:code>/edit/", minutes.minute_entry_edit, name="minute_entry_edit"),
    path("minutes/<uuid:code>/delete/", minutes.minute_entry_delete, name="minute_entry_delete"),
    path("minutes/<uuid:code>/move/", minutes.minute_entry_move, name="minute_entry_move"),
]
