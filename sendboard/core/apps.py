from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.management import call_command
from django.db.models.signals import post_migrate

from sendboard.core.middleware import session_seen


def _create_cache_table(sender: AppConfig, using: str, **kwargs) -> None:
    """`sendboard migrate` alone makes a database ready: the page cache lives in a table."""
    call_command("createcachetable", database=using, verbosity=0)


def _seen_at_sign_in(sender, request, **kwargs) -> None:
    """Signing in saves the session anyway: start its idle clock then, not on the next page."""
    session_seen(request.session)


class CoreConfig(AppConfig):
    name = "sendboard.core"
    verbose_name = "Core"

    def ready(self) -> None:
        from sendboard.core import pagecache

        pagecache.watch_changes()
        post_migrate.connect(_create_cache_table, sender=self)
        user_logged_in.connect(_seen_at_sign_in)
