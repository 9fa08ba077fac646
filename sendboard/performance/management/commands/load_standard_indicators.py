"""Start a partnership's catalogue from the standard SEND set, with England's figures."""

from django.core.management.base import BaseCommand
from django.db import transaction

from sendboard.performance.services.standard import standard_set_load
from sendboard.workbooks.commandline import partnership_named


class Command(BaseCommand):
    help = (
        "Add the standard SEND set of indicators a partnership does not have yet, and "
        "England's published figures (send-rules.md section 3) for those it has."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("partnership", help="The partnership's slug, such as northshire.")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change only.")

    def handle(self, *args, partnership: str, dry_run: bool, **options) -> None:
        with transaction.atomic():
            counts = standard_set_load(partnership=partnership_named(partnership))
            if dry_run:
                transaction.set_rollback(True)
        self.stdout.write(
            f"{'Would add' if dry_run else 'Added'} {counts['created']} indicators "
            f"({counts['unchanged']} there already) and {counts['england']} England figures."
        )
