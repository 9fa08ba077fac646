"""Write a synthetic SEN2-shaped export for demos, tests and benchmarks."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from sendboard.casework.snapshot.synth import DEFAULT_AS_AT, synthesise


class Command(BaseCommand):
    help = (
        "Write an invented SEN2-shaped export (a CSV per module, or one workbook) with "
        "fictional names, birth dates, UPNs and postcodes, ready for import_casework."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--requests",
            type=int,
            required=True,
            help="Number of EHC needs assessment requests to invent.",
        )
        parser.add_argument(
            "--out", type=Path, required=True, help="Folder to write into (created if missing)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=1,
            help="Random seed; the same seed writes the same files (default 1).",
        )
        parser.add_argument(
            "--as-at",
            type=date.fromisoformat,
            default=DEFAULT_AS_AT,
            help=f"Extract date (default {DEFAULT_AS_AT.isoformat()}).",
        )
        parser.add_argument(
            "--format",
            choices=("csv", "xlsx", "xml"),
            default="csv",
            help="A CSV per module (default), one .xlsx workbook, or the SEN2 XML return "
            "(RETURN.xml: the SEN2 modules only).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Draw the data and report the row counts without writing.",
        )

    def handle(self, *args: object, **options: object) -> None:
        console = Console(stderr=True)
        try:
            with Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
                disable=not console.is_terminal,
            ) as bar:
                task = bar.add_task("Starting", total=None)
                counts = synthesise(
                    requests=options["requests"],  # type: ignore[arg-type]
                    out=options["out"],  # type: ignore[arg-type]
                    seed=options["seed"],  # type: ignore[arg-type]
                    as_at=options["as_at"],  # type: ignore[arg-type]
                    fmt=options["format"],  # type: ignore[arg-type]
                    dry_run=bool(options["dry_run"]),
                    progress=lambda text: bar.update(task, description=text),
                )
        except ValueError as error:
            raise CommandError(str(error)) from error
        where = (
            "nothing written (dry run)" if options["dry_run"] else f"written to {options['out']}"
        )
        self.stdout.write(
            f"Synthesised {counts['requests']:,} requests, {len(counts)} tables, "
            f"{sum(counts.values()):,} rows; {where}."
        )
