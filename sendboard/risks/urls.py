from django.urls import path

from sendboard.risks.views import register, risk

urlpatterns = [
    path("risks/", register.risk_list, name="risk_list"),
    path("risks/summary/", register.risk_summary, name="risk_summary"),
    path("risks/bands/", register.risk_bands, name="risk_bands"),
    path("risks/new/", risk.risk_create, name="risk_create"),
    path("risks/<uuid:code>/", risk.risk_detail, name="risk_detail"),
    path("risks/<uuid:code>/edit/", risk.risk_edit, name="risk_edit"),
    path("risks/<uuid:code>/review/", risk.risk_review, name="risk_review"),
    path("risks/<uuid:code>/mitigations/new/", risk.mitigation_add, name="mitigation_add"),
    path("risks/<uuid:code>/escalate/", risk.risk_escalate, name="risk_escalate"),
    path("risks/<uuid:code>/tolerate/", risk.risk_tolerate, name="risk_tolerate"),
    path("risks/<uuid:code>/close/", risk.risk_close, name="risk_close"),
    path(
        "risks/mitigations/<uuid:code>/done/",
        risk.mitigation_complete,
        name="mitigation_complete",
    ),
]
