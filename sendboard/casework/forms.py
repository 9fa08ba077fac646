"""Forms of the analyst's casework pages: the upload, and the GET form that chooses
the period, the configurable choices and the what-if capacity."""

from pathlib import Path

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Layout, Size
from django import forms

from sendboard.casework.engine import EngineOptions
from sendboard.casework.models import ExportMapping
from sendboard.core.forms import GovUKFormMixin, VersionedFormMixin
from sendboard.lib.periods import PERIOD_KINDS, Period, parse_period

ACCEPTED_SUFFIXES = (".xml", ".zip", ".xlsx", ".csv")

_PERIOD_LABELS = {
    "month": "Month",
    "quarter": "Quarter",
    "calendar-year": "Calendar year",
    "financial-year": "Financial year",
    "year-to-date": "Year to date",
    "rolling-12-months": "Rolling 12 months",
    "as-at": "As at a date",
}


class SnapshotUploadForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(
        label="Case-level export",
        help_text=(
            "The SEN2 return as your case management system writes it for the DfE (.xml,"
            " 2023 to 2026), a .zip of one CSV per SEN2 module (item names as column"
            " headings), an .xlsx workbook with a sheet per module, or a single"
            " waiting-list .csv."
        ),
    )
    as_at = forms.DateField(
        label="Date the data is as at (optional)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        help_text=(
            "For example 2025-01-16. Leave blank to use the export's reference date, or"
            " else the latest date in the data."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError("The export must be an .xml, .zip, .xlsx or .csv file")
        return upload


class ExportMappingForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ExportMapping
        fields = ["text"]
        labels = {"text": "Your export's own names"}
        help_texts = {
            "text": (
                "One per line, as 'your name = SEN2 name'. Under [columns], a column"
                " heading (put the table first, as 'requests.Date Received', for one table"
                " only); under [events], a milestone name, such as 'EHC panel one ="
                " panel_1'. Case, spaces and underscores in column headings do not matter."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 12, "spellcheck": "false"})}


class CaseworkFiguresForm(GovUKFormMixin, forms.Form):
    """Read from the query string, so every view of the figures has its own address."""

    period_type = forms.ChoiceField(
        label="Kind of period",
        choices=[(kind, _PERIOD_LABELS.get(kind, kind)) for kind in PERIOD_KINDS],
    )
    period = forms.CharField(
        label="Period",
        max_length=20,
        help_text="For example 2024, 2024-05, 2024-Q2, FY2024-25, or a date such as 2025-01-16",
    )
    weeks = forms.ChoiceField(
        label="Counting weeks",
        required=False,
        choices=[
            ("inclusive", "Day 7N is within N weeks (day 140 is within 20 weeks)"),
            ("exclusive", "Day 7N is late"),
        ],
    )
    deadline = forms.ChoiceField(
        label="Phase-transfer deadlines (15 February, 31 March)",
        required=False,
        choices=[("before", "Strictly before the date"), ("on-or-before", "On or before the date")],
    )
    s_outcomes = forms.ChoiceField(
        label="Plans issued after another council's assessment (outcome S)",
        required=False,
        choices=[("outside", "Outside 20-week timeliness"), ("included", "Included in it")],
    )

    def __init__(self, *args, as_at, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.as_at = as_at
        self.helper.layout = Layout(
            Fieldset(
                Field.select("period_type"),
                Field.text("period", field_width=Fixed.TEN),
                legend="Period",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("weeks"),
                Field.select("deadline"),
                Field.select("s_outcomes"),
                legend="Choices where the rules are not explicit",
                legend_size=Size.MEDIUM,
            ),
        )
        self.initial.setdefault("period_type", "calendar-year")
        self.initial.setdefault("period", str(as_at.year - 1) if as_at else "")

    def clean(self):
        cleaned = super().clean()
        if "period" in cleaned and "period_type" in cleaned:
            try:
                cleaned["parsed_period"] = parse_period(
                    cleaned["period"], kind=cleaned["period_type"], as_at=self.as_at
                )
            except ValueError as error:
                self.add_error("period", str(error))
        return cleaned

    def choice(self, name: str) -> str:
        """A choice as submitted, or its default when the query string leaves it out."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get(name) or self.fields[name].choices[0][0]

    @property
    def chosen_period(self) -> Period:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["parsed_period"]
        return parse_period(
            self.initial["period"], kind=self.initial["period_type"], as_at=self.as_at
        )

    @property
    def options(self) -> EngineOptions:
        return EngineOptions(
            inclusive_weeks=self.choice("weeks") == "inclusive",
            phase_transfer_strictly_before=self.choice("deadline") == "before",
            include_s_in_timeliness=self.choice("s_outcomes") == "included",
        )


class ForecastForm(GovUKFormMixin, forms.Form):
    capacity = forms.DecimalField(
        label="What if the council completed this many assessments a month?",
        required=False,
        min_value=0,
        max_value=100000,
        decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        help_text="Leave blank to project at the recent average.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("capacity", field_width=Fixed.FIVE))

    def chosen(self) -> float | None:
        if self.is_bound and self.is_valid() and self.cleaned_data["capacity"] is not None:
            return float(self.cleaned_data["capacity"])
        return None
