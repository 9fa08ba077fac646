from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendboard.core"
    verbose_name = "Core"
