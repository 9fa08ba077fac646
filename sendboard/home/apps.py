from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "sendboard.home"
    verbose_name = "Home"
