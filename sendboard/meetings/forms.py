from django import forms

from sendboard.core.forms import GovUKFormMixin, VersionedFormMixin
from sendboard.core.people_picker import PeopleChoiceField
from sendboard.core.uploads import size_in_words
from sendboard.governance.models import Group, Partnership, Person
from sendboard.meetings.models import AgendaItem, Attendance, Meeting, MinuteEntry
from sendboard.meetings.services import PAPER, AttendanceRow


def _people(partnership: Partnership):
    return Person.objects.filter(partnership=partnership).select_related("organisation")


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["group", "number", "date", "start_time", "end_time", "location", "format"]
        widgets = {
            "number": forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
            # A date box takes and shows only ISO dates, whatever the site's date format.
            "date": forms.DateInput(
                format="%Y-%m-%d",
                attrs={"type": "date", "class": "govuk-input govuk-input--width-10"},
            ),
            "start_time": forms.TimeInput(
                format="%H:%M", attrs={"type": "time", "class": "govuk-input govuk-input--width-10"}
            ),
            "end_time": forms.TimeInput(
                format="%H:%M", attrs={"type": "time", "class": "govuk-input govuk-input--width-10"}
            ),
            "format": forms.RadioSelect,
        }
        labels = {"number": "Meeting number", "location": "Place", "format": "How it meets"}
        help_texts = {
            "number": "Its number in the group's series. Leave it blank for the next number.",
            "location": "A room and building, or the name of the online platform",
        }
        error_messages = {
            "number": {"min_value": "Enter the meeting number as 0 or more"},
            "date": {
                "required": "Enter the date of the meeting",
                "invalid": "Enter the date of the meeting as a real date",
            },
            "start_time": {"invalid": "Enter the start time, for example 10:00"},
            "end_time": {"invalid": "Enter the end time, for example 12:30"},
        }

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["group"].empty_label = None
        if self.instance.pk:
            del self.fields["group"]
            self.fields["number"].help_text = "Its number in the group's series"
        else:
            self.fields["number"].required = False

    def _get_validation_exclusions(self):
        # The number's clash is the service's to check: it says so on the number's field
        # and in words, where the model's constraint would say "Meeting with this Group
        # and Number already exists" above the form.
        return super()._get_validation_exclusions() | {"number"}


class AgendaItemForm(VersionedFormMixin, forms.ModelForm):
    presenters = PeopleChoiceField(
        noun="presenter",
        label="Presented by",
        help_text="Add everyone presenting the item. Untick anyone who no longer is.",
        required=False,
    )

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "purpose",
            "presenters",
            "reporting_group",
            "minutes_allowed",
            "description",
            "confidential",
        ]
        widgets = {
            "purpose": forms.RadioSelect,
            "minutes_allowed": forms.NumberInput(
                attrs={"class": "govuk-input govuk-input--width-4"}
            ),
        }
        labels = {
            "reporting_group": "Subgroup reporting",
            "minutes_allowed": "Minutes allowed (optional)",
            "description": "Notes for the agenda (optional)",
            "confidential": "Confidential (Part B)",
        }
        help_texts = {
            "confidential": "Taken in private: the item and its minutes are kept out of the "
            "public minutes, the summary and their Word files",
        }
        error_messages = {
            "title": {"required": "Enter the title of the item"},
            "minutes_allowed": {
                "min_value": "Enter the minutes allowed as 0 or more",
                "invalid": "Enter the minutes allowed as a whole number",
            },
        }

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenters"].queryset = _people(partnership)
        self.fields["reporting_group"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["reporting_group"].empty_label = "No subgroup"
        self.fields["purpose"].choices = [("", "Not said"), *AgendaItem.Purpose.choices]


class PaperForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(
        max_length=300, required=False, help_text="Leave blank to use the file's name"
    )
    file = forms.FileField(
        label="File",
        help_text=f"Up to {size_in_words(PAPER.max_bytes)}: {PAPER.kinds_in_words()}",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(PAPER.kinds)}),
        error_messages={
            "required": "Choose the file of the paper",
            "empty": "The chosen file is empty",
        },
    )


class MinuteEntryForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MinuteEntry
        fields = ["kind", "text", "speaker", "responds_to", "escalated_from", "confidential"]
        widgets = {"kind": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 6})}
        labels = {
            "kind": "Type of entry",
            "text": "Minutes",
            "speaker": "Who spoke (optional)",
            "responds_to": "The challenge it responds to",
            "escalated_from": "The group that escalated it",
            "confidential": "Confidential (Part B)",
        }
        help_texts = {
            "responds_to": "Only for a response",
            "escalated_from": "Only for an escalation from a subgroup",
            "confidential": "Kept out of the public minutes and the summary",
        }
        error_messages = {
            "kind": {"required": "Choose the type of entry"},
            "text": {"required": "Enter the minutes"},
        }

    def __init__(self, *args, item: AgendaItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        partnership = item.meeting.group.partnership
        self.fields["speaker"].queryset = _people(partnership)
        self.fields["speaker"].empty_label = "Not recorded"
        challenges = item.entries.filter(kind=MinuteEntry.Kind.CHALLENGE)
        if self.instance.pk:
            challenges = challenges.exclude(pk=self.instance.pk)
        self.fields["responds_to"].queryset = challenges
        self.fields["responds_to"].empty_label = "Not a response"
        self.fields["escalated_from"].queryset = Group.objects.filter(partnership=partnership)
        self.fields["escalated_from"].empty_label = "Not an escalation"


class AttendanceForm(GovUKFormMixin, forms.Form):
    """One row per person listed, plus a few rows to add anyone else in the partnership."""

    EXTRA_ROWS = 5

    def __init__(
        self, *args, meeting: Meeting, listed: list[Person], others: list[Person], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.listed = listed
        everyone = sorted([*listed, *others], key=lambda person: person.name)
        self.people = {str(person.pk): person for person in everyone}
        kinds = [("", "Not recorded"), *Attendance.Kind.choices]
        select = forms.Select(attrs={"class": "govuk-select"})
        deputising_choices = [("", "Nobody"), *((str(p.pk), p.name) for p in everyone)]
        recorded = {row.person_id: row for row in meeting.attendance.all()}
        for person in listed:
            row = recorded.get(person.pk)
            self.fields[f"kind_{person.pk}"] = forms.ChoiceField(
                label=f"How {person.name} attended",
                choices=kinds,
                required=False,
                initial=row.kind if row else "",
                widget=select,
            )
            self.fields[f"deputising_for_{person.pk}"] = forms.ChoiceField(
                label=f"Whom {person.name} deputised for",
                choices=deputising_choices,
                required=False,
                initial=row.deputising_for_id if row else "",
                widget=select,
            )
        other_choices = [("", "Choose a person"), *((str(p.pk), p.described) for p in others)]
        # A select is as wide as its longest option; a full title and organisation would
        # push the table off the page, so this one takes the width of its column.
        wide = forms.Select(attrs={"class": "govuk-select govuk-!-width-full"})
        for index in range(self.EXTRA_ROWS if others else 0):
            self.fields[f"extra_person_{index}"] = forms.ChoiceField(
                label=f"Another person, row {index + 1}",
                choices=other_choices,
                required=False,
                widget=wide,
            )
            self.fields[f"extra_kind_{index}"] = forms.ChoiceField(
                label=f"How they attended, row {index + 1}",
                choices=kinds,
                required=False,
                widget=select,
            )
            self.fields[f"extra_deputising_for_{index}"] = forms.ChoiceField(
                label=f"Whom they deputised for, row {index + 1}",
                choices=deputising_choices,
                required=False,
                widget=select,
            )

    def listed_rows(self):
        """(person, kind field, deputising field) for the template's table."""
        return [
            (person, self[f"kind_{person.pk}"], self[f"deputising_for_{person.pk}"])
            for person in self.listed
        ]

    def extra_rows(self):
        return [
            (self[f"extra_person_{i}"], self[f"extra_kind_{i}"], self[f"extra_deputising_for_{i}"])
            for i in range(self.EXTRA_ROWS)
            if f"extra_person_{i}" in self.fields
        ]

    def clean(self):
        cleaned = super().clean()
        raw = [
            (str(person.pk), f"kind_{person.pk}", f"deputising_for_{person.pk}")
            for person in self.listed
        ]
        for index in range(self.EXTRA_ROWS):
            if cleaned.get(f"extra_person_{index}"):
                raw.append(
                    (
                        cleaned[f"extra_person_{index}"],
                        f"extra_kind_{index}",
                        f"extra_deputising_for_{index}",
                    )
                )
        rows = []
        for person_pk, kind_field, deputy_field in raw:
            kind = cleaned.get(kind_field)
            if not kind:
                continue
            person = self.people[person_pk]
            deputising_for = self.people.get(cleaned.get(deputy_field) or "")
            if kind == Attendance.Kind.DEPUTISING and deputising_for is None:
                self.add_error(deputy_field, f"Choose whom {person.name} was deputising for")
            elif kind != Attendance.Kind.DEPUTISING:
                deputising_for = None
            rows.append(AttendanceRow(person=person, kind=kind, deputising_for=deputising_for))
        cleaned["rows"] = rows
        return cleaned

    def service_fields(self) -> dict:
        """What `attendance_record` is given: the rows, not the fields they came from."""
        return {"rows": self.cleaned_data["rows"]}
