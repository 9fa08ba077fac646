from django.urls import path

from sendboard.casework import views

urlpatterns = [
    path("casework/", views.snapshot_list, name="snapshot_list"),
    path("casework/names/", views.export_mapping_edit, name="export_mapping_edit"),
    path("casework/<uuid:code>/", views.snapshot_detail, name="snapshot_detail"),
    path(
        "casework/<uuid:code>/figures/",
        views.snapshot_publish_figures,
        name="snapshot_publish_figures",
    ),
    path("casework/<uuid:code>/<slug:key>/", views.snapshot_indicator, name="snapshot_indicator"),
]
