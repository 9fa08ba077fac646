from django.apps import AppConfig


class BoardpackConfig(AppConfig):
    name = "sendboard.boardpack"
    verbose_name = "Board packs"

    def ready(self) -> None:
        from sendboard.boardpack import meeting_page

        meeting_page.register()
