"""Print the casework indicators for one period of a stored snapshot."""

import csv
import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendboard.casework.engine import (
    EngineOptions,
    SnapshotError,
    compute_all,
    open_snapshot,
    snapshot_as_at,
)
from sendboard.casework.models import snapshots_dir
from sendboard.casework.queries import snapshot_named
from sendboard.lib.periods import PERIOD_KINDS, parse_period


def _snapshot_folder(value: str) -> Path:
    """A snapshot code (folder under DATA_DIR/casework), "latest" for the newest snapshot,
    or a path to a snapshot folder."""
    if value == "latest":
        newest = snapshot_named("latest")
        if newest is None:
            raise CommandError("no snapshot has been imported yet")
        value = str(newest.code)
    path = Path(value)
    if path.is_dir():
        return path
    folder = snapshots_dir() / value
    if not folder.is_dir():
        raise CommandError(f"no snapshot {value!r}: not a folder, nor one in {folder.parent}")
    return folder


class Command(BaseCommand):
    help = "Compute every casework indicator for a period from a stored snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--snapshot",
            required=True,
            help='Snapshot code, "latest" for the newest, or the path to a snapshot folder.',
        )
        parser.add_argument(
            "--period", required=True, help="2024, 2024-05, 2024-Q2, FY2024-25 or 2024-05-17."
        )
        parser.add_argument(
            "--period-type",
            choices=PERIOD_KINDS,
            help="Kind of period; by default read from --period.",
        )
        parser.add_argument(
            "--as-at",
            type=date.fromisoformat,
            help="Date for as-at figures (default: the snapshot's as-at).",
        )
        parser.add_argument(
            "--format",
            choices=("json", "csv"),
            default="json",
            help="Output format (default json).",
        )
        parser.add_argument(
            "--exclusive-weeks",
            action="store_true",
            help="Count day 7N as outside N weeks (default: within).",
        )
        parser.add_argument(
            "--deadline-inclusive",
            action="store_true",
            help="A phase transfer on 15 Feb / 31 Mar is on time.",
        )
        parser.add_argument(
            "--include-s", action="store_true", help="Count S outcomes in 20-week timeliness."
        )

    def handle(self, *args: object, **options: object) -> None:
        try:
            con = open_snapshot(_snapshot_folder(str(options["snapshot"])))
        except SnapshotError as error:
            raise CommandError(str(error)) from error
        as_at = options["as_at"] or snapshot_as_at(con)
        try:
            period = parse_period(str(options["period"]), kind=options["period_type"], as_at=as_at)
        except ValueError as error:
            raise CommandError(str(error)) from error
        engine_options = EngineOptions(
            inclusive_weeks=not options["exclusive_weeks"],
            phase_transfer_strictly_before=not options["deadline_inclusive"],
            include_s_in_timeliness=bool(options["include_s"]),
        )
        # Without --as-at the engine takes an as-at period's own day, else the snapshot's.
        results = compute_all(con, period=period, options=engine_options, as_at=options["as_at"])
        if options["format"] == "json":
            payload = {code: result.as_dict() for code, result in results.items()}
            self.stdout.write(json.dumps(payload, indent=2, default=str))
            return
        writer = csv.writer(self.stdout)
        writer.writerow(
            [
                "code",
                "numerator",
                "denominator",
                "value",
                "unit",
                "period",
                "as_at",
                "excluded",
                "reason",
            ]
        )
        for code, result in results.items():
            writer.writerow(
                safe_cells(
                    [
                        code,
                        result.numerator,
                        result.denominator,
                        result.value,
                        result.unit,
                        result.period,
                        result.as_at,
                        json.dumps(result.excluded),
                        result.reason,
                    ]
                )
            )


def safe_cells(cells: list[object]) -> list[object]:
    """Text that a spreadsheet would run as a formula, quoted; numbers as they are."""
    return [
        f"'{cell}" if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@") else cell
        for cell in cells
    ]
