from crispy_forms_gds.layout import Field, Fixed, Layout
from django import forms

from sendboard.core.forms import GovUKFormMixin, VersionedFormMixin
from sendboard.performance.models import Indicator, Observation


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


class IndicatorSettingsForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["target", "green_threshold", "amber_threshold", "polarity", "frequency"]
        # GOV.UK asks for text inputs for numbers; a number input rounds and scrolls.
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})
            for name in ("target", "green_threshold", "amber_threshold")
        }
        labels = {
            "green_threshold": "Green from",
            "amber_threshold": "Amber from",
            "polarity": "Which way is better",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            "opened_version",
            Field.text("target", field_width=Fixed.FIVE),
            Field.text("green_threshold", field_width=Fixed.FIVE),
            Field.text("amber_threshold", field_width=Fixed.FIVE),
            Field.select("polarity"),
            Field.select("frequency"),
        )

    def clean(self):
        cleaned = super().clean()
        green, amber = cleaned.get("green_threshold"), cleaned.get("amber_threshold")
        polarity = cleaned.get("polarity")
        if green is None or amber is None:
            return cleaned
        if polarity == Indicator.Polarity.HIGHER and green < amber:
            self.add_error(
                "green_threshold", "When higher is better, green must be at or above amber"
            )
        if polarity == Indicator.Polarity.LOWER and green > amber:
            self.add_error(
                "green_threshold", "When lower is better, green must be at or below amber"
            )
        return cleaned
