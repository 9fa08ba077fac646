"""sendboard.core.govuk draws exactly what govuk-frontend-django's own `render` draws.

The library is upgraded by its version alone; if an upgrade changed how a component is
drawn, the pages would part from GOV.UK Frontend without any error. These compare the
two renderers, one component of every kind the templates use, so the upgrade fails here.
"""

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.utils.safestring import mark_safe
from govuk_frontend_django.components.back_link import GovUKBackLink
from govuk_frontend_django.components.base import (
    GovUKComponent,
    SummaryListRow,
    SummaryListRowsKey,
    SummaryListRowsValue,
)
from govuk_frontend_django.components.button import GovUKButton
from govuk_frontend_django.components.details import GovUKDetails
from govuk_frontend_django.components.inset_text import GovUKInsetText
from govuk_frontend_django.components.notification_banner import GovUKNotificationBanner
from govuk_frontend_django.components.pagination import (
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)
from govuk_frontend_django.components.skip_link import GovUKSkipLink
from govuk_frontend_django.components.summary_list import GovUKSummaryList
from govuk_frontend_django.components.table import GovUKTable, TableHead, TableRows
from govuk_frontend_django.components.tag import GovUKTag
from govuk_frontend_django.components.warning_text import GovUKWarningText
from hypothesis import given
from hypothesis import strategies as st

from sendboard.core import govuk

HIDDEN = mark_safe('Draft<span class="govuk-visually-hidden"> of <b>it</b></span>')

# Each builds a fresh component: the library's `render` deletes the empty values of the
# dicts it is given, in place. Nested parts are dicts, as the library's own tags pass them.
EVERY_KIND: dict[str, Callable[[], GovUKComponent]] = {
    "back link": lambda: GovUKBackLink(href="/actions/?a=1&b=2", text="Action log"),
    "skip link": lambda: GovUKSkipLink(href="#main-content", text="Skip to main content"),
    "button": lambda: GovUKButton(text="Save <now>", classes="govuk-button--secondary"),
    "button with hidden words": lambda: GovUKButton(html=HIDDEN, name="direction", value="up"),
    "link button": lambda: GovUKButton(text="Edit", href="/edit/", classes="sb-no-print"),
    "tag": lambda: GovUKTag(text="Overdue", classes="govuk-tag--red"),
    "success banner": lambda: GovUKNotificationBanner(
        type="success", titleId="banner-title-1", text="Saved"
    ),
    "important banner": lambda: GovUKNotificationBanner(titleId="banner-title-2", text="No"),
    "warning text": lambda: GovUKWarningText(html=HIDDEN, classes="govuk-!-margin-bottom-0"),
    "inset text": lambda: GovUKInsetText(text="Deferred from March"),
    "details": lambda: GovUKDetails(summaryHtml=HIDDEN, html=HIDDEN, classes="sb-x"),
    "table": lambda: GovUKTable(
        caption="Cases",
        captionClasses="govuk-table__caption--s",
        head=[vars(TableHead(text="Case")), vars(TableHead(text="Days", format="numeric"))],
        rows=[
            [vars(TableRows(html=HIDDEN)), vars(TableRows(text="12", format="numeric"))],
            [vars(TableRows(text="No cases", colspan=2))],
        ],
        firstCellIsHeader=True,
        classes="govuk-table--small-text-until-tablet",
    ),
    "summary list": lambda: GovUKSummaryList(
        rows=[
            vars(
                SummaryListRow(
                    key=vars(SummaryListRowsKey(text="Owner")),
                    value=vars(SummaryListRowsValue(html=HIDDEN)),
                    classes="sb-no-print",
                )
            )
        ],
        classes="govuk-summary-list--no-border",
    ),
    "numbered pagination": lambda: GovUKPagination(
        items=[
            vars(PaginationItems(number="1", href="?page=1")),
            vars(PaginationItems(ellipsis=True)),
            vars(PaginationItems(number="7", href="?page=7", current=True)),
        ],
        previous=vars(PaginationPrevious(href="?page=6")),
        next=vars(PaginationNext(href="?page=8")),
        landmarkLabel="Pages of results",
    ),
    "pagination of a sequence": lambda: GovUKPagination(
        previous=vars(PaginationPrevious(href="?page=1", text="Later meetings")),
        landmarkLabel="Past meetings, pages",
    ),
}


