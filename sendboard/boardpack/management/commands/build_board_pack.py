"""Write a meeting's board pack as Word and PDF files, from the records as they stand."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sendboard.boardpack.contents import pack_for
from sendboard.boardpack.pdf import pack_pdf
from sendboard.boardpack.queries import NoSuchMeeting, meeting_named
from sendboard.boardpack.services import pack_filename
from sendboard.boardpack.word import pack_docx

FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


class Command(BaseCommand):
    help = (
        "Build the board pack of a meeting into files. MEETING is <partnership>/<number> "
        "for a board meeting (northshire/12), <partnership>/<group>/<number> for a subgroup's, "
        "or the meeting's code from its page's address."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "meeting", help="The meeting: northshire/12, northshire/performance/3 or its code."
        )
        parser.add_argument(
            "--format",
            choices=sorted(FORMATS),
            default="both",
            help="Word (docx), PDF (pdf) or both; both when left out.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path("."),
            help="The folder to write the files into, made if missing; the current one when "
            "left out.",
        )
        parser.add_argument(
            "--site",
            default=None,
            help="sendboard's address, such as https://send.northshire.gov.uk/, so the PDF's "
            "links open the records; left out, they keep the records' paths.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say which files would be written and what the pack would hold, writing nothing.",
        )

    def handle(
        self,
        *args,
        meeting: str,
        format: str,
        output: Path,
        site: str | None,
        dry_run: bool,
        **options,
    ) -> None:
        try:
            found = meeting_named(meeting)
        except NoSuchMeeting as missing:
            raise CommandError(str(missing)) from missing
        pack = pack_for(found)
        makers = {"docx": pack_docx, "pdf": lambda pack: pack_pdf(pack, site=site)}
        for kind in FORMATS[format]:
            path = output / f"{pack_filename(found)}.{kind}"
            if dry_run:
                self.stdout.write(f"Would write {path}")
                continue
            output.mkdir(parents=True, exist_ok=True)
            path.write_bytes(makers[kind](pack))
            self.stdout.write(f"Wrote {path}")
        gaps = [section.title for section in pack.sections if section.gap]
        self.stdout.write(
            f"Board pack for {found}: {len(pack.sections)} sections, "
            f"{len(pack.sections) - len(gaps)} with content"
            + (f"; not available: {', '.join(gaps)}." if gaps else ".")
        )
