"""`sendboard health`: what /healthz says, for a container's health check; exits 1 if unwell."""

from django.core.management.base import BaseCommand, CommandError

from sendboard.core.health import health


class Command(BaseCommand):
    help = "Say whether the database answers and every migration is applied."

    def handle(self, *args, **options) -> None:
        found = health()
        said = f"database: {found.database}; migrations: {found.migrations}"
        if not found.ok:
            raise CommandError(said)
        self.stdout.write(said)
