from django.urls import path

from sendboard.core import views

urlpatterns = [
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]
