"""Print the risk register as the board reads it: counts by band, escalated, overdue, top."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendboard.governance.models import Partnership
from sendboard.risks.queries import RegisterRow, register_summary


def _line(row: RegisterRow) -> str:
    late = ", review overdue" if row.overdue else ""
    return (
        f"  {row.risk.reference} {row.risk.title}: {row.risk.residual_score} {row.band.label} "
        f"({row.trend.lower()}), owner {row.risk.owner.name}, "
        f"review due {row.risk.review_due_on:%-d %B %Y}{late}"
    )


class Command(BaseCommand):
    help = "Print the summary of a partnership's risk register: what the board pack shows."

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug, for example northshire.")
        parser.add_argument(
            "--as-at",
            type=datetime.date.fromisoformat,
            default=None,
            help="The day to judge overdue reviews on, as YYYY-MM-DD; today when left out.",
        )

    def handle(self, *args, partnership: str, as_at: datetime.date | None, **options):
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            raise CommandError(
                f"No partnership {partnership!r}; give its slug, such as northshire."
            )
        summary = register_summary(found, as_at=as_at or timezone.localdate())
        self.stdout.write(
            f"Risk register of {found} as at {summary.as_at:%-d %B %Y}: "
            f"{summary.total} open or tolerated risk{'' if summary.total == 1 else 's'}, "
            "by their score now (likelihood x impact)."
        )
        for count in summary.by_band:
            self.stdout.write(
                f"  {count.band.label} ({count.lowest} to {count.highest}): {count.count}"
            )
        for heading, rows in (
            ("Escalated to the board", summary.escalated),
            ("Reviews overdue", summary.overdue),
            ("Highest risks now", summary.top),
        ):
            self.stdout.write(f"{heading}: {len(rows) if rows else 'none'}")
            for row in rows:
                self.stdout.write(_line(row))
