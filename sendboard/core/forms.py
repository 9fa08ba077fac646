"""Form pieces shared by every capability: GOV.UK layout and stale-edit protection."""

from functools import cached_property

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.core.exceptions import ValidationError

from sendboard.core.services import StaleEdit


def _say_the_limit(field: forms.Field, name: str) -> None:
    """A text too long is refused as GOV.UK says it: "Minutes must be 10,000 characters or
    fewer", not Django's "Ensure this value has at most..."."""
    limit = getattr(field, "max_length", None)
    if not limit or "max_length" in field.error_messages:  # none, or the form says its own
        return
    label = str(field.label or name.replace("_", " ").capitalize())
    field.error_messages["max_length"] = f"{label} must be {limit:,} characters or fewer"


class GovUKFormMixin:
    """Renders with crispy-forms-gds; templates own the <form> tag and the buttons.

    Templates show errors with `{% include "gds/layout/error_summary.html" %}` above
    the form, which is the GOV.UK error summary pattern.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _say_the_limit(field, name)

    @cached_property
    def helper(self) -> FormHelper:
        """Made when first used: after the form's own __init__ has added or removed fields,
        so the layout names only the fields the form has."""
        helper = FormHelper(self)
        helper.form_tag = False
        helper.label_size = Size.SMALL
        # Radios and checkboxes are headed by a legend; it matches the labels above them.
        helper.legend_size = Size.SMALL
        # A field may bring its own GOV.UK markup (the people picker's fieldset).
        for name, field in self.fields.items():
            template = getattr(field, "crispy_template", None)
            if template and helper.layout is not None:
                helper[name].wrap(Field, template=template)
        return helper


class VersionedFormMixin(GovUKFormMixin, forms.Form):
    """Carries the version of the record the editor opened, so a stale save is refused.

    It is a Form so that Django's metaclass collects the hidden field; it still mixes
    into a ModelForm (`class ActionForm(VersionedFormMixin, forms.ModelForm)`).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["opened_version"] = instance.version


def with_stale_error(form: forms.Form, stale: StaleEdit) -> forms.Form:
    """Show `stale` above an unbound form of the latest record, for the editor to redo."""
    form.cleaned_data = {}  # add_error expects a cleaned form
    form.add_error(None, str(stale))
    return form


class RealDateField(DateInputField):
    """The GOV.UK date input, which says in words when a date does not exist.

    crispy-forms-gds passes on Python's own message ("day is out of range for month").
    `named` is how the message names the date: "The due date must be a real date".
    """

    def __init__(self, *, named: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.named = named

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except ValidationError as error:
            raise ValidationError(f"{self.named} must be a real date", code="invalid") from error
