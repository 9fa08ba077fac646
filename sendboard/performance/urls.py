from django.urls import path

from sendboard.performance import views

urlpatterns = [
    path("figures/", views.scorecard, name="scorecard"),
    path("figures/<uuid:code>/", views.indicator_detail, name="indicator_detail"),
    path("figures/<uuid:code>/edit/", views.indicator_edit, name="indicator_edit"),
]
