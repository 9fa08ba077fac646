"""What the import and export commands share: finding the partnership, the person and
the workbook, and reading its columns from a mapping file or as remembered."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError, CommandParser

from sendboard.governance.models import Partnership
from sendboard.workbooks.cells import normalise
from sendboard.workbooks.kinds import LAYOUTS
from sendboard.workbooks.problems import WorkbookInvalid
from sendboard.workbooks.reading import MAX_BYTES, Table, read_table
from sendboard.workbooks.results import ImportResult
from sendboard.workbooks.services import columns_for, mapping_for


def add_import_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", type=Path, help="The Excel workbook (.xlsx) to import.")
    parser.add_argument(
        "--partnership", metavar="SLUG", required=True, help="Slug of the partnership."
    )
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        required=True,
        help="Account the import is made as and recorded under: a manager or editor.",
    )
    parser.add_argument(
        "--sheet", default="", help="Sheet to read. Default: the one last mapped, else the first."
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="MAPPING.json",
        help='Columns as {"sheet": "Tracker", "header_row": 4, "columns": {"Ref": "reference",'
        " ...}}. Default: as last mapped for the partnership, else by the headings' names.",
    )
    parser.add_argument("--dry-run", action="store_true", help="Check every row but save nothing.")


def partnership_named(slug: str) -> Partnership:
    try:
        return Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist as error:
        raise CommandError(f"no partnership with slug {slug!r}") from error


def user_named(username: str) -> User:
    model = get_user_model()
    try:
        return model.objects.get(**{model.USERNAME_FIELD: username})
    except model.DoesNotExist as error:
        raise CommandError(f"no user {username!r}") from error


def table_of(options: dict, partnership: Partnership, kind: str) -> tuple[Table, dict[str, str]]:
    """The workbook's table and its columns (letter: field)."""
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise CommandError(f"{path.name}: larger than {MAX_BYTES // 2**20} MB; nothing was saved")
    given = _mapping_file(options["mapping"], kind) if options["mapping"] else None
    remembered = mapping_for(partnership, kind)
    table = read_table(
        path.read_bytes(),
        name=path.name,
        sheet=options["sheet"] or (given or {}).get("sheet", ""),
        preferred_sheet=remembered.sheet_name if remembered else "",
        header_row=(given or {}).get("header_row"),
        known_headers=frozenset(remembered.columns) if remembered else frozenset(),
    )
    if given is None:
        return table, columns_for(table, LAYOUTS[kind], remembered)
    wanted = {normalise(heading): name for heading, name in given["columns"].items()}
    columns = {
        letter: wanted[normalise(heading)]
        for letter, heading in table.headers.items()
        if wanted.get(normalise(heading))
    }
    return table, columns


def _mapping_file(path: Path, kind: str) -> dict:
    try:
        given = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: not a readable JSON mapping ({error})") from error
    if not isinstance(given, dict) or not isinstance(given.get("columns"), dict):
        raise CommandError(f'{path}: expected {{"columns": {{"heading": "field", ...}}}}')
    fields = {field.name for field in LAYOUTS[kind].fields}
    if unknown := sorted(set(given["columns"].values()) - fields - {""}):
        raise CommandError(
            f"{path}: {', '.join(unknown)} not a field; the fields are {', '.join(sorted(fields))}"
        )
    return given


def refuse(invalid: WorkbookInvalid, path: Path, write) -> CommandError:
    """Print every problem as file: sheet, row, column: message; the error to raise."""
    for problem in invalid.problems:
        write(problem.in_file(path.name))
    count = len(invalid.problems)
    return CommandError(
        f"{count} problem{'s' if count != 1 else ''} in {path.name}; nothing was saved"
    )


def summary(result: ImportResult, path: Path, warn) -> str:
    """The closing line of counts, after any warnings; what a dry run would have done."""
    for warning in result.warnings:
        warn(warning.in_file(path.name))
    untouched = ", ".join(result.untouched) or "none"
    note = " (dry run: nothing saved)" if result.dry_run else ""
    return (
        f"{result.into}: {len(result.added)} added, {len(result.updated)} updated, "
        f"{len(result.unchanged)} unchanged, 0 errors; already there but not in the "
        f"workbook, left as they are: {untouched}{note}."
    )
