"""Draw a month's audit sample from the latest casework snapshot."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from sendboard.governance.models import Person
from sendboard.quality.queries import sample_drawn
from sendboard.quality.services import sample_draw
from sendboard.workbooks.commandline import partnership_named, user_named


class _DryRun(Exception):
    pass


def _month(text: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{text}-01")


class Command(BaseCommand):
    help = "Draw a month's EHC plan audit sample, stratified by team, phase and primary need."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--user", required=True, help="The manager drawing it.")
        parser.add_argument(
            "--month", type=_month, help="The month, YYYY-MM; this month when left out."
        )
        parser.add_argument(
            "--auditor",
            action="append",
            required=True,
            help="An auditor's name or email, assigned plans in turn; repeat for each.",
        )
        parser.add_argument("--seed", type=int, help="The random seed; a new one when left out.")
        parser.add_argument("--dry-run", action="store_true", help="Draw it, save nothing.")

    def handle(self, *args, **options):
        found = partnership_named(options["partnership"])
        auditors = []
        for named in options["auditor"]:
            person = Person.objects.filter(partnership=found, name=named).first() or (
                Person.objects.filter(partnership=found, email__iexact=named).first()
            )
            if person is None:
                raise CommandError(f"no person {named!r} in {found}")
            auditors.append(person)
        month = options["month"] or timezone.localdate()
        drawn = sample_drawn(found, month)
        if drawn is not None and options["dry_run"]:
            self.stdout.write(
                f"{drawn} has been drawn already: {drawn.audits.count()} plans, seed "
                f"{drawn.seed}. Nothing would change."
            )
            return
        try:
            with transaction.atomic():
                sample = sample_draw(
                    partnership=found,
                    month=month,
                    auditors=auditors,
                    seed=options["seed"],
                    by=user_named(options["user"]),
                )
                chosen = sample.audits.count()
                if options["dry_run"]:
                    raise _DryRun
        except _DryRun:
            pass
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        saved = "not saved (dry run)" if options["dry_run"] else "saved"
        self.stdout.write(
            f"{sample}: {chosen} plans drawn of a target of {sample.target_count} "
            f"({sample.target_percent:g}% of {sample.base_count}), "
            f"{sample.eligible_count} eligible, seed {sample.seed}; {saved}."
        )
