from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _create_cache_table(sender: AppConfig, using: str, **kwargs) -> None:
    """`sendboard migrate` alone makes a database ready: the page cache lives in a table."""
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "sendboard.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from sendboard.core import pagecache

        pagecache.watch_changes()
        post_migrate.connect(_create_cache_table, sender=self)
