"""Import an improvement plan tracker kept in Excel."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendboard.plans.models import ImprovementPlan
from sendboard.plans.queries import plan_named
from sendboard.workbooks.commandline import (
    add_import_arguments,
    partnership_named,
    refuse,
    summary,
    table_of,
    user_named,
)
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.services import NewPlan, plan_tracker_import


class Command(BaseCommand):
    help = (
        "Import a plan tracker (.xlsx) into a plan, or a new one: priority areas, outcomes "
        "and lines, each row checked with the plan forms' rules. Every problem is listed as "
        "file: sheet, row, column: message, and any problem means nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_import_arguments(parser)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--plan",
            metavar="TITLE_OR_CODE",
            help="Title or code of the plan to update; lines match by Ref.",
        )
        target.add_argument("--title", help="Title of a new plan to import into.")
        parser.add_argument(
            "--kind",
            choices=ImprovementPlan.Kind.values,
            default=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
            help="Kind of the new plan (with --title). Default: pap.",
        )
        parser.add_argument(
            "--leave-unknown-owners-blank",
            action="store_true",
            help="Leave out owners who are not people of the partnership, instead of refusing.",
        )

    def handle(self, *args: object, **options) -> None:
        partnership = partnership_named(options["partnership"])
        user = user_named(options["user"])
        plan = _plan(partnership, options["plan"]) if options["plan"] else None
        try:
            table, columns = table_of(options, partnership, "plan_tracker")
            result = plan_tracker_import(
                table=table,
                columns=columns,
                partnership=partnership,
                plan=plan,
                new_plan=NewPlan(options["title"], options["kind"]) if plan is None else None,
                leave_unknown_owners_blank=options["leave_unknown_owners_blank"],
                dry_run=options["dry_run"],
                by=user,
            )
        except WorkbookInvalid as invalid:
            raise refuse(invalid, options["file"], self.stderr.write) from invalid
        except (PermissionDenied, ValidationError) as error:
            raise CommandError(" ".join(getattr(error, "messages", [str(error)]))) from error
        self.stdout.write(
            f"{summary(result, options['file'], self.stderr.write)} Plan code: {result.plan.code}"
        )


def _plan(partnership, title_or_code: str) -> ImprovementPlan:
    found = plan_named(partnership.slug, title_or_code)
    if found is None:
        raise CommandError(f"no plan {title_or_code!r} in {partnership.slug}")
    return found
