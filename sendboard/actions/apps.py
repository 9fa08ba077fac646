from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "sendboard.actions"
    verbose_name = "Action log"
