"""Write an improvement plan's tracker as an Excel workbook that imports back the same."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendboard.plans.queries import plan_named
from sendboard.workbooks.exports import plan_tracker_workbook


class Command(BaseCommand):
    help = "Write a plan's tracker (every area, outcome and line) to an .xlsx workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", metavar="PARTNERSHIP_SLUG", help="The partnership.")
        parser.add_argument("output", type=Path, metavar="OUTPUT.xlsx", help="File to write.")
        parser.add_argument(
            "--plan", default="", help="The plan's title or code; the newest plan when left out."
        )

    def handle(self, *args: object, **options) -> None:
        plan = plan_named(options["partnership"], options["plan"])
        if plan is None:
            raise CommandError(f"no plan {options['plan'] or 'at all'} in {options['partnership']}")
        output: Path = options["output"]
        output.write_bytes(plan_tracker_workbook(plan))
        self.stdout.write(f"Wrote the tracker of {plan.title} to {output}.")
