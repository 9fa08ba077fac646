from django.urls import path

from sendboard.plans.views import editing, highlight, lines, periods, plans

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
    path(
        "plans/<uuid:code>/periods/<uuid:period>/highlight/",
        highlight.highlight_report,
        name="highlight_report",
    ),
    path(
        "plans/<uuid:code>/periods/<uuid:period>/highlight/generate/",
        highlight.highlight_report_generate,
        name="highlight_report_generate",
    ),
    path(
        "plans/<uuid:code>/periods/<uuid:period>/highlight/edit/",
        highlight.highlight_report_edit,
        name="highlight_report_edit",
    ),
    path(
        "plans/<uuid:code>/periods/<uuid:period>/highlight/report.docx",
        highlight.highlight_report_word,
        name="highlight_report_word",
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
    path("plans/<uuid:code>/edit/", plans.plan_edit, name="plan_edit"),
    # Named priority_area_edit, _move, _remove; outcome_edit...; plan_action_edit...
    *[
        path(f"plans/{folder}/<uuid:code>/{verb}/", view, {"part": part}, name=f"{name}_{verb}")
        for part, folder, name in (
            ("area", "areas", "priority_area"),
            ("outcome", "outcomes", "outcome"),
            ("line", "lines", "plan_action"),
        )
        for verb, view in (
            ("edit", editing.part_edit),
            ("move", editing.part_move),
            ("remove", editing.part_remove),
        )
    ],
    path("plans/lines/<uuid:code>/link/", lines.plan_action_link, name="plan_action_link"),
    path("plans/lines/<uuid:code>/unlink/", lines.plan_action_unlink, name="plan_action_unlink"),
    path("plans/evidence/<uuid:code>/", lines.evidence_download, name="evidence_download"),
    path("plans/evidence/<uuid:code>/withdraw/", lines.evidence_withdraw, name="evidence_withdraw"),
]
