"""Print a month's quality figures, learning summary and moderation agreement."""

import datetime

from django.core.management.base import BaseCommand

from sendboard.lib.periods import add_months
from sendboard.quality import learning, queries
from sendboard.quality.figures import quality_figures_publish
from sendboard.workbooks.commandline import partnership_named, user_named


def _month(text: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{text}-01")


def _percent(value: float | None) -> str:
    return "none" if value is None else f"{round(100 * value)}%"


class Command(BaseCommand):
    help = "Print a month's EHC plan quality figures; --publish adds them to the board's figures."

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug.")
        parser.add_argument(
            "--month", type=_month, help="The month, YYYY-MM; this month when left out."
        )
        parser.add_argument("--publish", metavar="USER", help="Add every month's figures as USER.")

    def handle(self, *args, partnership: str, month, publish: str | None, **options):
        found = partnership_named(partnership)
        month = month or datetime.date.today().replace(day=1)
        figures = queries.month_figures(found, month=month, policy="none")
        overall = figures.overall
        self.stdout.write(f"EHC plan quality, {month:%B %Y}")
        self.stdout.write(
            f"  Good or better: {overall.good} of {overall.total}"
            + (f" ({overall.percent}%)" if overall.percent is not None else "")
        )
        for share in [*figures.by_stage, *figures.by_team]:
            if share.total:
                self.stdout.write(f"    {share.label}: {share.good} of {share.total}")
        for sentence in learning.monthly_summary(found, month=month):
            self.stdout.write(f"  {sentence}")
        report = queries.moderation_report(found, since=add_months(month, -11), until=month)
        for row in report.by_month:
            kappa = "none" if row.kappa is None else f"{row.kappa:.2f}"
            self.stdout.write(
                f"  Moderation {row.label}: {row.pairs} pairs, exact {_percent(row.exact)}, "
                f"within one {_percent(row.within_one)}, weighted kappa {kappa}"
            )
        if publish:
            written = quality_figures_publish(partnership=found, by=user_named(publish))
            self.stdout.write(f"Board's figures: {written} observations written.")
