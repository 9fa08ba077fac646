from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "sendboard.publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from sendboard.publishing import meeting_page

        meeting_page.register()
