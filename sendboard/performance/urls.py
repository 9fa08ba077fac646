from django.urls import path, re_path

from sendboard.performance import views

urlpatterns = [
    path("figures/", views.scorecard, name="scorecard"),
    path("figures/new/", views.indicator_create_view, name="indicator_create"),
    path("figures/standard-set/", views.standard_set, name="standard_set_load"),
    path("figures/import/", views.figures_import_view, name="figures_import"),
    re_path(
        r"^figures/export\.(?P<fmt>csv|xlsx|json)$", views.figures_export, name="figures_export"
    ),
    path("figures/scorecards/new/", views.scorecard_create, name="scorecard_create"),
    path("figures/scorecards/<uuid:code>/", views.scorecard_detail, name="scorecard_detail"),
    path("figures/scorecards/<uuid:code>/edit/", views.scorecard_edit, name="scorecard_edit"),
    path("figures/outcomes/<uuid:code>/", views.outcome_dashboard, name="outcome_dashboard"),
    path("figures/<uuid:code>/", views.indicator_detail, name="indicator_detail"),
    path("figures/<uuid:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("figures/<uuid:code>/enter/", views.figure_enter, name="figure_enter"),
    path("figures/<uuid:code>/trajectory/", views.trajectory_edit, name="trajectory_edit"),
    path("figures/<uuid:code>/benchmarks/", views.benchmark_enter, name="benchmark_enter"),
    path(
        "figures/<uuid:code>/commentary/<uuid:figure>/",
        views.commentary_edit,
        name="commentary_edit",
    ),
    path("public/figures/", views.public_dashboard, name="public_figures"),
]
