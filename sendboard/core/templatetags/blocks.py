"""How the component tags read their arguments, their content and the parts they gather.

A tag's content is its last argument, escaped as `{{ }}` would, or, given none, its body
up to the end tag as HTML. A block such as a table or a summary list renders its body
only to let the tags inside add their parts, kept in the render context, never on the
node, which Django shares between threads.

This module has no `register`: it is not a tag library of its own.
"""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token, kwarg_re
from django.template.base import render_value_in_context as value_html
from django.utils.safestring import SafeString, mark_safe

Arguments = tuple[list[FilterExpression], dict[str, FilterExpression]]


def arguments(parser: Parser, bits: list[str], tag: str) -> Arguments:
    """A tag's positional arguments, then its keyword arguments, compiled."""
    positional, keywords = [], {}
    for bit in bits:
        name, value = kwarg_re.match(bit).groups()
        if name:
            keywords[name] = parser.compile_filter(value)
        elif keywords:
            raise template.TemplateSyntaxError(f"{tag}: {bit} comes after a keyword argument")
        else:
            positional.append(parser.compile_filter(value))
    return positional, keywords


def body(parser: Parser, tag: str) -> NodeList:
    nodelist = parser.parse((f"end{tag}",))
    parser.delete_first_token()
    return nodelist


def escaped(value, context: template.Context) -> SafeString:
    """A value as `{{ value }}` would print it."""
    return mark_safe(value_html(value, context))


def html(nodelist: NodeList, context: template.Context) -> SafeString:
    return mark_safe(nodelist.render(context).strip())


def resolved(keywords: dict[str, FilterExpression], context: template.Context) -> dict:
    return {name: value.resolve(context) for name, value in keywords.items()}


def gathered(nodelist: NodeList, context: template.Context, tag: str, parts: dict) -> None:
    """Render a block whose tags add themselves to `parts`; anything else in it is a mistake."""
    with context.push(parts):
        stray = nodelist.render(context).strip()
    if stray:
        raise template.TemplateSyntaxError(f"{tag} holds only its own tags, not {stray[:60]!r}")


class ContentNode(template.Node):
    """A tag whose content is its last positional argument or, without it, its body."""

    def __init__(self, positional, keywords, nodelist: NodeList | None):
        self.positional = positional
        self.keywords = keywords
        self.nodelist = nodelist or NodeList()
        self.inline = nodelist is None

    def content(self, context: template.Context) -> SafeString:
        if self.inline:
            return escaped(self.positional[-1].resolve(context), context)
        return html(self.nodelist, context)


def content_tag(parser: Parser, token: Token, node_class: type[ContentNode], leading: int):
    """Parse `{% tag leading... content k=v %}` or `{% tag leading... k=v %}body{% endtag %}`."""
    tag, *bits = token.split_contents()
    positional, keywords = arguments(parser, bits, tag)
    if len(positional) not in (leading, leading + 1):
        raise template.TemplateSyntaxError(f"{tag} takes {leading} or {leading + 1} arguments")
    nodelist = body(parser, tag) if len(positional) == leading else None
    return node_class(positional, keywords, nodelist)
