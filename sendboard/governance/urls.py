from django.urls import path

from sendboard.governance import views

urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:group>/", views.group_detail, name="group_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<uuid:code>/", views.person_detail, name="person_detail"),
    path("people/<uuid:code>/invite/", views.person_invite, name="person_invite"),
    path("people/<uuid:code>/role/", views.person_role, name="person_role"),
    path("people/<uuid:code>/role/remove/", views.person_role_remove, name="person_role_remove"),
    path("people/<uuid:code>/deactivate/", views.person_deactivate, name="person_deactivate"),
]
