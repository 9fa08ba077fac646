from django import forms
from django.utils import timezone

from sendboard.actions.models import Action
from sendboard.core.forms import GovUKFormMixin, RealDateField, VersionedFormMixin
from sendboard.core.people_picker import PeopleChoiceField
from sendboard.core.uploads import size_in_words
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.governance.models import Organisation, Partnership, Person
from sendboard.plans.highlight import SECTIONS
from sendboard.plans.models import (
    HighlightReport,
    ImprovementPlan,
    PlanAction,
    PriorityArea,
    ReportingPeriod,
    Status,
)
from sendboard.plans.services.evidence import WITHDRAW_REASON_MAX, evidence_allowed


def _reference(example: str) -> forms.CharField:
    """A part's reference as the plan numbers it; the service says when one is taken."""
    return forms.CharField(
        label="Reference",
        max_length=20,
        help_text=f"As the plan numbers it, such as {example}",
        error_messages={"required": "Enter the reference the plan uses"},
    )


class PlanForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Priority Action Plan 2026",
        error_messages={"required": "Enter the title of the plan"},
    )
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=ImprovementPlan.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of plan"},
    )
    source = forms.CharField(
        label="What the plan answers (optional)",
        max_length=200,
        help_text="For example, the area SEND inspection",
        required=False,
    )
    source_date = RealDateField(
        named="The date of the source",
        label="Date of the source (optional)",
        help_text="Such as the date the inspection report was published. For example, 27 3 2026",
        required=False,
    )
    starts_on = RealDateField(
        named="The start date", label="Start date", help_text="For example, 1 4 2026"
    )
    ends_on = RealDateField(
        named="The end date",
        label="End date (optional)",
        help_text="For example, 31 3 2028",
        required=False,
    )


class PriorityAreaForm(GovUKFormMixin, forms.Form):
    reference = _reference("APA1")
    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the title of the area"}
    )
    kind = forms.ChoiceField(
        label="Kind of area",
        choices=PriorityArea.Kind.choices,
        widget=forms.RadioSelect,
        initial=PriorityArea.Kind.PRIORITY_ACTION,
        error_messages={"required": "Choose the kind of area"},
    )


class OutcomeForm(GovUKFormMixin, forms.Form):
    reference = _reference("1")
    title = forms.CharField(
        label="Outcome",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the outcome"},
    )


class PlanActionForm(GovUKFormMixin, forms.Form):
    reference = _reference("1.3")
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what the action is"},
    )
    owners = PeopleChoiceField(
        noun="owner",
        label="Owners (optional)",
        help_text="Add everyone who owns this action. Untick anyone who no longer does.",
        required=False,
    )
    lead_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Lead organisation (optional)",
        empty_label="Choose an organisation",
        required=False,
    )
    workstream = forms.CharField(label="Workstream (optional)", max_length=200, required=False)
    starts_on = RealDateField(
        named="The start date",
        label="Start date (optional)",
        help_text="For example, 1 4 2026",
        required=False,
    )
    due_on = RealDateField(
        named="The due date",
        label="Due date (optional)",
        help_text="For example, 30 9 2026",
        required=False,
    )
    success_measures = forms.CharField(
        label="Success measures (optional)",
        help_text="How the partnership will know it has worked",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = Person.objects.filter(
            partnership=partnership
        ).select_related("organisation")
        self.fields["lead_organisation"].queryset = Organisation.objects.filter(
            partnership=partnership
        )


class EditFormMixin(VersionedFormMixin):
    """A building form opened on a record to change it: its fields start as the record has them."""

    def __init__(self, *args, instance, **kwargs) -> None:
        self.instance = instance
        initial = kwargs.setdefault("initial", {})
        for name in self.base_fields:
            value = getattr(instance, name, None)
            initial.setdefault(name, list(value.all()) if hasattr(value, "all") else value)
        super().__init__(*args, **kwargs)


class PlanEditForm(EditFormMixin, PlanForm):
    pass


class PriorityAreaEditForm(EditFormMixin, PriorityAreaForm):
    pass


class OutcomeEditForm(EditFormMixin, OutcomeForm):
    pass


class PlanActionEditForm(EditFormMixin, PlanActionForm):
    pass


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
    file = forms.FileField(
        label="File (optional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(evidence_allowed().kinds)}),
        error_messages={"empty": "The chosen file is empty"},
    )

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("written_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        # The limit is a setting, so it is read when the form is made, not when imported.
        allowed = evidence_allowed()
        self.fields[
            "file"
        ].help_text = f"Up to {size_in_words(allowed.max_bytes)}: {allowed.kinds_in_words()}"


class EvidenceWithdrawForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn? (optional)",
        help_text="Kept in the line's history. For example, the wrong file was added",
        max_length=WITHDRAW_REASON_MAX,
        required=False,
    )


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, action: Action) -> str:
        return f"{action.reference}: {action.title} ({action.get_status_display().lower()})"


class ForwardPlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item: ForwardPlanItem) -> str:
        return f"{item.title} ({item.target_month:%B %Y}, {item.get_status_display().lower()})"


class LinkForm(GovUKFormMixin, forms.Form):
    """Link the line to an action from the log or an item of the forward plan."""

    action = ActionChoiceField(
        queryset=Action.objects.none(),
        label="Action from the action log",
        empty_label="Choose an action",
        required=False,
    )
    forward_plan_item = ForwardPlanItemChoiceField(
        queryset=ForwardPlanItem.objects.none(),
        label="Forward plan item",
        empty_label="Choose a forward plan item",
        required=False,
    )

    def __init__(self, *args, plan_action: PlanAction, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        partnership = plan_action.outcome.area.plan.partnership
        self.fields["action"].queryset = (
            Action.objects.filter(board__partnership=partnership)
            .exclude(plan_actions=plan_action)
            .select_related("board")
        )
        self.fields["forward_plan_item"].queryset = ForwardPlanItem.objects.filter(
            group__partnership=partnership
        ).exclude(plan_actions=plan_action)


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


class HighlightReportForm(VersionedFormMixin, forms.Form):
    """The narrative of a highlight report; its figures are computed, never typed here."""

    introduction = forms.CharField(
        label="Summary",
        help_text="The narrative and context the board needs to read the figures",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
    )
    difference_made = forms.CharField(
        label="What difference has been made",
        help_text="For children, young people and families, in words they would use",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    concerns = forms.CharField(
        label="Off track or at risk",
        help_text="Why, and what is being done about it",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    next_steps = forms.CharField(
        label="Next steps",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    state = forms.ChoiceField(
        label="Is the report ready for the board?",
        choices=HighlightReport.State.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the report is a draft or ready"},
    )

    def __init__(self, *args, instance: HighlightReport, **kwargs) -> None:
        self.instance = instance
        kwargs.setdefault("initial", {}).update(
            {field: getattr(instance, field) for field in (*SECTIONS, "state")}
        )
        super().__init__(*args, **kwargs)
