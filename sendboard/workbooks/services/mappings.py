"""Column mappings: remembering how a partnership's workbooks are laid out."""

from collections.abc import Mapping

from django.contrib.auth.models import User
from django.db import transaction

from sendboard.core.services import save_tracked
from sendboard.governance.models import Partnership
from sendboard.workbooks.cells import normalise
from sendboard.workbooks.kinds import Layout
from sendboard.workbooks.models import ColumnMapping
from sendboard.workbooks.reading import Table
from sendboard.workbooks.services.access import require_editor


def mapping_for(partnership: Partnership, kind: str) -> ColumnMapping | None:
    return ColumnMapping.objects.filter(partnership=partnership, kind=kind).first()


def columns_for(table: Table, layout: Layout, remembered: ColumnMapping | None) -> dict[str, str]:
    """Each column's field (letter: field): as remembered for its heading, else as guessed.

    A heading remembered as not imported stays so; a field is given to one column only.
    """
    known = remembered.columns if remembered else {}
    found: dict[str, str] = {}
    for letter, heading in table.headers.items():
        key = normalise(heading)
        name = known[key] if key in known else layout.guess(heading)
        if name and name not in found.values():
            found[letter] = name
    return found


@transaction.atomic
def column_mapping_save(
    *,
    partnership: Partnership,
    kind: str,
    table: Table,
    columns: Mapping[str, str],
    by: User,
) -> ColumnMapping:
    """Remember the sheet, header row and each heading's field for the next import.

    Headings of earlier workbooks that this one lacks are kept, so a partnership with
    two layouts of tracker has both remembered.
    """
    require_editor(by, partnership)
    mapping = mapping_for(partnership, kind) or ColumnMapping(partnership=partnership, kind=kind)
    mapping.sheet_name = table.sheet
    mapping.header_row = table.header_row
    mapping.columns = {
        **mapping.columns,
        **{
            normalise(heading): columns.get(letter, "") for letter, heading in table.headers.items()
        },
    }
    save_tracked(mapping, by=by, opened_version=None, reason="Columns mapped")
    return mapping
