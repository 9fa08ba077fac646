"""GOV.UK's table drawn straight from Python: the same markup as its macro, at row speed.

The tracker of a 500-line plan is a few thousand cells; GOV.UK's Jinja macro draws a
cell in about 20 microseconds with its attribute handling, a third of such a page's
time. A table whose cells carry no extra attributes (nearly all of them) is drawn
here instead; test_govuk.py checks, over tables of every shape, that both draw the
same elements, classes and text, and any table with attributes goes to the macro.
"""

from markupsafe import escape

NUMBERED_FIELDS = ("colspan", "rowspan")


def _fields(part) -> dict:
    """A head item or cell as a dict, read once: the library's tags give dicts, ours dataclasses."""
    return part if isinstance(part, dict) else vars(part)


def has_attributes(table) -> bool:
    parts = [table, *(table.head or []), *(cell for row in table.rows or [] for cell in row)]
    return any(_fields(part).get("attributes") for part in parts)


def _classes(base: str, part: dict, *, format_of: str | None = None) -> str:
    found = base
    if format_of and part.get("format"):
        found += f" {format_of}--{part['format']}"
    if part.get("classes"):
        found += f" {part['classes']}"
    return str(escape(found))


def _spans(part: dict) -> str:
    return "".join(f' {name}="{escape(part[name])}"' for name in NUMBERED_FIELDS if part.get(name))


def _content(part: dict) -> str:
    html = part.get("html")
    if html:
        return str(html)
    text = part.get("text")
    return "" if text is None else str(escape(text))


def draw(table) -> str:
    """The markup of a GovUKTable without attributes (see `has_attributes`)."""
    out = [f'<table class="{_classes("govuk-table", _fields(table))}">']
    if table.caption:
        caption_classes = "govuk-table__caption"
        if table.captionClasses:
            caption_classes += f" {escape(table.captionClasses)}"
        out.append(f'<caption class="{caption_classes}">{escape(table.caption)}</caption>')
    if table.head:
        out.append('<thead class="govuk-table__head"><tr class="govuk-table__row">')
        for item in map(_fields, table.head):
            classes = _classes("govuk-table__header", item, format_of="govuk-table__header")
            out.append(f'<th scope="col" class="{classes}"{_spans(item)}>{_content(item)}</th>')
        out.append("</tr></thead>")
    out.append('<tbody class="govuk-table__body">')
    for row in table.rows or []:
        if not row:
            continue
        out.append('<tr class="govuk-table__row">')
        for position, cell in enumerate(map(_fields, row)):
            if position == 0 and table.firstCellIsHeader:
                classes = _classes("govuk-table__header", cell)
                out.append(f'<th scope="row" class="{classes}"{_spans(cell)}>{_content(cell)}</th>')
            else:
                classes = _classes("govuk-table__cell", cell, format_of="govuk-table__cell")
                out.append(f'<td class="{classes}"{_spans(cell)}>{_content(cell)}</td>')
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)
