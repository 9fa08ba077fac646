from django.urls import path

from sendboard.publishing import views

urlpatterns = [
    path("summaries/", views.summary_list, name="summary_list"),
    path("public/", views.public_home, name="public_home"),
]
