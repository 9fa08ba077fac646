from django.urls import path

from sendboard.publishing import views

urlpatterns = [
    path("summaries/", views.summary_list, name="summary_list"),
    path("summaries/draft/", views.summary_create, name="summary_create"),
    path("summaries/<uuid:code>/", views.summary_detail, name="summary_detail"),
    path("summaries/<uuid:code>/edit/", views.summary_edit, name="summary_edit"),
    path("summaries/<uuid:code>/redraft/", views.summary_redraft, name="summary_redraft"),
    path("summaries/<uuid:code>/publish/", views.summary_publish, name="summary_publish"),
    path("summaries/<uuid:code>/withdraw/", views.summary_withdraw, name="summary_withdraw"),
    path("summaries/<uuid:code>/summary.docx", views.summary_docx, name="summary_docx"),
    path("meetings/<uuid:code>/agenda.docx", views.meeting_agenda_docx, name="meeting_agenda_docx"),
    path(
        "meetings/<uuid:code>/minutes.docx", views.meeting_minutes_docx, name="meeting_minutes_docx"
    ),
    path("public/", views.public_home, name="public_home"),
    path("public/summaries/<uuid:code>/", views.summary_public, name="summary_public"),
    path(
        "public/summaries/<uuid:code>/summary.docx",
        views.public_summary_docx,
        name="public_summary_docx",
    ),
    path("public/minutes/<uuid:code>/", views.public_minutes, name="public_minutes"),
    path(
        "public/minutes/<uuid:code>/minutes.docx",
        views.public_minutes_docx,
        name="public_minutes_docx",
    ),
]
