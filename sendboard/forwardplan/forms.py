from datetime import date

from django import forms
from django.utils import timezone

from sendboard.actions.forms import MeetingChoiceField
from sendboard.core.forms import GovUKFormMixin, VersionedFormMixin
from sendboard.core.people_picker import PersonChoiceField
from sendboard.forwardplan.models import ForwardPlanItem
from sendboard.forwardplan.services import first_of_month, month_after
from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings.models import Meeting

MONTHS_AHEAD = 24


def month_choices(*, keep: date | None = None) -> list[tuple[str, str]]:
    """The coming months, plus `keep` when an item is already planned for an earlier one."""
    month = first_of_month(timezone.localdate())
    months = []
    for _ in range(MONTHS_AHEAD):
        months.append(month)
        month = month_after(month)
    if keep is not None and keep not in months:
        months.insert(0, keep)
    return [("", "No month"), *((month.isoformat(), f"{month:%B %Y}") for month in months)]


def _upcoming_meetings(groups, *, keep: Meeting | None = None):
    meetings = Meeting.objects.filter(date__gte=timezone.localdate(), group__in=groups)
    if keep is not None:
        meetings = meetings | Meeting.objects.filter(pk=keep.pk)
    return (
        meetings.exclude(status=Meeting.Status.CANCELLED).select_related("group").order_by("date")
    )


class ForwardPlanItemFieldsForm(GovUKFormMixin, forms.Form):
    """What adding and editing a forward plan item share."""

    title = forms.CharField(
        label="What is planned",
        max_length=300,
        help_text="For example, deep dive into Preparation for Adulthood",
        error_messages={"required": "Enter what is planned"},
    )
    kind = forms.ChoiceField(
        label="Kind of item",
        choices=ForwardPlanItem.Kind.choices,
        widget=forms.RadioSelect,
        initial=ForwardPlanItem.Kind.REPORT,
        error_messages={"required": "Choose the kind of item"},
    )
    owner = PersonChoiceField(label="Owner (optional)", empty_label="Not set yet", required=False)
    target_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), label="Meeting (if known)", required=False
    )
    target_month = forms.TypedChoiceField(
        label="Month (when no meeting is set yet)",
        coerce=date.fromisoformat,
        empty_value=None,
        required=False,
    )
    notes = forms.CharField(
        label="Notes (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, partnership: Partnership, instance=None, **kwargs) -> None:
        self.instance = instance
        if instance is not None:
            kwargs.setdefault("initial", {}).update(
                {
                    "group": instance.group_id,
                    "title": instance.title,
                    "kind": instance.kind,
                    "owner": instance.owner_id,
                    "target_meeting": instance.target_meeting_id,
                    "target_month": instance.target_month.isoformat()
                    if instance.target_month
                    else "",
                    "notes": instance.notes,
                }
            )
        super().__init__(*args, **kwargs)
        groups = Group.objects.filter(partnership=partnership)
        self.fields["owner"].queryset = Person.objects.filter(
            partnership=partnership
        ).select_related("organisation")
        self.fields["target_meeting"].empty_label = "Not set yet"
        self.fields["target_meeting"].queryset = _upcoming_meetings(
            [instance.group] if instance else groups,
            keep=instance.target_meeting if instance else None,
        )
        self.fields["target_month"].choices = month_choices(
            keep=instance.target_month if instance else None
        )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("target_meeting") and not data.get("target_month"):
            self.add_error("target_meeting", "Choose a meeting or a month")
        return data


class ForwardPlanItemCreateForm(ForwardPlanItemFieldsForm):
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        label="Group it is planned for",
        error_messages={"required": "Choose the group"},
    )

    field_order = ["group"]

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["group"].empty_label = "Choose a group"


class ForwardPlanItemEditForm(VersionedFormMixin, ForwardPlanItemFieldsForm):
    """The item's fields, with the version the editor opened."""


class ForwardPlanDeferForm(GovUKFormMixin, forms.Form):
    to_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), label="Defer to meeting", required=False
    )
    to_month = forms.TypedChoiceField(
        label="Or defer to month", coerce=date.fromisoformat, empty_value=None, required=False
    )
    reason = forms.CharField(
        label="Reason for deferring",
        help_text="The next agenda shows this beside the item",
        max_length=300,
        error_messages={"required": "Enter why the item is being deferred"},
    )

    def __init__(self, *args, item: ForwardPlanItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        later = _upcoming_meetings([item.group]).exclude(pk=item.target_meeting_id)
        if item.target_meeting is not None:
            later = later.filter(date__gt=item.target_meeting.date)
        self.fields["to_meeting"].queryset = later
        self.fields["to_meeting"].empty_label = "Choose a meeting"
        self.fields["to_month"].choices = month_choices()

    def clean(self) -> dict:
        data = super().clean()
        if bool(data.get("to_meeting")) == bool(data.get("to_month")):
            self.add_error("to_meeting", "Choose either a meeting or a month to defer it to")
        return data


class ForwardPlanFilterForm(forms.Form):
    group = forms.ModelChoiceField(queryset=Group.objects.none(), required=False, label="Group")
    include_presented = forms.BooleanField(required=False, label="Include presented items")

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["group"].empty_label = "All groups"
        self.fields["group"].widget.attrs["class"] = "govuk-select"
        self.fields["include_presented"].widget.attrs["class"] = "govuk-checkboxes__input"
