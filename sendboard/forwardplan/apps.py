from django.apps import AppConfig


class ForwardplanConfig(AppConfig):
    name = "sendboard.forwardplan"
    verbose_name = "Forward plan"

    def ready(self) -> None:
        from sendboard.forwardplan import meeting_page

        meeting_page.register()
