from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "sendboard.risks"
    verbose_name = "Risk register"

    def ready(self) -> None:
        from sendboard.risks import plan_pages

        plan_pages.register()
