"""`sendboard restore SRC`: a backup brought back into an empty installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `sendboard backup` into this empty installation."

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", type=Path, help="The backup's folder.")

    def handle(self, *args, source: Path, **options) -> None:
        try:
            brought = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {brought.engine} database and {brought.files} files from {source}"
        )
