"""`sendboard backup DEST`: the database and the data directory, with a manifest of checksums."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the data directory into DEST, a new folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("destination", type=Path, help="A new or empty folder.")

    def handle(self, *args, destination: Path, **options) -> None:
        try:
            made = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {made.engine} database and {made.files} files "
            f"({made.total_bytes:,} bytes) into {destination}"
        )
