from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendboard.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from sendboard.core import pagecache

        pagecache.watch_changes()
