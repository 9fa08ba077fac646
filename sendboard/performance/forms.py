from decimal import Decimal

from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout
from django import forms

from sendboard.core.forms import GovUKFormMixin, VersionedFormMixin
from sendboard.core.uploads import Allowed, check_upload
from sendboard.governance.models import Partnership, Person
from sendboard.performance.entry import EntryError, entry_from, read_number
from sendboard.performance.models import Benchmark, Commentary, Indicator, Observation
from sendboard.performance.services.indicators import ENGINE_FIELDS
from sendboard.plans.models import Outcome, PlanAction
from sendboard.workbooks.cells import CellError, parse_date

NUMBER = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
FIGURES_FILE = Allowed("The file of figures", (".csv", ".xlsx"), 10 * 1024 * 1024)


class PeriodTypeForm(GovUKFormMixin, forms.Form):
    """Which kind of period an indicator page charts (a GET form)."""

    period_type = forms.ChoiceField(label="Show figures for each", choices=())

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period_type"].choices = choices or [
            (Observation.PeriodType.MONTH, Observation.PeriodType.MONTH.label)
        ]

    def chosen(self, default: str) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period_type"]
        return default


class IndicatorForm(VersionedFormMixin, forms.ModelForm):
    """An indicator's catalogue entry; a casework indicator's definition is the engine's."""

    class Meta:
        model = Indicator
        fields = [
            "key",
            "title",
            "definition",
            "unit",
            "polarity",
            "frequency",
            "combines",
            "owner",
            "source_name",
            "target",
            "tolerance",
            "green_threshold",
            "amber_threshold",
            "published",
            "plain_english",
            "outcomes",
            "plan_actions",
        ]
        widgets = {
            name: NUMBER for name in ("target", "tolerance", "green_threshold", "amber_threshold")
        } | {
            "outcomes": forms.CheckboxSelectMultiple,
            "plan_actions": forms.CheckboxSelectMultiple,
        }
        labels = {
            "key": "Code",
            "title": "Name",
            "definition": "Definition in plain English",
            "combines": "Rolling 12 months and year to date",
            "target": "Standing target (optional)",
            "tolerance": "Amber tolerance (optional)",
            "green_threshold": "Green from (optional, used without a target)",
            "amber_threshold": "Amber from (optional, used without a target)",
            "polarity": "Which way is better",
            "published": "Publish on the public dashboard",
            "plain_english": "A line for families under the public chart (optional)",
            "outcomes": "Plan outcomes it evidences (optional)",
            "plan_actions": "Plan actions it evidences (optional)",
        }
        help_texts = {"key": "Letters, numbers and underscores, such as salt_wait_median"}

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(partnership=partnership)
        self.fields["outcomes"].queryset = Outcome.objects.filter(
            area__plan__partnership=partnership
        ).select_related("area")
        self.fields["plan_actions"].queryset = PlanAction.objects.filter(
            outcome__area__plan__partnership=partnership
        ).select_related("outcome__area")
        for name in ("outcomes", "plan_actions"):
            if not self.fields[name].queryset.exists():
                del self.fields[name]
        if self.instance.pk and self.instance.source == Indicator.Source.CASEWORK:
            for name in ENGINE_FIELDS:
                del self.fields[name]
        elif self.instance.pk:
            del self.fields["key"]
        layout = []
        for name in self.fields:
            if name in ("target", "tolerance", "green_threshold", "amber_threshold"):
                layout.append(Field.text(name, field_width=Fixed.FIVE))
            elif name in ("outcomes", "plan_actions", "published"):
                layout.append(Field.checkboxes(name, small=True))
            elif name in ("unit", "polarity", "frequency", "combines", "owner"):
                layout.append(Field.select(name))
            elif name == "definition":
                layout.append(Field.textarea(name, rows=4))
            elif name == "opened_version":
                layout.append(name)
            else:
                layout.append(Field.text(name, field_width=Fluid.TWO_THIRDS))
        self.helper.layout = Layout(*layout)

    def clean(self):
        cleaned = super().clean()
        green, amber = cleaned.get("green_threshold"), cleaned.get("amber_threshold")
        polarity = cleaned.get("polarity")
        if green is not None and amber is not None:
            if polarity == Indicator.Polarity.HIGHER and green < amber:
                self.add_error(
                    "green_threshold", "When higher is better, green must be at or above amber"
                )
            if polarity == Indicator.Polarity.LOWER and green > amber:
                self.add_error(
                    "green_threshold", "When lower is better, green must be at or below amber"
                )
        tolerance = cleaned.get("tolerance")
        if tolerance is not None and tolerance < 0:
            self.add_error("tolerance", "The tolerance is how far from the target: 0 or more")
        return cleaned

    def _post_clean(self) -> None:
        # The service checks the record as a whole (and the code against the others).
        pass


