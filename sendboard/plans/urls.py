from django.urls import path

from sendboard.plans import views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<uuid:code>/", views.plan_detail, name="plan_detail"),
    path(
        "plans/<uuid:code>/areas/new/",
        views.priority_area_create,
        name="priority_area_create",
    ),
    path("plans/areas/<uuid:code>/outcomes/new/", views.outcome_create, name="outcome_create"),
    path(
        "plans/outcomes/<uuid:code>/lines/new/",
        views.plan_action_create,
        name="plan_action_create",
    ),
    path("plans/<uuid:code>/periods/open/", views.period_open, name="period_open"),
    path(
        "plans/<uuid:code>/periods/<uuid:period>/close/",
        views.period_close,
        name="period_close",
    ),
    path("plans/lines/<uuid:code>/", views.plan_action_detail, name="plan_action_detail"),
    path("plans/lines/<uuid:code>/progress/", views.progress_record, name="progress_record"),
    path("plans/lines/<uuid:code>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "plans/lines/<uuid:code>/deep-dive/",
        views.deep_dive_request,
        name="deep_dive_request",
    ),
    path(
        "plans/lines/<uuid:code>/transfer/",
        views.plan_action_transfer,
        name="plan_action_transfer",
    ),
]
