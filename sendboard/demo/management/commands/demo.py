"""`sendboard demo`: create the database, load Northshire, print the sign-ins and serve."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sendboard.demo.builder import demo_administrator, demo_build, demo_sign_ins
from sendboard.demo.casework import demo_casework_load
from sendboard.demo.quality_story import quality_sample_draw_demo


class Command(BaseCommand):
    help = (
        "Create the database, load the fictional Northshire SEND Partnership with a year of "
        "history, print a sign-in for each role and serve the site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete Northshire and build it again."
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="Build the demo and stop; do not serve."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on at 127.0.0.1 (default 8000)."
        )

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        result = demo_build(reset=bool(options["reset"]))
        verb = "Built" if result.created else "Kept the existing"
        counts = ", ".join(f"{number} {name}" for name, number in result.counts.items())
        self.stdout.write(f"{verb} {result.partnership.name}: {counts}.")
        if result.created:
            self.casework(result.partnership)
        self.stdout.write(self.sign_in_table())
        if options["no_serve"]:
            return
        address = f"127.0.0.1:{options['port']}"
        self.stdout.write(f"Open http://{address}/ and sign in. Press Ctrl+C to stop.")
        call_command("runserver", address, use_reloader=False)

    def casework(self, partnership) -> None:
        """Case-level figures are a bonus: the board demo stands without them."""
        analyst = partnership.people.get(
            user__roles__partnership=partnership, user__roles__name="analyst"
        ).user
        # A missing pseudonym key and an invalid export are both ValueErrors.
        try:
            snapshot = demo_casework_load(
                partnership=partnership, by=analyst, today=timezone.localdate()
            )
        except ValueError as error:
            self.stderr.write(f"No casework figures: {error}")
            return
        requests = snapshot.row_counts.get("requests", 0)
        self.stdout.write(f"Imported a synthetic casework snapshot of {requests:,} requests.")
        sample = quality_sample_draw_demo(partnership=partnership, snapshot=snapshot)
        self.stdout.write(
            f"Drew {sample.month:%B %Y}'s quality assurance sample from it: "
            f"{sample.audits.count()} plans to audit."
        )

    def sign_in_table(self) -> str:
        rows = [("Username", "Password", "Role", "Who")] + [
            (sign_in.username, sign_in.password, sign_in.role, sign_in.person)
            for sign_in in [*demo_sign_ins(), demo_administrator()]
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * width for width in widths))
        return "\n".join(["", "Sign in as any of these demo accounts:", "", *lines, ""])
