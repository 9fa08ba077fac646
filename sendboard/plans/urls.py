from django.urls import path

from sendboard.plans.views import lines, periods, plans

urlpatterns = [
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<uuid:code>/", plans.plan_detail, name="plan_detail"),
    path(
        "plans/<uuid:code>/areas/new/",
        plans.priority_area_create,
        name="priority_area_create",
    ),
    path("plans/areas/<uuid:code>/outcomes/new/", plans.outcome_create, name="outcome_create"),
    path(
        "plans/outcomes/<uuid:code>/lines/new/",
        plans.plan_action_create,
        name="plan_action_create",
    ),
    path("plans/<uuid:code>/periods/open/", periods.period_open, name="period_open"),
    path(
        "plans/<uuid:code>/periods/<uuid:period>/close/",
        periods.period_close,
        name="period_close",
    ),
    path("plans/lines/<uuid:code>/", lines.plan_action_detail, name="plan_action_detail"),
    path("plans/lines/<uuid:code>/progress/", lines.progress_record, name="progress_record"),
    path("plans/lines/<uuid:code>/evidence/", lines.evidence_add, name="evidence_add"),
    path(
        "plans/lines/<uuid:code>/deep-dive/",
        lines.deep_dive_request,
        name="deep_dive_request",
    ),
    path(
        "plans/lines/<uuid:code>/transfer/",
        lines.plan_action_transfer,
        name="plan_action_transfer",
    ),
]
