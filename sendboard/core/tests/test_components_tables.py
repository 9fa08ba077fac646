import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.template.engine import Engine

TABLE = """{% load sendboard_tables %}{% table classes="govuk-table--small-text-until-tablet" %}
  {% caption "Groups" classes="govuk-table__caption--m" %}
  {% th "Group" %}{% th "Members" format="numeric" %}
  {% for group, members in groups %}{% tr %}
    {% th %}<a href="/g/">{{ group }}</a>{% endth %}
    {% td members format="numeric" %}
  {% endtr %}{% endfor %}
{% endtable %}"""


def _compact(html: str) -> str:
    """Markup without the whitespace between tags, which neither renderer promises."""
    return re.sub(r">\s+<", "><", " ".join(html.split()))


def _render(text: str, **context) -> str:
    return _compact(Template(text).render(Context(context)))


def test_a_table_has_a_caption_column_headers_and_a_header_for_each_row():
    html = _render(TABLE, groups=[("Board & co", 12), ("Health", 3)])

    assert html == _compact(
        '<table class="govuk-table govuk-table--small-text-until-tablet">'
        ' <caption class="govuk-table__caption govuk-table__caption--m">Groups</caption>'
        ' <thead class="govuk-table__head"> <tr class="govuk-table__row">'
        ' <th scope="col" class="govuk-table__header">Group</th>'
        ' <th scope="col" class="govuk-table__header govuk-table__header--numeric">Members</th>'
        " </tr> </thead>"
        ' <tbody class="govuk-table__body">'
        ' <tr class="govuk-table__row">'
        ' <th scope="row" class="govuk-table__header"><a href="/g/">Board &amp; co</a></th>'
        ' <td class="govuk-table__cell govuk-table__cell--numeric">12</td> </tr>'
        ' <tr class="govuk-table__row">'
        ' <th scope="row" class="govuk-table__header"><a href="/g/">Health</a></th>'
        ' <td class="govuk-table__cell govuk-table__cell--numeric">3</td> </tr>'
        " </tbody> </table>"
    )


def test_a_table_whose_rows_have_no_header_draws_only_data_cells():
    html = _render(
        '{% load sendboard_tables %}{% table %}{% th "Note" %}'
        "{% tr %}{% td colspan=2 %}No cases{% endtd %}{% endtr %}{% endtable %}"
    )

    assert '<td class="govuk-table__cell" colspan="2">No cases</td>' in html
    assert 'scope="row"' not in html


@pytest.mark.parametrize(
    "rows",
    [
        "{% tr %}{% td 1 %}{% th 2 %}{% endtr %}",
        "{% tr %}{% th 1 %}{% td 2 %}{% endtr %}{% tr %}{% td 3 %}{% td 4 %}{% endtr %}",
    ],
    ids=["a header after a cell", "a header in some rows only"],
)
def test_a_row_header_is_the_first_cell_of_every_row_or_of_none(rows):
    with pytest.raises(TemplateSyntaxError, match="first cell, in every row"):
        _render("{% load sendboard_tables %}{% table %}" + rows + "{% endtable %}")


def test_a_table_refuses_markup_outside_its_cells():
    with pytest.raises(TemplateSyntaxError, match="tr holds only its own tags"):
        _render("{% load sendboard_tables %}{% table %}{% tr %}<td>1</td>{% endtr %}{% endtable %}")


def test_a_tables_rows_may_come_from_a_partial():
    engine = Engine(
        builtins=["sendboard.core.templatetags.sendboard_tables"],
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {
                    "row.html": "{% tr %}{% th name %}{% td count %}{% endtr %}",
                    "table.html": "{% table %}{% for name, count in rows %}"
                    '{% include "row.html" %}{% endfor %}{% endtable %}',
                },
            )
        ],
    )

    html = engine.get_template("table.html").render(Context({"rows": [("A", 1), ("B", 2)]}))

    assert html.count('<th scope="row" class="govuk-table__header">') == 2
    assert '<td class="govuk-table__cell">2</td>' in html


def test_a_wide_table_scrolls_in_a_named_focusable_region():
    html = _render(
        "{% load sendboard_tables %}"
        '{% table_scroll "Action log" %}<table></table>{% endtable_scroll %}'
    )

    assert html.endswith(
        '<div class="sb-table-scroll" role="region" aria-label="Action log" tabindex="0">'
        "<table></table></div>"
    )
