from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "sendboard.quality"
    verbose_name = "EHCP quality assurance"
    default_auto_field = "django.db.models.BigAutoField"
