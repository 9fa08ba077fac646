"""A wide table on a phone scrolls in its own box.

{% table_scroll "Action log" %}<table>...</table>{% endtable_scroll %}
"""

from django import template

register = template.Library()


class TableScrollNode(template.Node):
    def __init__(self, label: template.base.FilterExpression, nodelist: template.NodeList):
        self.label = label
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        wrapper = context.template.engine.get_template("core/components/table_scroll.html")
        with context.push(label=self.label.resolve(context), table=self.nodelist.render(context)):
            return wrapper.render(context)


@register.tag
def table_scroll(parser: template.base.Parser, token: template.base.Token) -> TableScrollNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the region's name")
    nodelist = parser.parse(("endtable_scroll",))
    parser.delete_first_token()
    return TableScrollNode(parser.compile_filter(bits[1]), nodelist)
