from django import forms
from django.utils import timezone

from sendboard.core.forms import GovUKFormMixin, RealDateField, VersionedFormMixin
from sendboard.plans.models import PlanAction, ReportingPeriod, Status


class ProgressForm(VersionedFormMixin, forms.Form):
    """An owner's update of their line: the status it leaves, and what changed."""

    status = forms.ChoiceField(
        label="Status at this update",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    note = forms.CharField(
        label="Update (optional)",
        help_text="What has happened since the last update",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    impact = forms.CharField(
        label="Impact",
        help_text="What has changed for children and families. Needed when it is complete",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    risks_and_mitigations = forms.CharField(
        label="Risks and mitigations (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, instance: PlanAction, **kwargs) -> None:
        self.instance = instance
        kwargs.setdefault("initial", {}).update(
            {
                "status": instance.status,
                "impact": instance.impact,
                "risks_and_mitigations": instance.risks_and_mitigations,
            }
        )
        super().__init__(*args, **kwargs)


class EvidenceForm(GovUKFormMixin, forms.Form):
    written_on = RealDateField(
        named="The date of the evidence",
        label="Date of the evidence",
        help_text="For example, 27 3 2026",
    )
    text = forms.CharField(
        label="What the evidence shows",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the evidence shows"},
    )
    link = forms.URLField(
        label="Link (optional)",
        help_text="Where the evidence is kept, such as a shared drive or a published report",
        required=False,
        assume_scheme="https",
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("written_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class PeriodOpenForm(GovUKFormMixin, forms.Form):
    starts_on = RealDateField(
        named="The first day", label="First day of the period", help_text="For example, 1 11 2026"
    )
    ends_on = RealDateField(
        named="The last day", label="Last day of the period", help_text="For example, 30 11 2026"
    )


class TransferForm(GovUKFormMixin, forms.Form):
    receiving_team = forms.CharField(
        label="Team that takes it on",
        max_length=200,
        help_text="For example, the SEND Assessment Team",
        error_messages={"required": "Enter the team that takes it on"},
    )
    transferred_on = RealDateField(named="The date of transfer", label="Date of transfer")

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("transferred_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class PeriodPickerForm(forms.Form):
    """Choose the period to read; a plain GET form, so it works without JavaScript."""

    period = forms.ChoiceField(label="Reporting period", required=False)

    def __init__(self, *args, periods: list[ReportingPeriod], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [
            (str(period.code), f"{period} ({period.get_state_display().lower()})")
            for period in periods
        ]
        self.fields["period"].widget.attrs["class"] = "govuk-select"
