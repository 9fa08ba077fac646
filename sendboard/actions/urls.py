from django.urls import path

from sendboard.actions import views

urlpatterns = [
    path("actions/", views.action_list, name="action_list"),
    path("actions/mine/", views.my_actions, name="my_actions"),
]
