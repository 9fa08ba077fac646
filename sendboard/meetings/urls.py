from django.urls import path

from sendboard.meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
]
