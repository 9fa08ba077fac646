"""GOV.UK components in templates, each built as govuk-frontend-django's dataclass.

    {% govuk "button" text="Save" %}
    {% govuk "button" classes="govuk-button--secondary" %}
      Draft<span class="govuk-visually-hidden"> the summary</span>
    {% endgovuk %}
    {% back_link href "Action log" %}
    {% summary_list %}
      {% summary_row "Owner" item.owner.name %}
      {% summary_row "Meeting" %}<a class="govuk-link" href="...">...</a>{% endsummary_row %}
    {% endsummary_list %}
    {% pagination page %}
    {% status_tag action.get_status_display "green" %}

`govuk` takes any component of the library by its GOV.UK name, with the dataclass's own
field names. A tag's content is its argument (`text=` for `govuk`) or, given none, its
body up to the end tag, as HTML (see blocks.py).

The library's own gds_* tags are not used. They draw through its slow renderer (see
sendboard.core.govuk), and its block tags keep each render's rows on the template node,
which Django shares between threads ("Thread-safety considerations" in Django's docs).
These keep what they gather in the render context instead.
"""

import importlib

from django import template
from django.core.paginator import Page
from django.template.base import NodeList, Parser, Token
from django.template.defaulttags import querystring
from govuk_frontend_django.components.base import (
    SummaryListRow,
    SummaryListRowsKey,
    SummaryListRowsValue,
)
from govuk_frontend_django.components.pagination import (
    GovUKPagination,
    PaginationItems,
    PaginationNext,
    PaginationPrevious,
)
from govuk_frontend_django.components.summary_list import GovUKSummaryList
from govuk_frontend_django.components.tag import GovUKTag

from sendboard.core import govuk as components
from sendboard.core.templatetags.blocks import (
    ContentNode,
    arguments,
    body,
    content_tag,
    escaped,
    gathered,
    html,
    resolved,
)

register = template.Library()


class ComponentNode(template.Node):
    def __init__(self, component: type, keywords, nodelist: NodeList | None):
        self.component = component
        self.keywords = keywords
        self.nodelist = nodelist or NodeList()
        self.inline = nodelist is None

    def render(self, context: template.Context) -> str:
        fields = resolved(self.keywords, context)
        if not self.inline:
            fields["html"] = html(self.nodelist, context)
        return components.render(self.component(**fields))


@register.tag
def govuk(parser: Parser, token: Token) -> ComponentNode:
    tag, *bits = token.split_contents()
    positional, keywords = arguments(parser, bits, tag)
    if len(positional) != 1 or bits[0][0] not in "'\"":
        raise template.TemplateSyntaxError(f'{tag} takes the component\'s name, "button"')
    name = bits[0].strip("'\"")
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(f"govuk_frontend_django.components.{module_name}")
    except ModuleNotFoundError:
        raise template.TemplateSyntaxError(f"{tag}: GOV.UK has no component {name!r}") from None
    component = module.COMPONENT
    nodelist = None if {"text", "html"} & keywords.keys() else body(parser, tag)
    return ComponentNode(component, keywords, nodelist)


@register.simple_tag
def status_tag(text: str, colour: str | None = None) -> str:
    """A status as a GOV.UK tag: the word is always shown; the colour only repeats it.

    A tag is drawn from a few words, the same on many rows: `components.render` draws
    each once.
    """
    return components.render(GovUKTag(text=str(text), classes=f"govuk-tag--{colour or 'grey'}"))


@register.inclusion_tag("core/components/back_link.html")
def back_link(href: str, text: str) -> dict:
    return {"href": href, "text": text}


_ROWS = "sendboard_govuk.summary_rows"


class SummaryListNode(template.Node):
    def __init__(self, keywords, nodelist: NodeList):
        self.keywords = keywords
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        rows = []
        gathered(self.nodelist, context, "summary_list", {_ROWS: rows})
        return components.render(GovUKSummaryList(rows=rows, **resolved(self.keywords, context)))


@register.tag
def summary_list(parser: Parser, token: Token) -> SummaryListNode:
    tag, *bits = token.split_contents()
    _, keywords = arguments(parser, bits, tag)
    return SummaryListNode(keywords, body(parser, tag))


class SummaryRowNode(ContentNode):
    def render(self, context: template.Context) -> str:
        key = escaped(self.positional[0].resolve(context), context)
        context[_ROWS].append(
            SummaryListRow(
                key=SummaryListRowsKey(html=key),
                value=SummaryListRowsValue(html=self.content(context)),
                **resolved(self.keywords, context),
            )
        )
        return ""


@register.tag
def summary_row(parser: Parser, token: Token) -> SummaryRowNode:
    return content_tag(parser, token, SummaryRowNode, leading=1)


@register.simple_tag(takes_context=True)
def pagination(
    context: template.Context,
    page: Page,
    label: str = "Pages of results",
    previous: str | None = None,
    next: str | None = None,
) -> str:
    """Links to the other pages of `page`, keeping the rest of the query string.

    Given words for the `previous` and `next` links, those two stand alone, as GOV.UK's
    pagination for a sequence does; otherwise each page is numbered, with an ellipsis
    for a run of pages left out.
    """
    if not page.has_other_pages():
        return ""

    def href(number: int) -> str:
        return querystring(context, page=number)

    numbered = previous is None and next is None
    return components.render(
        GovUKPagination(
            items=_numbers(page, href) if numbered else None,
            previous=PaginationPrevious(href=href(page.previous_page_number()), text=previous)
            if page.has_previous()
            else None,
            next=PaginationNext(href=href(page.next_page_number()), text=next)
            if page.has_next()
            else None,
            landmarkLabel=label,
        )
    )


def _numbers(page: Page, href) -> list[PaginationItems]:
    return [
        PaginationItems(ellipsis=True)
        if number == page.paginator.ELLIPSIS
        else PaginationItems(number=str(number), href=href(number), current=number == page.number)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    ]
