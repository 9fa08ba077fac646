"""Import figures and benchmarks from a CSV or .xlsx file: all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.performance.imports import figures_import
from sendboard.workbooks.commandline import partnership_named, user_named
from sendboard.workbooks.problems import WorkbookInvalid


class Command(BaseCommand):
    help = (
        "Import figures from a CSV or Excel file, one figure a row (Indicator, Period, Value "
        "or Numerator and Denominator, Note, Series, Source). Every row is checked first: "
        "nothing is saved if any is wrong."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The .csv or .xlsx file to import.")
        parser.add_argument("--partnership", metavar="SLUG", required=True, help="Its slug.")
        parser.add_argument(
            "--user", metavar="USERNAME", required=True, help="Who the figures are recorded as."
        )
        parser.add_argument(
            "--reason",
            default="",
            help="Why figures already stored are being corrected; needed when any would change.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check every row, save nothing.")

    def handle(
        self, *args, file: Path, partnership: str, user: str, reason: str, dry_run: bool, **options
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            outcome = figures_import(
                partnership=partnership_named(partnership),
                data=file.read_bytes(),
                name=file.name,
                reason=reason,
                by=user_named(user),
                dry_run=dry_run,
            )
        except WorkbookInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(problem.in_file(file.name))
            raise CommandError(
                f"{len(invalid.problems)} problems: nothing was imported"
            ) from invalid
        self.stdout.write(
            f"{'Checked (dry run, nothing saved)' if dry_run else 'Imported'} {file.name}: "
            f"{outcome.rows} rows, {outcome.written} figures written "
            f"({outcome.corrected} corrections), {outcome.benchmarks} benchmarks written, "
            "0 errors."
        )
