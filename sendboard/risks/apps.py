from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "sendboard.risks"
    verbose_name = "Risk register"
