"""The board pack's page and PDF: one template, `boardpack/pack.html`, in either layout.

WeasyPrint draws the PDF from the same HTML as the page, with a small stylesheet of
its own (`static/boardpack/pack.css`): page numbers, a contents page with the page
of each section, and bookmarks for the sections. `pdf_tags` tags the PDF's structure
(headings, lists, tables) so screen readers can follow it.
"""

import functools
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML

from sendboard.boardpack.contents import Pack

PAGE_LAYOUT = "core/base.html"
PRINT_LAYOUT = "boardpack/print.html"
STYLESHEET = Path(__file__).parent / "static" / "boardpack" / "pack.css"


def pack_context(pack: Pack, *, printing: bool) -> dict[str, Any]:
    return {
        "pack": pack,
        "meeting": pack.meeting,
        "partnership": pack.meeting.group.partnership,
        "built_on": timezone.localdate(),
        "layout": PRINT_LAYOUT if printing else PAGE_LAYOUT,
        "printing": printing,
    }


@functools.cache
def _stylesheet() -> CSS:
    # Parsed once per process: the rules never change while it runs.
    return CSS(filename=str(STYLESHEET))


def pack_pdf(pack: Pack, *, site: str | None = None) -> bytes:
    """The pack as a tagged PDF; its links to records open on `site`, sendboard's address.

    Nothing is fetched from `site`: the pack has no images or fonts to load, its charts
    being inline SVG. Without it, the links keep the records' paths.
    """
    html = render_to_string("boardpack/pack.html", pack_context(pack, printing=True))
    document = HTML(string=html, base_url=site)
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_tags=True)
