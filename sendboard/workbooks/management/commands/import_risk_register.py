"""Import a risk register kept in Excel."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendboard.workbooks.commandline import (
    add_import_arguments,
    partnership_named,
    refuse,
    summary,
    table_of,
    user_named,
)
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.services import risk_register_import


class Command(BaseCommand):
    help = (
        "Import a risk register (.xlsx) into the partnership's register: risks matched by "
        "Risk ID, scores, owners, mitigations, each row checked with the register forms' "
        "rules. Every problem is listed as file: sheet, row, column: message, and any "
        "problem means nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_import_arguments(parser)

    def handle(self, *args: object, **options) -> None:
        partnership = partnership_named(options["partnership"])
        user = user_named(options["user"])
        try:
            table, columns = table_of(options, partnership, "risk_register")
            result = risk_register_import(
                table=table,
                columns=columns,
                partnership=partnership,
                dry_run=options["dry_run"],
                by=user,
            )
        except WorkbookInvalid as invalid:
            raise refuse(invalid, options["file"], self.stderr.write) from invalid
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(summary(result, options["file"], self.stderr.write))
