from crispy_forms_gds.layout import Div, Layout
from django import forms
from django.db.models import Q
from django.utils import timezone

from sendboard.core.forms import GovUKFormMixin, RealDateField, VersionedFormMixin
from sendboard.core.people_picker import PersonChoiceField
from sendboard.governance.models import Partnership, Person
from sendboard.plans.models import PlanAction
from sendboard.risks.models import Risk
from sendboard.risks.scoring import IMPACT_WORDS, LIKELIHOOD_WORDS, Band

_MONTHS = [(n, f"Every {n} months" if n > 1 else "Every month") for n in (1, 2, 3, 6, 12)]


def _grade(words: dict[int, str], *, label: str, required: bool = True) -> forms.TypedChoiceField:
    # A required grade starts unchosen too, so nobody scores a risk 1 by leaving it.
    empty = [("", "Not set" if not required else "Choose")]
    return forms.TypedChoiceField(
        label=label,
        choices=[*empty, *((n, f"{n}: {word}") for n, word in words.items())],
        coerce=int,
        empty_value=None,
        required=required,
        error_messages={"required": f"Choose the {label.lower()}"},
    )


class PlanActionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, line: PlanAction) -> str:
        return f"{line.outcome.area.plan.title} {line.reference}: {line.text[:80]}"


