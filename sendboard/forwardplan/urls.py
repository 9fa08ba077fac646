from django.urls import path

from sendboard.forwardplan import views

urlpatterns = [
    path("forward-plan/", views.forward_plan, name="forward_plan"),
    path("forward-plan/new/", views.forward_plan_item_create, name="forward_plan_item_create"),
    path(
        "forward-plan/from-action/<uuid:code>/",
        views.forward_plan_item_from_action,
        name="forward_plan_item_from_action",
    ),
    path("forward-plan/<uuid:code>/", views.forward_plan_item, name="forward_plan_item"),
    path(
        "forward-plan/<uuid:code>/edit/",
        views.forward_plan_item_edit,
        name="forward_plan_item_edit",
    ),
    path(
        "forward-plan/<uuid:code>/defer/",
        views.forward_plan_item_defer,
        name="forward_plan_item_defer",
    ),
    path(
        "forward-plan/<uuid:code>/schedule/<uuid:meeting>/",
        views.forward_plan_item_schedule,
        name="forward_plan_item_schedule",
    ),
    path(
        "forward-plan/<uuid:code>/presented/",
        views.forward_plan_item_mark_presented,
        name="forward_plan_item_mark_presented",
    ),
]
