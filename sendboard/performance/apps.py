from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sendboard.performance"
    verbose_name = "Performance"
