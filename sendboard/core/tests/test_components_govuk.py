import pytest
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory


def _render(text: str, **context) -> str:
    return Template("{% load sendboard_govuk %}" + text).render(Context(context))


def _squeezed(html: str) -> str:
    return " ".join(html.split())


def test_a_component_is_named_as_gov_uk_names_it_and_takes_the_librarys_fields():
    html = _render(
        '{% govuk "button" text=label classes="govuk-button--secondary" %}', label="<Save>"
    )

    assert _squeezed(html) == (
        '<button type="submit" class="govuk-button govuk-button--secondary" '
        'data-module="govuk-button"> &lt;Save&gt; </button>'
    )


def test_a_components_body_is_its_html():
    html = _render(
        '{% govuk "button" %}Draft<span class="govuk-visually-hidden"> of {{ meeting }}</span>'
        "{% endgovuk %}",
        meeting="<b>board</b>",
    )

    assert 'Draft<span class="govuk-visually-hidden"> of &lt;b&gt;board&lt;/b&gt;</span>' in html


def test_a_component_gov_uk_does_not_have_is_a_template_error():
    with pytest.raises(TemplateSyntaxError, match="no component 'carousel'"):
        _render('{% govuk "carousel" text="Hi" %}')


def test_the_back_link_is_in_a_navigation_landmark():
    html = _render('{% back_link "/actions/" "Action log" %}')

    assert _squeezed(html) == (
        '<nav aria-label="Back"> <a href="/actions/" class="govuk-back-link">Action log</a> </nav>'
    )


def test_a_status_tag_carries_its_word_and_its_colour():
    assert (
        _squeezed(_render("{% status_tag 'Open' 'blue' %}"))
        == '<strong class="govuk-tag govuk-tag--blue"> Open </strong>'
    )
    assert (
        _squeezed(_render("{% status_tag word %}", word="Draft"))
        == '<strong class="govuk-tag govuk-tag--grey"> Draft </strong>'
    )
    assert "&lt;b&gt;" in _render("{% status_tag word 'red' %}", word="<b>")


def test_a_summary_lists_rows_take_their_value_as_an_argument_or_a_body():
    html = _render(
        '{% summary_list classes="govuk-summary-list--no-border" %}'
        '  {% summary_row "Owner" owner %}'
        '  {% if due %}{% summary_row "Due" due %}{% endif %}'
        '  {% summary_row "Meeting" classes="sb-no-print" %}'
        '<a href="/m/">{{ meeting }}</a>{% endsummary_row %}'
        "{% endsummary_list %}",
        owner="A & B",
        due=None,
        meeting="Board",
    )

    assert _squeezed(html) == (
        '<dl class="govuk-summary-list govuk-summary-list--no-border">'
        ' <div class="govuk-summary-list__row"> <dt class="govuk-summary-list__key"> Owner </dt>'
        ' <dd class="govuk-summary-list__value"> A &amp; B </dd> </div>'
        ' <div class="govuk-summary-list__row sb-no-print">'
        ' <dt class="govuk-summary-list__key"> Meeting </dt>'
        ' <dd class="govuk-summary-list__value"> <a href="/m/">Board</a> </dd> </div> </dl>'
    )


def test_a_summary_list_refuses_markup_outside_its_rows():
    with pytest.raises(TemplateSyntaxError, match="summary_list holds only its own tags"):
        _render("{% summary_list %}<div>Lost</div>{% endsummary_list %}")


def _pages(query: str, text: str, number: int, count: int = 200) -> str:
    request = RequestFactory().get(f"/actions/{query}")
    page = Paginator(range(count), 10).get_page(number)
    template = Template("{% load sendboard_govuk %}" + text)
    return _squeezed(template.render(RequestContext(request, {"page": page})))


def test_pagination_numbers_the_pages_and_keeps_the_rest_of_the_query():
    html = _pages("?status=open&page=7", "{% pagination page %}", 7)

    assert '<nav class="govuk-pagination" aria-label="Pages of results">' in html
    assert 'href="?status=open&amp;page=6" rel="prev"' in html
    assert 'href="?status=open&amp;page=8" rel="next"' in html
    assert 'href="?status=open&amp;page=7" aria-label="Page 7" aria-current="page"' in html
    assert [n for n in range(1, 21) if f'aria-label="Page {n}"' in html] == [1, 5, 6, 7, 8, 9, 20]
    assert html.count("govuk-pagination__item--ellipsis") == 2


def test_pagination_of_a_sequence_names_its_two_links_and_numbers_nothing():
    html = _pages(
        "?group=board",
        '{% pagination page label="Past meetings, pages"'
        ' previous="Later meetings" next="Earlier meetings" %}',
        1,
    )

    assert 'aria-label="Past meetings, pages"' in html
    assert "govuk-pagination--block" in html
    assert 'href="?group=board&amp;page=2" rel="next"' in html
    assert "Earlier meetings" in html
    assert "Later meetings" not in html
    assert "govuk-pagination__list" not in html


def test_a_single_page_needs_no_pagination():
    assert _pages("", "{% pagination page %}", 1, count=10) == ""
