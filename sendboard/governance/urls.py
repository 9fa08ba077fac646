from django.urls import path

from sendboard.governance import views

urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:group>/", views.group_detail, name="group_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
]
