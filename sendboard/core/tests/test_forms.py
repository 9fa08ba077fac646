import datetime

from django import forms
from django.template import Context, Template

from sendboard.core.forms import GovUKFormMixin, RealDateField


class _DueForm(forms.Form):
    due = RealDateField(named="The due date", label="Due date")


def test_a_date_that_does_not_exist_is_named_as_not_a_real_date():
    for day, month in (("31", "2"), ("32", "1"), ("1", "13")):
        form = _DueForm({"due_0": day, "due_1": month, "due_2": "2027"})
        assert form.errors["due"] == ["The due date must be a real date"], (day, month)


def test_a_real_date_is_read_as_a_date():
    form = _DueForm({"due_0": "28", "due_1": "2", "due_2": "2027"})
    assert form.is_valid()
    assert form.cleaned_data["due"] == datetime.date(2027, 2, 28)


class _KindForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label="Title")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )


def test_a_question_with_choices_is_headed_like_a_question_with_a_box():
    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(
        Context({"form": _KindForm()})
    )
    assert "govuk-label--s" in html
    assert "govuk-fieldset__legend--s" in html
