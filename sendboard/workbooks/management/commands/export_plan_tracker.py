"""Write an improvement plan's tracker as an Excel workbook that imports back the same."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendboard.plans.models import ImprovementPlan
from sendboard.workbooks.exports import plan_tracker_workbook


class Command(BaseCommand):
    help = "Write a plan's tracker (every area, outcome and line) to an .xlsx workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", metavar="PLAN_CODE", help="Code of the plan.")
        parser.add_argument("output", type=Path, metavar="OUTPUT.xlsx", help="File to write.")

    def handle(self, *args: object, **options) -> None:
        try:
            plan = ImprovementPlan.objects.get(code=options["plan"])
        except (ImprovementPlan.DoesNotExist, ValidationError) as error:
            raise CommandError(f"no plan {options['plan']!r}") from error
        output: Path = options["output"]
        output.write_bytes(plan_tracker_workbook(plan))
        self.stdout.write(f"Wrote the tracker of {plan.title} to {output}.")
