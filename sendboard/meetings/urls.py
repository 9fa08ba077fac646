from django.urls import path

from sendboard.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<uuid:code>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:code>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<uuid:code>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<uuid:code>/held/", views.meeting_mark_held, name="meeting_mark_held"),
    path("meetings/<uuid:code>/attendance/", views.attendance_edit, name="attendance_edit"),
    path(
        "meetings/<uuid:code>/minutes/approve/",
        views.meeting_minutes_approve,
        name="meeting_minutes_approve",
    ),
    path(
        "meetings/<uuid:code>/minutes/publish/",
        views.meeting_minutes_publish,
        name="meeting_minutes_publish",
    ),
    path(
        "meetings/<uuid:code>/minutes/reopen/",
        views.meeting_minutes_reopen,
        name="meeting_minutes_reopen",
    ),
    path("meetings/<uuid:code>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path(
        "meetings/<uuid:code>/items/standing/",
        views.agenda_standing_item_add,
        name="agenda_standing_item_add",
    ),
    path(
        "meetings/<uuid:code>/forward-plan/<uuid:item>/",
        views.agenda_item_schedule,
        name="agenda_item_schedule",
    ),
    path("items/<uuid:code>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("items/<uuid:code>/move/", views.agenda_item_move, name="agenda_item_move"),
    path("items/<uuid:code>/remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path("items/<uuid:code>/papers/new/", views.paper_upload, name="paper_upload"),
    path("items/<uuid:code>/minutes/new/", views.minute_entry_create, name="minute_entry_create"),
    path("papers/<uuid:code>/", views.paper_download, name="paper_download"),
    path("papers/<uuid:code>/withdraw/", views.paper_withdraw, name="paper_withdraw"),
    path("minutes/<uuid:code>/edit/", views.minute_entry_edit, name="minute_entry_edit"),
    path("minutes/<uuid:code>/delete/", views.minute_entry_delete, name="minute_entry_delete"),
    path("minutes/<uuid:code>/move/", views.minute_entry_move, name="minute_entry_move"),
]
