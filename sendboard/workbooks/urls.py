from django.urls import path

from sendboard.workbooks import views

urlpatterns = [
    path("excel/", views.workbook_home, name="workbook_home"),
    path("excel/plan-tracker/import/", views.plan_tracker_upload, name="plan_tracker_upload"),
    path("excel/risk-register/import/", views.risk_register_upload, name="risk_register_upload"),
    path("excel/uploads/<uuid:code>/columns/", views.workbook_columns, name="workbook_columns"),
    path("excel/uploads/<uuid:code>/check/", views.workbook_check, name="workbook_check"),
    path(
        "excel/plans/<uuid:code>/tracker.xlsx",
        views.plan_tracker_download,
        name="plan_tracker_download",
    ),
    path("excel/risk-register.xlsx", views.risk_register_download, name="risk_register_download"),
]
