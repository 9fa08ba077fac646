from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "sendboard.actions"
    verbose_name = "Action log"

    def ready(self) -> None:
        from sendboard.actions import meeting_page

        meeting_page.register()
