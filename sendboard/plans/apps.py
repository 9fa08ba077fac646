from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendboard.plans"
    verbose_name = "Improvement plans"
