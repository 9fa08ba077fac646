from django import forms

from sendboard.core.forms import GovUKFormMixin
from sendboard.governance.models import Organisation, Partnership


class PersonForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the person's full name"}
    )
    job_title = forms.CharField(
        max_length=200,
        required=False,
        label="Job title or role (optional)",
        help_text="As formal minutes list it, for example Department for Education SEND Adviser",
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Organisation (optional)"
    )
    email = forms.EmailField(
        required=False,
        label="Email address (optional)",
        error_messages={"invalid": "Enter an email address like name@example.org"},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = partnership.organisations.all()
