"""The tracker's table of lines, built in Python: a 500-line plan is thousands of cells.

Drawn cell by cell through template tags, such a tracker takes a few hundred
milliseconds; built here as GOV.UK's table component (drawn by sendboard.core.govuk),
it takes a few tens. The URLs of every line differ only by the line's code, so each is
reversed once per table and the code put in its place.

    {% plan_lines rows label="Actions for outcome 1" flag_not_updated=True movable=True %}
    {% rollup_table tracker.rollup label="The whole plan by status" %}
    {% move_form "outcome_move" outcome.code "outcome 1 of APA1" %}
"""

import uuid

from django import template
from django.middleware.csrf import get_token
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from govuk_frontend_django.components.table import GovUKTable, TableHead, TableRows
from govuk_frontend_django.components.tag import GovUKTag

from sendboard.core import govuk as components
from sendboard.plans.queries import Row
from sendboard.plans.rollups import Rollup

register = template.Library()

_PLACEHOLDER = uuid.UUID(int=0)


class _Urls:
    """`reverse(name, args=[slug, code])` for many codes, reversing once."""

    def __init__(self, name: str, slug: str) -> None:
        self.pattern = reverse(name, args=[slug, _PLACEHOLDER])

    def __call__(self, code: uuid.UUID) -> str:
        return self.pattern.replace(str(_PLACEHOLDER), str(code))


def _move(url: str, label: str, csrf: str) -> SafeString:
    """Move up or down among its siblings: a POST form, so it works without JavaScript.

    Built with one escape of the label: a tracker draws hundreds of these.
    """
    hidden = f'<span class="govuk-visually-hidden"> {escape(label)}</span>'
    return mark_safe(
        f'<form method="post" action="{escape(url)}" class="sb-inline-form sb-no-print">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf)}">'
        f'<button name="direction" value="up" class="sb-link-button">Move up{hidden}</button>'
        f' | <button name="direction" value="down" class="sb-link-button">Move down{hidden}'
        "</button></form>"
    )


@register.simple_tag(takes_context=True)
def move_form(context: template.Context, url_name: str, code: uuid.UUID, label: str) -> str:
    slug = context["partnership"].slug
    return _move(reverse(url_name, args=[slug, code]), label, get_token(context["request"]))


def _text(row: Row, *, flag_not_updated: bool) -> SafeString:
    said = linebreaksbr(row.text, autoescape=True)
    if flag_not_updated and not row.line.updated:
        said += mark_safe('<br><strong class="sb-meta">No update this period</strong>')
    if row.receiving_team and row.line.transferred:
        said += format_html('<br><span class="sb-meta">With {}</span>', row.receiving_team)
    return said


def _status(row: Row) -> SafeString:
    return components.render(
        GovUKTag(text=str(row.line.status.label), classes=f"govuk-tag--{row.colour}")
    )


@register.simple_tag(takes_context=True)
def plan_lines(
    context: template.Context,
    rows: list[Row],
    *,
    label: str,
    flag_not_updated: bool = False,
    movable: bool = False,
) -> SafeString:
    """An outcome's lines as the chosen period holds them; `movable` offers to reorder them."""
    slug = context["partnership"].slug
    line_url = _Urls("plan_action_detail", slug)
    move_url = _Urls("plan_action_move", slug) if movable else None
    csrf = get_token(context["request"]) if movable else ""
    headings = ["Ref", "Action", "Owners", "Status", "Due", "Evidence"] + (
        ["Order"] if movable else []
    )
    head = [
        TableHead(text=text, format="numeric" if text == "Evidence" else None) for text in headings
    ]
    table_rows = []
    for row in rows:
        due = format_date(row.line.due_on, "j M Y") if row.line.due_on else "Not set"
        cells = [
            TableRows(
                html=format_html(
                    '<a class="govuk-link" href="{}">{}</a>',
                    line_url(row.action.code),
                    row.line.reference,
                )
            ),
            TableRows(html=_text(row, flag_not_updated=flag_not_updated)),
            TableRows(text=row.owner_names or "Not set"),
            TableRows(html=_status(row)),
            TableRows(text=due),
            TableRows(text=str(row.line.evidence_count), format="numeric"),
        ]
        if move_url is not None:
            reference = f"action {row.line.reference}"
            cells.append(TableRows(html=_move(move_url(row.action.code), reference, csrf)))
        table_rows.append(cells)
    table = components.render(
        GovUKTable(
            caption=label,
            captionClasses="govuk-table__caption--s",
            head=head,
            rows=table_rows,
            firstCellIsHeader=True,
            classes="govuk-table--small-text-until-tablet",
        )
    )
    return _scrolling(context, label, table)


def _scrolling(context: template.Context, label: str, table: SafeString) -> SafeString:
    scroll = context.template.engine.get_template("core/components/table_scroll.html")
    with context.push(label=label, table=table):
        return scroll.render(context)


@register.simple_tag(takes_context=True)
def rollup_table(context: template.Context, figures: Rollup, label: str) -> SafeString:
    """One level's roll-up: the sentence the board says, then each status's count and share."""
    sentence = format_html('<p class="govuk-body">{}</p>', figures.sentence())
    if not figures.total:
        return sentence
    table = components.render(
        GovUKTable(
            caption=label,
            captionClasses="govuk-visually-hidden",
            head=[
                TableHead(text="Status"),
                TableHead(text="Actions", format="numeric"),
                TableHead(text="Share", format="numeric"),
            ],
            rows=[
                [
                    TableRows(text=str(status.label)),
                    TableRows(text=str(count), format="numeric"),
                    TableRows(text="" if share is None else f"{share}%", format="numeric"),
                ]
                for status, count, share in figures.rows()
            ],
            firstCellIsHeader=True,
            classes="govuk-table--small-text-until-tablet",
        )
    )
    return sentence + _scrolling(context, label, table)
