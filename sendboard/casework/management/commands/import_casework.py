"""Import a SEN2 export (the XML return, or a folder, .zip, .csv or .xlsx of its
modules) as a casework snapshot."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich import progress as rich_progress
from rich.console import Console

from sendboard.casework.services import (
    Mapping,
    MappingInvalid,
    Progress,
    PseudonymKeyMissing,
    SnapshotInvalid,
    SourceError,
    export_mapping_of,
    export_mapping_save,
    snapshot_check,
    snapshot_import,
)
from sendboard.casework.snapshot import read_mapping
from sendboard.governance.models import Partnership


class Command(BaseCommand):
    help = (
        "Check a case-level SEN2 or waiting-list export and store it as a pseudonymous "
        "snapshot. Every problem is listed as file:row: field: message; any problem means "
        "nothing is stored. What is read but not used is listed as a warning."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            type=Path,
            help="The SEN2 XML return (2023 to 2026), a folder or .zip of one CSV per "
            "module, a single CSV, or an .xlsx workbook with a sheet per module.",
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            metavar="FILE",
            help="Local column and event names ([columns] their name = SEN2 name, "
            "[events] ...; or .json). Kept as the partnership's for later imports.",
        )
        parser.add_argument(
            "--as-at",
            type=date.fromisoformat,
            help="Date the data describes (YYYY-MM-DD). Default: the header's "
            "referencedate, else the latest date in the data.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check everything but store nothing."
        )
        parser.add_argument(
            "--partnership",
            metavar="SLUG",
            help="Slug of the partnership the data belongs to; needed only when there are several.",
        )
        parser.add_argument("--user", metavar="USERNAME", help="Account to record as the importer.")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        partnership = _partnership(options["partnership"])
        user = _user(options["user"])
        mapping = _mapping(options["mapping"], partnership, dry_run=bool(options["dry_run"]))
        try:
            with _progress() as step:
                if options["dry_run"]:
                    result = snapshot_check(source=path, progress=step, mapping=mapping)
                    counts, verb, warnings = result.row_counts, "Checked", result.warnings
                else:
                    snapshot = snapshot_import(
                        source=path,
                        as_at=options["as_at"],  # type: ignore[arg-type]
                        imported_by=user,
                        partnership=partnership,
                        progress=step,
                        mapping=mapping,
                    )
                    counts, verb = snapshot.row_counts, f"Created snapshot {snapshot.code}"
                    warnings = snapshot.warnings
        except SnapshotInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            if invalid.unreported:
                self.stderr.write(f"... and {invalid.unreported} more problem(s) not listed")
            raise CommandError(
                f"{invalid.total} problem(s) in {path.name}; nothing was stored"
            ) from invalid
        except (SourceError, PseudonymKeyMissing, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        tables = sum(1 for rows in counts.values() if rows)
        note = " (dry run: nothing stored)" if options["dry_run"] else ""
        self.stdout.write(
            f"{verb}: {tables} tables, {sum(counts.values()):,} rows, 0 problems,"
            f" {len(warnings)} warnings{note}."
        )


def _mapping(path: object, partnership: Partnership | None, *, dry_run: bool) -> Mapping:
    """The names in the file, kept as the partnership's unless on a dry run; without a
    file, the partnership's saved names."""
    if not path:
        return export_mapping_of(partnership)
    try:
        mapping = read_mapping(Path(str(path)))
    except (MappingInvalid, FileNotFoundError) as error:
        raise CommandError(str(error)) from error
    if partnership and not dry_run:
        export_mapping_save(
            partnership=partnership, text=mapping.as_text(), opened_version=None, by=None
        )
    return mapping


def _partnership(slug: object) -> Partnership | None:
    """The named partnership; unnamed, the only one there is (none for analysis alone)."""
    if not slug:
        found = list(Partnership.objects.order_by("slug")[:10])
        if len(found) > 1:
            slugs = ", ".join(p.slug for p in found)
            raise CommandError(f"name the partnership the data belongs to: --partnership {slugs}")
        return found[0] if found else None
    try:
        return Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist as error:
        raise CommandError(f"no partnership with slug {slug!r}") from error


def _user(username: object) -> AbstractBaseUser | None:
    if not username:
        return None
    model = get_user_model()
    try:
        return model.objects.get(**{model.USERNAME_FIELD: username})
    except model.DoesNotExist as error:
        raise CommandError(f"no user {username!r}") from error


@contextmanager
def _progress() -> Iterator[Progress]:
    """A progress bar on the terminal that advances one step per table read, checked or written."""
    console = Console(stderr=True)
    with rich_progress.Progress(
        rich_progress.SpinnerColumn(),
        rich_progress.TextColumn("{task.description}"),
        rich_progress.BarColumn(),
        rich_progress.TextColumn("{task.completed}/{task.total} steps"),
        rich_progress.TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("Opening the source", total=None)

        def step(description: str, done: int, total: int) -> None:
            bar.update(task, description=description, completed=done, total=total)

        yield step
