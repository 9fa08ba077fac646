from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "sendboard.publishing"
    verbose_name = "Publishing"
