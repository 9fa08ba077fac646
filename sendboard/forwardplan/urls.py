from django.urls import path

from sendboard.forwardplan import views

urlpatterns = [
    path("forward-plan/", views.forward_plan, name="forward_plan"),
]
