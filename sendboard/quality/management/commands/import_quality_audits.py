"""Import audit results from an audit tool's CSV or .xlsx export, all or nothing."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.quality.importing import audits_import, read_upload
from sendboard.workbooks.cells import normalise
from sendboard.workbooks.commandline import partnership_named, user_named
from sendboard.workbooks.problems import WorkbookInvalid


class Command(BaseCommand):
    help = (
        "Import EHC plan audit results (CSV or .xlsx) as final audits; the overall grade "
        "is computed from the section grades. Nothing is saved if any row has a problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The export (.csv or .xlsx).")
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--user", required=True, help="The manager importing it.")
        parser.add_argument(
            "--mapping",
            type=Path,
            help='A JSON file naming each column\'s field: {"EHCP ref": "plan_id", '
            '"Sect. F": "section:F", "Health": "advice:health"}; kept for next time.',
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every row, save nothing.")

    def handle(self, *args, file: Path, partnership: str, user: str, mapping, dry_run, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        columns = None
        if mapping:
            try:
                columns = {normalise(k): v for k, v in json.loads(mapping.read_text()).items()}
            except (OSError, ValueError, AttributeError) as error:
                raise CommandError(f"{mapping}: not a JSON object of heading: field") from error
        try:
            table = read_upload(file.read_bytes(), name=file.name)
            count = audits_import(
                partnership=partnership_named(partnership),
                table=table,
                mapping=columns,
                dry_run=dry_run,
                by=user_named(user),
            )
        except WorkbookInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(problem.in_file(file.name))
            raise CommandError(
                f"{len(invalid.problems)} problem(s) in {file.name}; nothing was saved"
            ) from invalid
        verb = "would import" if dry_run else "imported"
        self.stdout.write(f"{file.name}: {verb} {count} audits; 0 skipped, 0 errors.")
