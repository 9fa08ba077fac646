from django import forms

from sendboard.core.forms import VersionedFormMixin
from sendboard.publishing.models import PublicSummary

_BODY_HINT = (
    'Start a line with "## " for a heading and "- " for a bullet point. Leave a blank line '
    "between paragraphs. Write for families: short sentences, no names of people, and spell "
    "out an acronym the first time you use it."
)


class SummaryForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = PublicSummary
        fields = ["title", "body"]
        labels = {"body": "Summary"}
        help_texts = {"body": _BODY_HINT}
        widgets = {"body": forms.Textarea(attrs={"rows": 30})}
        error_messages = {
            "title": {"required": "Enter the title of the summary"},
            "body": {"required": "Enter the summary"},
        }


class VersionForm(VersionedFormMixin):
    """A button's form: it carries the version the person saw, so they act on what they read."""


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        required=False,
        max_length=200,
        help_text="Kept in the summary's history.",
    )


class DraftForm(forms.Form):
    meeting = forms.UUIDField(widget=forms.HiddenInput)
