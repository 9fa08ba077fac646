"""Print the "Review of the action log" paragraph for a meeting, as the papers will say it."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sendboard.actions.queries import action_log_review
from sendboard.meetings.models import Meeting


class Command(BaseCommand):
    help = "Print the review of the action log for a group's next meeting (or a given one)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug, for example northshire.")
        parser.add_argument(
            "--group", default="", help="The group's slug; the board when left out."
        )
        parser.add_argument(
            "--meeting", default="", help="A meeting's code, instead of the next one."
        )
        parser.add_argument(
            "--public",
            action="store_true",
            help="Give only the counts, as the public summary does.",
        )

    def handle(self, *args, partnership: str, group: str, meeting: str, public: bool, **options):
        meetings = Meeting.objects.filter(group__partnership__slug=partnership).select_related(
            "group"
        )
        today = timezone.localdate()
        if meeting:
            found = meetings.filter(code=meeting).first()
        else:
            in_group = (
                meetings.filter(group__slug=group)
                if group
                else meetings.filter(group__reports_to__isnull=True)
            )
            found = (
                in_group.filter(date__gte=today)
                .exclude(status=Meeting.Status.CANCELLED)
                .order_by("date")
                .first()
            )
        if found is None:
            raise CommandError("No such meeting; give --meeting or arrange the next meeting first.")
        review = action_log_review(board=found.group.board, meeting=found, today=today)
        self.stdout.write(f"Review of the action log for {found}:")
        self.stdout.write(review.paragraph_public if public else review.paragraph)
        self.stdout.write(
            f"{review.closed_count} closed, {review.open_not_yet_due_count} open and not yet due, "
            f"{len(review.overdue)} overdue."
        )
