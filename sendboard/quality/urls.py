from django.urls import path

from sendboard.quality import views

urlpatterns = [
    path("quality/", views.quality_home, name="quality_home"),
    path("quality/settings/", views.quality_settings, name="quality_settings"),
    path("quality/frameworks/", views.framework_list, name="quality_frameworks"),
    path("quality/frameworks/<uuid:code>/", views.framework_detail, name="quality_framework"),
    path("quality/sample/", views.sample_draw, name="quality_sample_draw"),
    path("quality/audits/", views.audit_list, name="quality_audits"),
    path("quality/audits/new/", views.audit_assign, name="quality_audit_assign"),
    path("quality/audits/import/", views.audits_import, name="quality_audits_import"),
    path(
        "quality/audits/import/<uuid:code>/columns/",
        views.audits_columns,
        name="quality_audits_columns",
    ),
    path(
        "quality/audits/import/<uuid:code>/check/", views.audits_check, name="quality_audits_check"
    ),
    path("quality/teams/", views.plan_team_list, name="quality_plan_teams"),
    path("quality/teams/plan/", views.plan_team_edit, name="quality_plan_team"),
    path("quality/teams/import/", views.plan_teams_import, name="quality_plan_teams_import"),
    path("quality/audits/<uuid:code>/", views.audit_detail, name="quality_audit"),
    path(
        "quality/audits/<uuid:code>/actions/new/",
        views.case_action_add,
        name="quality_case_action_add",
    ),
    path("quality/moderation/", views.moderation_list, name="quality_moderation_list"),
    path("quality/moderation/report/", views.moderation_report, name="quality_moderation_report"),
    path("quality/moderation/<uuid:code>/", views.moderation_detail, name="quality_moderation"),
    path("quality/figures/", views.quality_figures, name="quality_figures"),
    path("quality/figures/publish/", views.figures_publish, name="quality_figures_publish"),
    path("quality/learning/", views.learning_summary, name="quality_learning"),
    path("quality/feedback/", views.auditor_feedback, name="quality_feedback"),
]
