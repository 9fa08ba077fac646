"""Store a casework snapshot's indicator values as the board's figures."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import Progress

from sendboard.casework.queries import snapshot_named
from sendboard.casework.services import observations_compute_from_snapshot
from sendboard.lib.periods import reporting_periods


class Command(BaseCommand):
    help = (
        "Compute every casework indicator from a snapshot for each recent month and each"
        " calendar and financial year, storing them as observations. Figures from older"
        " snapshots are kept and marked superseded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--snapshot", required=True, help='The snapshot\'s code, or "latest" for the newest.'
        )
        parser.add_argument(
            "--months",
            type=int,
            default=24,
            help="How many complete months before the snapshot date to compute (default 24).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Compute and count, but store nothing."
        )

    def handle(self, *args, **options) -> None:
        if options["months"] < 1:
            raise CommandError("--months must be at least 1")
        snapshot = snapshot_named(options["snapshot"])
        if snapshot is None:
            raise CommandError(f"no snapshot {options['snapshot']!r}")
        as_at = snapshot.as_at
        if as_at is None:
            raise CommandError(f"snapshot {snapshot} has no as-at date to count back from")
        periods = reporting_periods(as_at=as_at, months=options["months"])
        with Progress(transient=True, disable=not self.stdout.isatty()) as bar:
            task = bar.add_task("Computing", total=len(periods))
            try:
                counts = observations_compute_from_snapshot(
                    snapshot=snapshot,
                    periods=periods,
                    dry_run=options["dry_run"],
                    progress=lambda period: bar.update(
                        task, advance=1, description=f"Computed {period.label}"
                    ),
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        prefix = "Dry run, nothing stored: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{len(periods)} periods; observations {summary}.")
