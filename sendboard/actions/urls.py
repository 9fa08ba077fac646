from django.urls import path

from sendboard.actions import views

urlpatterns = [
    path("actions/", views.action_list, name="action_list"),
    path("actions/mine/", views.my_actions, name="my_actions"),
    path("actions/action-log.csv", views.action_log_csv, name="action_log_csv"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<uuid:code>/", views.action_detail, name="action_detail"),
    path("actions/<uuid:code>/edit/", views.action_edit, name="action_edit"),
    path("actions/<uuid:code>/updates/new/", views.action_update_add, name="action_update_add"),
]