class FigureForm(GovUKFormMixin, forms.Form):
    """One figure for one period, entered by hand; the same rules as a row of a file."""

    period = forms.CharField(
        label="Period",
        help_text="A month (2025-05 or May 2025), quarter (2025-Q2), year (2025) or "
        "financial year (FY2025-26)",
        max_length=40,
    )
    value = forms.CharField(label="Figure", required=False, max_length=30, widget=NUMBER)
    numerator = forms.CharField(
        label="Numerator (for a rate)", required=False, max_length=12, widget=NUMBER
    )
    denominator = forms.CharField(
        label="Denominator (for a rate)", required=False, max_length=12, widget=NUMBER
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea)
    reason = forms.CharField(
        label="Why it is being corrected (when the period has a figure already)",
        required=False,
        max_length=300,
    )

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        rate = indicator.unit in (Indicator.Unit.PERCENT, Indicator.Unit.PER_1000)
        self.fields["value"].help_text = (
            "Leave blank to work it out from the numerator and denominator"
            if rate
            else f"In {indicator.get_unit_display().lower()}"
        )
        if not rate:
            del self.fields["numerator"], self.fields["denominator"]
        self.helper.layout = Layout(
            *(
                Field.text(name, field_width=Fixed.TEN)
                if name != "note"
                else Field.textarea(name, rows=3)
                for name in self.fields
            )
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["entry"] = entry_from(
                self.indicator,
                period=cleaned["period"],
                value=cleaned["value"],
                numerator=cleaned.get("numerator"),
                denominator=cleaned.get("denominator"),
                note=cleaned["note"],
            )
        except EntryError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned

    def service_fields(self) -> dict:
        return {"entry": self.cleaned_data["entry"], "reason": self.cleaned_data["reason"]}


class ImportForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(
        label="File of figures",
        help_text="A CSV or Excel (.xlsx) file of up to 10 MB, one figure a row",
        error_messages={"required": "Choose the file to import"},
    )
    reason = forms.CharField(
        label="Why figures are being corrected (when the file changes any already stored)",
        required=False,
        max_length=300,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("file", Field.text("reason"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, FIGURES_FILE)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["file"]) from error
        return upload


class TrajectoryForm(GovUKFormMixin, forms.Form):
    steps = forms.CharField(
        label="Trajectory",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One step a line: the date, a colon, and the figure to reach by then. "
        "For example, August 2025: 18. Leave it empty for no trajectory.",
    )
    reason = forms.CharField(label="Why it is changing", max_length=100)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("steps", rows=6), Field.text("reason"))

    def clean_steps(self):
        steps = []
        for number, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            if not line.strip():
                continue
            when, _, figure = line.rpartition(":")
            try:
                due = parse_date(when.strip(), month_end=True)
                value = entry_number(figure)
            except (CellError, ValueError) as error:
                raise forms.ValidationError(f"Line {number}: {error}") from error
            if due is None or value is None:
                raise forms.ValidationError(
                    f"Line {number}: give a date and a figure, such as August 2025: 18"
                )
            steps.append((due, value))
        return steps


def entry_number(text: str) -> Decimal | None:
    try:
        return read_number(text, field="value")
    except EntryError as error:
        raise ValueError(error.message) from error


class BenchmarkForm(GovUKFormMixin, forms.Form):
    series = forms.ChoiceField(label="Compared with", choices=Benchmark.Series.choices)
    period = forms.CharField(label="Period", max_length=40, help_text="Such as 2024 or 2025-05")
    value = forms.CharField(label="Figure", max_length=30, widget=NUMBER)
    source = forms.CharField(label="Where it was published", max_length=300)

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.helper.layout = Layout(
            Field.radios("series", small=True),
            Field.text("period", field_width=Fixed.TEN),
            Field.text("value", field_width=Fixed.TEN),
            Field.text("source"),
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["entry"] = entry_from(
                self.indicator, period=cleaned["period"], value=cleaned["value"]
            )
        except EntryError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned


class CommentaryForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Commentary
        fields = ["telling_us", "what_happened", "what_is_being_done", "recovery_expected"]
        labels = {
            "what_happened": "What happened",
            "what_is_being_done": "What is being done",
            "recovery_expected": "When it will recover",
        }
        help_texts = {
            "telling_us": "In plain English: what the figure shows, why, and what it means "
            "for children and families",
            "recovery_expected": "For example, by March 2026",
        }

    def __init__(self, *args, exception: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.exception = exception
        if exception:
            for name in ("what_happened", "what_is_being_done", "recovery_expected"):
                self.fields[name].required = True
        self.helper.layout = Layout(
            "opened_version",
            Field.textarea("telling_us", rows=5),
            Field.textarea("what_happened", rows=3),
            Field.textarea("what_is_being_done", rows=3),
            Field.text("recovery_expected", field_width=Fluid.TWO_THIRDS),
        )

    def _post_clean(self) -> None:
        pass


class ScorecardForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label="Name", max_length=200)
    description = forms.CharField(
        label="What it is for (optional)", required=False, widget=forms.Textarea
    )
    indicators = forms.ModelMultipleChoiceField(
        queryset=Indicator.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Indicators",
        error_messages={"required": "Choose at least one indicator"},
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = partnership.indicators.all()
        self.helper.layout = Layout(
            "opened_version",
            Field.text("title"),
            Field.textarea("description", rows=3),
            Field.checkboxes("indicators", small=True),
        )
