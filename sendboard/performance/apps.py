from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "sendboard.performance"
    verbose_name = "Performance"

    def ready(self) -> None:
        from sendboard.performance import plan_pages

        plan_pages.register()
