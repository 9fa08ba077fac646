from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "sendboard.casework"
    verbose_name = "Casework analytics"
