"""Print a period's highlight report, generate its draft first if asked, or write it as Word."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sendboard.plans import services
from sendboard.plans.highlight import Highlight, highlight_of, highlight_report_for
from sendboard.plans.models import ImprovementPlan, ReportingPeriod
from sendboard.plans.queries import plan_named
from sendboard.plans.word import highlight_report_docx


class DryRun(Exception):
    """Raised inside the transaction to undo a generation made only to be shown."""


class Command(BaseCommand):
    help = (
        "Print the highlight report of a plan's reporting period: the narrative as saved "
        "and the figures computed from the plan's lines. Generate its draft first with "
        "--generate, and write it as Word with --output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug, for example northshire.")
        parser.add_argument(
            "--plan", default="", help="The plan's title or code; the newest plan when left out."
        )
        parser.add_argument(
            "--period",
            type=datetime.date.fromisoformat,
            help="A day in the period, as 2026-11-30; the open period, or else the latest, "
            "when left out.",
        )
        parser.add_argument(
            "--generate",
            action="store_true",
            help="Generate the report, or refresh its draft; sections someone has written in "
            "are kept.",
        )
        parser.add_argument(
            "--as", dest="username", default="", help="The editor or manager who generates it."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="With --generate, show the draft without saving."
        )
        parser.add_argument("--output", type=Path, help="Write the report as a Word file here.")

    def handle(self, *args, partnership: str, plan: str, period, **options) -> None:
        found = self._period(self._plan(partnership, plan), period)
        if options["generate"]:
            report = self._generate(found, options["username"], dry_run=options["dry_run"])
        else:
            report = highlight_report_for(found)
        if report is None:
            raise CommandError(
                f"No highlight report has been generated for {found}: add --generate."
            )
        self._print(report)
        if options["output"]:
            options["output"].write_bytes(highlight_report_docx(report))
            self.stdout.write(f"Wrote {options['output']}")

    def _plan(self, partnership: str, plan: str) -> ImprovementPlan:
        found = plan_named(partnership, plan)
        if found is None:
            raise CommandError(f"No plan {plan or 'at all'} in the partnership {partnership}.")
        return found

    def _period(self, plan: ImprovementPlan, day: datetime.date | None) -> ReportingPeriod:
        periods = plan.periods.order_by("-starts_on")
        if day is not None:
            found = periods.filter(starts_on__lte=day, ends_on__gte=day).first()
        else:
            found = periods.filter(state=ReportingPeriod.State.OPEN).first() or periods.first()
        if found is None:
            raise CommandError(
                f"{plan} has no reporting period{f' with {day} in it' if day else ''}."
            )
        found.plan = plan
        return found

    def _generate(self, period: ReportingPeriod, username: str, *, dry_run: bool) -> Highlight:
        by = get_user_model().objects.filter(username=username).first()
        if by is None:
            raise CommandError("Name the editor or manager who generates it with --as USERNAME.")
        shown = None
        try:
            with transaction.atomic():
                saved = services.highlight_report_generate(period=period, by=by)
                shown = highlight_of(period, saved)
                if dry_run:
                    raise DryRun
        except DryRun:
            self.stdout.write("Dry run: the draft below was not saved.")
        except (PermissionDenied, ValidationError) as refused:
            raise CommandError(" ".join(getattr(refused, "messages", [str(refused)]))) from refused
        return shown

    def _print(self, report: Highlight) -> None:
        self.stdout.write(report.title)
        if report.provisional:
            self.stdout.write(report.provisional_note)
        self.stdout.write(report.source)
        for _field, heading, text in report.sections():
            self.stdout.write(f"\n{heading}\n{text or 'Not written yet.'}")
        self.stdout.write(
            f"\n{report.saved.get_state_display()}: {report.rollup.total} "
            f"action{'' if report.rollup.total == 1 else 's'}, "
            f"{len(report.obstacles)} off track or at risk, {len(report.newly_done)} newly "
            f"complete or embedded, {len(report.stuck)} stuck, "
            f"{len(report.ready_to_transfer)} ready for business as usual."
        )
