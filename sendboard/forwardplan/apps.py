from django.apps import AppConfig


class ForwardplanConfig(AppConfig):
    name = "sendboard.forwardplan"
    verbose_name = "Forward plan"
