"""Write a partnership's figures (or one scorecard's) as CSV, .xlsx or JSON for Power BI."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.performance import exports
from sendboard.workbooks.commandline import partnership_named

WRITERS = {"csv": exports.as_csv, "xlsx": exports.as_xlsx, "json": exports.as_json}


class Command(BaseCommand):
    help = (
        "Export every current figure of a partnership's indicators, or of one scorecard, "
        "under the partnership's small-number policy unless --unsuppressed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug, such as northshire.")
        parser.add_argument("output", type=Path, help="File to write: .csv, .xlsx or .json.")
        parser.add_argument("--scorecard", default="", help="A scorecard's name: only its figures.")
        parser.add_argument(
            "--unsuppressed",
            action="store_true",
            help="Counts as computed, for the analyst's own use: never for publication.",
        )

    def handle(
        self, *args, partnership: str, output: Path, scorecard: str, unsuppressed: bool, **options
    ) -> None:
        found = partnership_named(partnership)
        kind = output.suffix.lstrip(".").lower()
        if kind not in WRITERS:
            raise CommandError(f"{output}: give a .csv, .xlsx or .json file")
        indicators = found.indicators.all()
        if scorecard:
            card = found.scorecards.filter(title=scorecard).first()
            if card is None:
                names = ", ".join(found.scorecards.values_list("title", flat=True)) or "none"
                raise CommandError(f"No scorecard {scorecard!r}; there are: {names}")
            indicators = card.indicators.all()
        rows = exports.export_rows(indicators, raw=unsuppressed)
        output.write_bytes(WRITERS[kind](rows))
        self.stdout.write(f"Wrote {len(rows)} figures to {output}.")
