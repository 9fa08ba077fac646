from django import forms

from sendboard.core.forms import GovUKFormMixin
from sendboard.governance.models import Organisation, Partnership, Role


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


def _role_field(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=Role.Name.choices,
        label=label,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what they may do in the partnership"},
    )


class InviteForm(GovUKFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation goes here; they sign in with it",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    role = _role_field("Role in the partnership")


class RoleForm(GovUKFormMixin, forms.Form):
    role = _role_field("Role in the partnership")


class AcceptForm(GovUKFormMixin, forms.Form):
    password = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not a common password",
        error_messages={"required": "Enter a password"},
    )
    password_again = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_again"):
            self.add_error("password_again", "The two passwords are not the same")
        return cleaned

    def service_fields(self) -> dict:
        return {"password": self.cleaned_data["password"]}


class JoinForm(GovUKFormMixin, forms.Form):
    """Accepting an invitation with the account already signed in: only a button."""
