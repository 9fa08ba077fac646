from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sendboard.demo"
    verbose_name = "Demo partnership"