class RiskForm(VersionedFormMixin, forms.Form):
    """A risk as added or edited; a change of scores becomes a row of its history."""

    reference = forms.CharField(
        label="Reference (optional)",
        max_length=20,
        required=False,
        help_text="Leave blank for the next number, such as R07",
    )
    title = forms.CharField(
        label="Risk", max_length=200, error_messages={"required": "Enter the title of the risk"}
    )
    description = forms.CharField(
        label="Description (optional)",
        help_text="The cause, what could happen, and its consequence for children and families",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    category = forms.ChoiceField(
        label="Category",
        choices=[("", "Choose a category"), *Risk.Category.choices],
        error_messages={"required": "Choose a category"},
    )
    category_other = forms.CharField(
        label="Other category (if Other)", max_length=100, required=False
    )
    owner = PersonChoiceField(
        label="Owner",
        empty_label="Choose the owner",
        error_messages={"required": "Choose the risk's owner"},
    )
    likelihood = _grade(LIKELIHOOD_WORDS, label="Likelihood before mitigation")
    impact = _grade(IMPACT_WORDS, label="Impact before mitigation")
    residual_likelihood = _grade(LIKELIHOOD_WORDS, label="Likelihood after mitigation")
    residual_impact = _grade(IMPACT_WORDS, label="Impact after mitigation")
    target_likelihood = _grade(
        LIKELIHOOD_WORDS, label="Target likelihood (optional)", required=False
    )
    target_impact = _grade(IMPACT_WORDS, label="Target impact (optional)", required=False)
    review_every_months = forms.TypedChoiceField(
        label="Review", choices=_MONTHS, coerce=int, initial=3
    )
    review_due_on = RealDateField(
        named="The review date",
        label="Next review due (optional)",
        help_text="Leave blank to count from today. For example, 30 9 2026",
        required=False,
    )
    escalated_to_board = forms.BooleanField(
        label="Escalate to the board", required=False, help_text="The board sees it in its pack"
    )
    plan_actions = PlanActionField(
        queryset=PlanAction.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Plan actions that mitigate it (optional)",
        required=False,
    )

    def __init__(self, *args, partnership: Partnership, instance: Risk | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", {}).update(_initial(instance))
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(
            partnership=partnership
        ).select_related("organisation")
        # Lines moved to business as usual are offered only where already linked.
        linked = instance.plan_actions.values("pk") if instance is not None else []
        self.fields["plan_actions"].queryset = (
            PlanAction.objects.filter(outcome__area__plan__partnership=partnership)
            .filter(Q(transferred_on__isnull=True) | Q(pk__in=linked))
            .select_related("outcome__area__plan")
        )
        if not self.fields["plan_actions"].queryset.exists():
            del self.fields["plan_actions"]
        if instance is not None:
            # An edit keeps the reference and leaves escalation to its own buttons.
            del self.fields["reference"], self.fields["escalated_to_board"]
            self.fields["review_due_on"].required = True
            self.fields["review_due_on"].label = "Next review due"
            self.fields["review_due_on"].help_text = "For example, 30 9 2026"

    def service_fields(self) -> dict:
        fields = {k: v for k, v in self.cleaned_data.items() if k != "opened_version"}
        if self.instance is None:
            fields["review_due_on"] = fields["review_due_on"] or None
        return fields


def _initial(risk: Risk) -> dict:
    names = [
        "title",
        "description",
        "category",
        "category_other",
        "owner",
        "likelihood",
        "impact",
        "residual_likelihood",
        "residual_impact",
        "target_likelihood",
        "target_impact",
        "review_every_months",
        "review_due_on",
    ]
    return {
        **{name: getattr(risk, name) for name in names},
        "plan_actions": list(risk.plan_actions.all()),
    }


class ReviewForm(VersionedFormMixin, forms.Form):
    """The owner's review: the scores as they stand now, and what changed."""

    residual_likelihood = _grade(LIKELIHOOD_WORDS, label="Likelihood now, with mitigations")
    residual_impact = _grade(IMPACT_WORDS, label="Impact now, with mitigations")
    note = forms.CharField(
        label="What the review found",
        help_text="What has changed since the last review, and why the score is what it is",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the review found"},
    )
    reviewed_on = RealDateField(named="The date of the review", label="Date of the review")
    next_review_due_on = RealDateField(
        named="The next review date",
        label="Next review due (optional)",
        help_text="Leave blank for the risk's usual interval",
        required=False,
    )

    def __init__(self, *args, instance: Risk, **kwargs) -> None:
        self.instance = instance
        kwargs.setdefault("initial", {}).update(
            {
                "residual_likelihood": instance.residual_likelihood,
                "residual_impact": instance.residual_impact,
                "reviewed_on": timezone.localdate(),
            }
        )
        super().__init__(*args, **kwargs)


class MitigationForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label="Mitigation",
        help_text="A control in place or an action that brings the risk down",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the mitigation"},
    )
    owner = PersonChoiceField(
        label="Owner (optional)",
        empty_label="No owner",
        required=False,
    )
    due_on = RealDateField(
        named="The due date",
        label="Due (optional)",
        help_text="For example, 30 9 2026",
        required=False,
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(
            partnership=partnership
        ).select_related("organisation")


class CloseForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why the risk is closed",
        help_text="For example, the waiting list has reopened and the backlog has cleared",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the risk is closed"},
    )


class BandsForm(GovUKFormMixin, forms.Form):
    """Where each rating band ends; Very high runs from above High to 25."""

    low_max = forms.IntegerField(
        label="Low: scores from 1 up to", min_value=1, max_value=22, initial=4
    )
    medium_max = forms.IntegerField(
        label="Medium: scores up to", min_value=2, max_value=23, initial=9
    )
    high_max = forms.IntegerField(
        label="High: scores up to",
        min_value=3,
        max_value=24,
        initial=15,
        help_text="Scores above this, up to 25, are Very high",
    )


class RegisterFilterForm(GovUKFormMixin, forms.Form):
    """The register's filters: a GET form, so a filtered register has a URL to share."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        initial="live",
        choices=[("live", "Open or tolerated"), ("", "Any, with closed"), *Risk.Status.choices],
    )
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "Any"), *Risk.Category.choices]
    )
    escalated = forms.ChoiceField(
        label="Escalated to the board",
        required=False,
        choices=[("", "Either"), ("yes", "Escalated"), ("no", "Not escalated")],
    )
    band = forms.ChoiceField(
        label="Score now", required=False, choices=[("", "Any band"), *Band.choices]
    )
    review = forms.ChoiceField(
        label="Review",
        required=False,
        choices=[("", "Any"), ("overdue", "Overdue"), ("in_date", "In date")],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Div(
                *(Div(name, css_class="govuk-grid-column-one-third") for name in self.fields),
                css_class="govuk-grid-row",
            )
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-!-width-full"

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        yes_no = {"yes": True, "no": False}
        review = {"overdue": True, "in_date": False}
        return {
            "status": data.get("status", "live") if "status" in self.data else "live",
            "category": data.get("category", ""),
            "escalated": yes_no.get(data.get("escalated", "")),
            "overdue": review.get(data.get("review", "")),
            "band": data.get("band", ""),
        }
