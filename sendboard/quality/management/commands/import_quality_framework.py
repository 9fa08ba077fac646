"""Import a quality assurance framework file as the partnership's next version."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sendboard.quality.framework_file import FrameworkFileError, read_framework
from sendboard.quality.queries import framework_unchanged
from sendboard.quality.services import framework_import
from sendboard.workbooks.commandline import partnership_named, user_named


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Import a quality assurance framework (JSON) as the partnership's next version."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The framework file (.json).")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--user", required=True, help="The manager importing it.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file, save nothing.")

    def handle(self, *args, file: Path, partnership: str, user: str, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            spec = read_framework(file.read_bytes())
        except FrameworkFileError as error:
            raise CommandError("\n".join(f"{file.name}: {p}" for p in error.problems)) from error
        found = partnership_named(partnership)
        # Importing the framework again is no error, so a script may run it each time.
        if same := framework_unchanged(found, spec):
            self.stdout.write(f"{file.name} is the same as {same}: nothing to import.")
            return
        try:
            with transaction.atomic():
                framework = framework_import(partnership=found, spec=spec, by=user_named(user))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write(f"{file.name} is sound: it would be {framework}. Nothing saved.")
            return
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"Imported {framework}: {len(framework.sections)} sections, "
            f"{len(framework.spec.get('limits', []))} limiting judgements."
        )
