"""Tables: GOV.UK's table component, and a box that lets a wide one scroll on a phone.

    {% table_scroll "Action log" %}
    {% table classes="govuk-table--small-text-until-tablet" %}
      {% caption "Action log" classes="govuk-visually-hidden" %}
      {% th "Reference" %}{% th "Members" format="numeric" %}
      {% for group in groups %}{% tr %}
        {% th %}<a href="{{ group.get_absolute_url }}">{{ group.name }}</a>{% endth %}
        {% td group.members|length format="numeric" %}
      {% endtr %}{% endfor %}
    {% endtable %}
    {% endtable_scroll %}

The table is govuk-frontend-django's `GovUKTable`, drawn by sendboard.core.govuk. A `th`
outside a row heads a column; inside one it heads the row, which GOV.UK's table allows
only as the first cell of every row. A cell's content is its argument or its body; its
keywords are the library's cell fields (format, classes, colspan, rowspan, attributes).
"""

from django import template
from django.template.base import NodeList, Parser, Token
from govuk_frontend_django.components.table import GovUKTable, TableHead, TableRows

from sendboard.core import govuk as components
from sendboard.core.templatetags.blocks import (
    ContentNode,
    arguments,
    body,
    content_tag,
    gathered,
    resolved,
)

register = template.Library()

_TABLE = "sendboard_tables.table"
_ROW = "sendboard_tables.row"


class TableNode(template.Node):
    def __init__(self, keywords, nodelist: NodeList):
        self.keywords = keywords
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        table = {"caption": {}, "head": [], "rows": []}
        gathered(self.nodelist, context, "table", {_TABLE: table})
        rows = table["rows"]
        headed = {cells[0][0] for cells in rows if cells}
        if len(headed) > 1 or any(header for cells in rows for header, _ in cells[1:]):
            raise template.TemplateSyntaxError(
                "A row's th must be its first cell, in every row of the table or in none"
            )
        return components.render(
            GovUKTable(
                head=table["head"] or None,
                rows=[[cell for _, cell in cells] for cells in rows],
                firstCellIsHeader=headed == {True} or None,
                **table["caption"],
                **resolved(self.keywords, context),
            )
        )


@register.tag
def table(parser: Parser, token: Token) -> TableNode:
    tag, *bits = token.split_contents()
    _, keywords = arguments(parser, bits, tag)
    return TableNode(keywords, body(parser, tag))


class CaptionNode(ContentNode):
    def render(self, context: template.Context) -> str:
        classes = resolved(self.keywords, context).get("classes")
        context[_TABLE]["caption"] = {"caption": self.content(context), "captionClasses": classes}
        return ""


@register.tag
def caption(parser: Parser, token: Token) -> CaptionNode:
    return content_tag(parser, token, CaptionNode, leading=0)


class RowNode(template.Node):
    def __init__(self, nodelist: NodeList):
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        cells = []
        gathered(self.nodelist, context, "tr", {_ROW: cells})
        context[_TABLE]["rows"].append(cells)
        return ""


@register.tag
def tr(parser: Parser, token: Token) -> RowNode:
    return RowNode(body(parser, "tr"))


class HeaderNode(ContentNode):
    def render(self, context: template.Context) -> str:
        fields = {"html": self.content(context), **resolved(self.keywords, context)}
        if _ROW in context:
            context[_ROW].append((True, TableRows(**fields)))
        else:
            context[_TABLE]["head"].append(TableHead(**fields))
        return ""


@register.tag
def th(parser: Parser, token: Token) -> HeaderNode:
    return content_tag(parser, token, HeaderNode, leading=0)


class CellNode(ContentNode):
    def render(self, context: template.Context) -> str:
        fields = {"html": self.content(context), **resolved(self.keywords, context)}
        context[_ROW].append((False, TableRows(**fields)))
        return ""


@register.tag
def td(parser: Parser, token: Token) -> CellNode:
    return content_tag(parser, token, CellNode, leading=0)


class TableScrollNode(template.Node):
    """A table wider than a phone scrolls in its own box, not the whole page."""

    def __init__(self, label: template.base.FilterExpression, nodelist: NodeList):
        self.label = label
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        wrapper = context.template.engine.get_template("core/components/table_scroll.html")
        with context.push(label=self.label.resolve(context), table=self.nodelist.render(context)):
            return wrapper.render(context)


@register.tag
def table_scroll(parser: Parser, token: Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the region's name")
    return TableScrollNode(parser.compile_filter(bits[1]), body(parser, "table_scroll"))