class _Markup(HTMLParser):
    """Markup as a browser reads it: tags with their attributes, and text, whitespace aside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(("<", tag, sorted(attrs)))

    def handle_endtag(self, tag):
        self.found.append(("/", tag))

    def handle_data(self, data):
        if data.strip():
            self.found.append(("text", " ".join(data.split())))

    def handle_entityref(self, name):
        self.found.append(("entity", name))

    def handle_charref(self, name):
        self.found.append(("char", name))


def _read(html: str) -> list[tuple]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("build", EVERY_KIND.values(), ids=EVERY_KIND.keys())
def test_it_draws_each_component_as_the_library_does(build):
    drawn, theirs = govuk.render(build()), build().render()
    if isinstance(build(), GovUKTable):  # drawn in Python: the same markup, other whitespace
        assert _read(drawn) == _read(theirs)
    else:
        assert drawn == theirs


_words = st.one_of(
    st.none(),
    st.text(alphabet="ab <>&\"'", max_size=8),
    st.text(alphabet="ab <>&", max_size=8).map(mark_safe),
)
_cells = st.builds(
    TableRows,
    text=_words,
    html=st.one_of(st.none(), st.just(HIDDEN)),
    format=st.sampled_from([None, "numeric"]),
    classes=st.sampled_from([None, "sb-x", "a b"]),
    colspan=st.sampled_from([None, 2]),
    rowspan=st.sampled_from([None, 3]),
)
_heads = st.builds(
    TableHead,
    text=_words,
    html=st.one_of(st.none(), st.just(HIDDEN)),
    format=st.sampled_from([None, "numeric"]),
    classes=st.sampled_from([None, "sb-x"]),
    colspan=st.sampled_from([None, 2]),
)


@given(
    head=st.one_of(st.none(), st.lists(_heads, max_size=3)),
    rows=st.lists(st.lists(_cells, max_size=3), max_size=3),
    first_cell_is_header=st.sampled_from([None, True]),
    caption=_words,
    classes=st.sampled_from([None, "govuk-table--small-text-until-tablet"]),
)
def test_a_table_of_any_shape_is_drawn_as_the_library_draws_it(
    head, rows, first_cell_is_header, caption, classes
):
    def build() -> GovUKTable:
        return GovUKTable(
            head=[vars(item).copy() for item in head] if head else head,
            rows=[[vars(cell).copy() for cell in row] for row in rows],
            firstCellIsHeader=first_cell_is_header,
            caption=caption,
            captionClasses="govuk-table__caption--s" if caption else None,
            classes=classes,
        )

    assert _read(govuk.render(build())) == _read(build().render())


def test_a_table_with_attributes_is_drawn_by_the_library_itself():
    def build() -> GovUKTable:
        return GovUKTable(rows=[[vars(TableRows(text="1", attributes={"data-x": "y"}))]])

    assert govuk.render(build()) == build().render()


def test_it_draws_nested_dataclasses_as_the_dicts_the_library_takes():
    head = [TableHead(text="Case", format="numeric")]
    rows = [[TableRows(text="1")]]

    drawn = govuk.render(GovUKTable(head=head, rows=rows))

    theirs = GovUKTable(head=[vars(h) for h in head], rows=[[vars(rows[0][0])]]).render()
    assert _read(drawn) == _read(theirs)
    assert "None" not in drawn


def test_it_compiles_each_kind_of_component_once():
    govuk.render(GovUKTag(text="Open"))
    before = govuk._compiled.cache_info()

    govuk.render(GovUKTag(text="Closed", classes="govuk-tag--grey"))

    assert govuk._compiled.cache_info().hits == before.hits + 1


def test_the_same_words_are_drawn_once_and_escaped_as_they_were_given():
    govuk.render(GovUKTag(text="Open"))
    before = govuk._drawn.cache_info()

    again = govuk.render(GovUKTag(text="Open"))
    plain = govuk.render(GovUKTag(text="<b>Open</b>"))
    safe = govuk.render(GovUKTag(text=mark_safe("<b>Open</b>")))

    assert govuk._drawn.cache_info().hits == before.hits + 1
    assert again == GovUKTag(text="Open").render()
    assert "&lt;b&gt;Open&lt;/b&gt;" in plain
    assert "<b>Open</b>" in safe
