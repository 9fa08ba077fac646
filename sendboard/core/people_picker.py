"""Choosing people from a partnership's long list, in a page that stays short.

A partnership has dozens of people; one checkbox each made an action's edit page
3,400 px tall. The picker shows only the people already chosen (as ticked checkboxes,
untick to take one off) and a one-line "Add an owner" list. Without JavaScript there are
`SPARE` such lists, so several people can be added in one save; with JavaScript the first
becomes alphagov's accessible-autocomplete (type part of a name) and each person chosen
joins the ticked ones, so any number can be added.

The apps only swap their field: `PeopleChoiceField(noun="owner")` for many people,
`PersonChoiceField()` for one (a plain list that JavaScript makes a type-ahead). Core
knows nothing of governance's Person: a person here is anything with a `name` and an
optional `organisation`.
"""

from django import forms

# Enough for the usual two or three owners without JavaScript, and still short.
SPARE = 2


def person_label(person) -> str:
    """How a person is named in every picker: two Sam Patels differ by organisation."""
    organisation = getattr(person, "organisation", None)
    return f"{person.name}, {organisation}" if organisation else person.name


def _with_article(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


class PeoplePicker(forms.SelectMultiple):
    """Ticked checkboxes for the people chosen, and short lists to add more."""

    template_name = "core/widgets/people_picker.html"

    def __init__(self, *, noun: str = "person", attrs=None) -> None:
        super().__init__(attrs=attrs)
        self.noun = noun

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = [option for _, group, _ in context["widget"]["optgroups"] for option in group]
        widget = context["widget"]
        base_id = widget["attrs"].get("id") or f"id_{name}"
        widget["chosen"] = [
            {**option, "id": f"{base_id}_chosen_{n}"}
            for n, option in enumerate((o for o in options if o["selected"]), start=1)
        ]
        addable = [option for option in options if not option["selected"]]
        widget["adders"] = [
            {
                # The first list carries the field's own id: the error summary links to it.
                "id": base_id if n == 1 else f"{base_id}_add_{n}",
                "label": f"Add {_with_article(self.noun)}"
                if n == 1
                else f"Add another {self.noun}",
            }
            for n in range(1, SPARE + 1)
        ]
        widget["addable"] = addable
        widget["noun"] = self.noun
        widget["choose"] = f"Choose {_with_article(self.noun)}"
        return context

    def value_from_datadict(self, data, files, name):
        # Ticked people and the add lists post under one name; an add list left on
        # "Choose" posts "", and a person both ticked and added counts once.
        values = super().value_from_datadict(data, files, name) or []
        return [value for value in dict.fromkeys(values) if value]

    def id_for_label(self, id_, index=None):
        return id_


class PersonPicker(forms.Select):
    """One person from a plain list, which JavaScript turns into a type-ahead."""

    template_name = "core/widgets/person_picker.html"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs={"data-module": "sendboard-person-picker", **(attrs or {})})


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Many people of a partnership; the form sets the queryset to that partnership's."""

    # Rendered as a fieldset: a legend over the ticked people and the add lists.
    crispy_template = "core/widgets/people_picker_field.html"

    def __init__(self, *, noun: str, **kwargs) -> None:
        kwargs.setdefault("queryset", None)
        super().__init__(widget=PeoplePicker(noun=noun), **kwargs)

    def label_from_instance(self, person) -> str:
        return person_label(person)


class PersonChoiceField(forms.ModelChoiceField):
    """One person of a partnership; the form sets the queryset to that partnership's."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", None)
        super().__init__(widget=PersonPicker, **kwargs)

    def label_from_instance(self, person) -> str:
        return person_label(person)
