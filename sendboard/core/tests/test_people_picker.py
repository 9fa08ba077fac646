import re

from django import forms
from django.http import QueryDict
from django.template import Context, Template

from sendboard.core.forms import GovUKFormMixin
from sendboard.core.people_picker import SPARE, PeoplePicker, person_label

PEOPLE = [(str(n), f"Person {n}") for n in range(1, 41)]


class _OwnersForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label="Action", required=False)
    owners = forms.MultipleChoiceField(
        label="Owners",
        help_text="Add everyone who owns it",
        choices=PEOPLE,
        widget=PeoplePicker(noun="owner"),
        error_messages={"required": "Choose at least one owner"},
    )
    owners.crispy_template = "core/widgets/people_picker_field.html"


def _render(form) -> str:
    return Template(
        '{% load crispy_forms_tags %}{% include "gds/layout/error_summary.html" %}{% crispy form %}'
    ).render(Context({"form": form}))


def _posted(**lists) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, values in lists.items():
        data.setlist(name, values)
    return data


def test_only_the_people_chosen_are_checkboxes_however_many_people_there_are():
    html = _render(_OwnersForm(initial={"owners": ["3", "17"]}))
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*>', html)
    assert len(boxes) == 2
    assert all("checked" in box for box in boxes)
    assert 'value="3"' in boxes[0] and 'value="17"' in boxes[1]
    assert html.count("<select") == SPARE


def test_the_add_lists_offer_everyone_not_yet_chosen():
    html = _render(_OwnersForm(initial={"owners": ["3"]}))
    first_list = html.split("<select", 2)[1]
    assert first_list.count("<option") == 1 + 39  # "Choose an owner" and the others
    assert ">Person 3<" not in first_list
    assert ">Choose an owner<" in first_list


def test_the_picker_is_a_fieldset_whose_first_list_is_labelled_and_takes_the_fields_id():
    html = _render(_OwnersForm())
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Owners</legend>' in (
        re.sub(r"\s+", " ", html).replace("> ", ">").replace(" <", "<")
    )
    assert '<label class="govuk-label" for="id_owners">Add an owner</label>' in html
    assert '<label class="govuk-label" for="id_owners_add_2">Add another owner</label>' in html
    assert 'aria-describedby="id_owners_hint"' in html


def test_an_error_links_from_the_summary_to_the_first_add_list():
    form = _OwnersForm(_posted(owners=["", ""]))
    assert form.errors["owners"] == ["Choose at least one owner"]
    html = _render(form)
    assert '<a href="#id_owners">Choose at least one owner</a>' in html
    assert "govuk-form-group--error" in html


def test_people_ticked_and_added_are_read_once_and_unchosen_lists_are_ignored():
    form = _OwnersForm(_posted(owners=["3", "17", "", "17", "9"]))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["owners"] == ["3", "17", "9"]


def test_a_person_unticked_is_taken_off():
    form = _OwnersForm(_posted(owners=["17", ""]), initial={"owners": ["3", "17"]})
    assert form.is_valid()
    assert form.cleaned_data["owners"] == ["17"]


def test_a_page_sent_back_with_an_error_keeps_the_people_added_as_ticked():
    form = _OwnersForm(_posted(owners=["12", "", "5", "nobody"]))
    assert not form.is_valid()
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*>', _render(form))
    # Someone who is not in the list cannot be named, so is not shown as chosen.
    assert [re.search(r'value="([^"]*)"', box)[1] for box in boxes] == ["5", "12"]


def test_the_picker_loads_its_script_from_a_file_not_inline():
    html = _render(_OwnersForm())
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts == [""]
    assert 'src="/static/sendboard/js/people-picker.js"' in html


def test_a_person_is_named_with_their_organisation_when_they_have_one():
    class _Someone:
        def __init__(self, name, organisation=None):
            self.name, self.organisation = name, organisation

    assert person_label(_Someone("Sunita Rahman", "Northshire Council")) == (
        "Sunita Rahman, Northshire Council"
    )
    assert person_label(_Someone("Sunita Rahman")) == "Sunita Rahman"
