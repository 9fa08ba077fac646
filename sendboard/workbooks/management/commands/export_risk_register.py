"""Write a partnership's risk register as an Excel workbook that imports back the same."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from sendboard.workbooks.commandline import partnership_named
from sendboard.workbooks.exports import risk_register_workbook


class Command(BaseCommand):
    help = "Write a partnership's risk register (every risk, open or closed) to an .xlsx workbook."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("partnership", metavar="PARTNERSHIP_SLUG", help="The partnership.")
        parser.add_argument("output", type=Path, metavar="OUTPUT.xlsx", help="File to write.")

    def handle(self, *args: object, **options) -> None:
        partnership = partnership_named(options["partnership"])
        output: Path = options["output"]
        output.write_bytes(risk_register_workbook(partnership))
        self.stdout.write(f"Wrote the risk register of {partnership.name} to {output}.")
