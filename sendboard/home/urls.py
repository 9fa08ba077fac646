from django.urls import path

from sendboard.home import views

site_urlpatterns = [path("", views.choose_partnership, name="home")]
partnership_urlpatterns = [path("", views.partnership_home, name="partnership_home")]
