from html import escape

from django import forms
from django.utils import timezone
from django.utils.safestring import mark_safe

from sendboard.actions.models import Action
from sendboard.actions.queries import OVERDUE, LogFilters, long_date
from sendboard.core.forms import GovUKFormMixin, RealDateField, VersionedFormMixin
from sendboard.core.people_picker import PeopleChoiceField
from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings.models import AgendaItem, Meeting


class Due:
    DATE = "date"
    NEXT_MEETING = "next_meeting"
    NONE = "none"
    CHOICES = [
        (DATE, "By a date"),
        (NEXT_MEETING, "By the next meeting of the group"),
        (NONE, "No due date"),
    ]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.group.name}, {meeting.date.day} {meeting.date:%B %Y}"


class ActionFieldsForm(GovUKFormMixin, forms.Form):
    """What raising and editing an action share."""

    title = forms.CharField(
        label="Action", max_length=300, error_messages={"required": "Enter the action"}
    )
    description = forms.CharField(
        label="More detail (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    owners = PeopleChoiceField(
        noun="owner",
        label="Owners",
        help_text="Add everyone who owns this action. Untick anyone who no longer does.",
        error_messages={"required": "Choose at least one owner"},
    )
    due = forms.ChoiceField(
        label="When is it due?",
        choices=Due.CHOICES,
        widget=forms.RadioSelect,
        initial=Due.NONE,
        error_messages={"required": "Choose when the action is due"},
    )
    due_date = RealDateField(
        named="The due date",
        label="Due date",
        help_text="Only if it is due by a date. For example, 27 3 2026",
        required=False,
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        self.instance = kwargs.pop("instance", None)
        if self.instance is not None:
            kwargs.setdefault("initial", {}).update(_initial_from(self.instance))
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = Person.objects.filter(
            partnership=partnership
        ).select_related("organisation")

    def clean(self) -> dict:
        data = super().clean()
        # A date given but impossible has its own error already.
        if (
            data.get("due") == Due.DATE
            and not data.get("due_date")
            and "due_date" not in self.errors
        ):
            self.add_error("due_date", "Enter the due date")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "owners": data["owners"],
            "due_date": data["due_date"] if data["due"] == Due.DATE else None,
            "due_by_next_meeting": data["due"] == Due.NEXT_MEETING,
        }


class ActionEditForm(VersionedFormMixin, ActionFieldsForm):
    """The action's fields, with the version the editor opened."""


class ActionCreateForm(ActionFieldsForm):
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        label="Group that raised it",
        error_messages={"required": "Choose the group that raised the action"},
    )
    source_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(), label="Meeting that raised it (optional)", required=False
    )
    source_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        to_field_name="code",
        widget=forms.HiddenInput,
        required=False,
    )

    field_order = ["group", "source_meeting", "source_item", "title"]

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["group"].empty_label = "Choose a group"
        self.fields["source_meeting"].empty_label = "Not raised at a meeting"
        self.fields["source_meeting"].queryset = Meeting.objects.filter(
            group__partnership=partnership
        ).select_related("group")
        self.fields["source_item"].queryset = AgendaItem.objects.filter(
            meeting__group__partnership=partnership
        )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **super().service_fields(),
            "group": data["group"],
            "source_meeting": data["source_meeting"],
            "source_item": data["source_item"],
        }


def _initial_from(action: Action) -> dict:
    if action.due_date is not None:
        due = Due.DATE
    elif action.due_by_next_meeting:
        due = Due.NEXT_MEETING
    else:
        due = Due.NONE
    return {
        "title": action.title,
        "description": action.description,
        "owners": list(action.owners.all()),
        "due": due,
        "due_date": action.due_date,
    }


class ActionUpdateForm(GovUKFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status after this update",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )
    text = forms.CharField(
        label="Update",
        help_text="What has happened. When deferring, say why.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    written_on = RealDateField(
        named="The date of the update",
        label="Date of the update",
        help_text="For example, 27 3 2026",
    )
    transferred_to = forms.CharField(
        label="Transferred to (if transferred)",
        help_text="For example, the Preparation for Adulthood subgroup",
        max_length=200,
        required=False,
    )
    new_due_date = RealDateField(
        named="The new due date", label="New due date (optional)", required=False
    )

    def __init__(self, *args, action: Action, **kwargs) -> None:
        kwargs.setdefault("initial", {}).update(
            {"status": action.status, "written_on": timezone.localdate()}
        )
        super().__init__(*args, **kwargs)


class ActionFilterForm(forms.Form):
    """The action log's filters: a GET form, so a filtered log has a URL to share.

    Owners and meetings are plain (id, label) pairs read with `values_list` and
    checked against the ids read, and the template gets each select's <option>s as
    one string: ten years of meetings as choices, normalised by Django and rendered
    through its option template, cost more than the rest of the page.
    """

    owner = forms.IntegerField(required=False, label="Owner")
    status = forms.ChoiceField(required=False, label="Status")
    group = forms.IntegerField(required=False, label="Group")
    meeting = forms.IntegerField(required=False, label="Raised at meeting")

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        groups = dict(Group.objects.filter(partnership=partnership).values_list("pk", "name"))
        meetings = (
            Meeting.objects.filter(group__partnership=partnership)
            .order_by("-date", "group__name")
            .values_list("pk", "group_id", "date")
        )
        self.fields["status"].choices = [
            ("", "Any status"),
            (OVERDUE, "Overdue"),
            *Action.Status.choices,
        ]
        self.options = {
            "owner": [
                ("", "Any"),
                *Person.objects.filter(partnership=partnership).values_list("pk", "name"),
            ],
            "status": self.fields["status"].choices,
            "group": [("", "Any"), *groups.items()],
            "meeting": [
                ("", "Any"),
                *((pk, f"{groups[group_id]}, {long_date(day)}") for pk, group_id, day in meetings),
            ],
        }

    def _known(self, name: str) -> int | None:
        value = self.cleaned_data.get(name)
        if value is not None and value not in {pk for pk, _label in self.options[name]}:
            raise forms.ValidationError("Select a valid choice.", code="invalid_choice")
        return value

    def clean_owner(self) -> int | None:
        return self._known("owner")

    def clean_group(self) -> int | None:
        return self._known("group")

    def clean_meeting(self) -> int | None:
        return self._known("meeting")

    def filters(self) -> LogFilters:
        if not self.is_valid():
            return LogFilters()
        data = self.cleaned_data
        return LogFilters(
            owner_id=data.get("owner"),
            status=data["status"],
            group_id=data.get("group"),
            meeting_id=data.get("meeting"),
        )

    def selects(self) -> list[dict]:
        found = []
        for name in self.fields:
            field = self[name]
            chosen = str(field.value() or "")
            options = "".join(
                f'<option value="{value}"{" selected" if str(value) == chosen else ""}>'
                f"{escape(label)}</option>"
                for value, label in self.options[name]
            )
            found.append({"field": field, "options": mark_safe(options)})
        return found
