from pathlib import Path

from django import forms

from sendboard.core.forms import GovUKFormMixin
from sendboard.governance.models import Partnership
from sendboard.plans.models import ImprovementPlan
from sendboard.workbooks import cells
from sendboard.workbooks.kinds import Layout
from sendboard.workbooks.reading import MAX_BYTES, Table


class WorkbookFileField(forms.FileField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Workbook",
            help_text=f"An Excel workbook (.xlsx) of up to {MAX_BYTES // 2**20} MB",
            error_messages={"required": "Choose the workbook to import"},
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(
                "The workbook must be an .xlsx file: save it from Excel as 'Excel Workbook'"
            )
        return upload


class PlanTrackerUploadForm(GovUKFormMixin, forms.Form):
    file = WorkbookFileField()
    plan = forms.ModelChoiceField(
        queryset=ImprovementPlan.objects.none(),
        label="Import into",
        help_text="Lines already in the plan are updated by their reference; none are removed",
        empty_label="A new plan",
        required=False,
    )
    new_plan_title = forms.CharField(
        label="Title of the new plan (for a new plan)",
        max_length=200,
        required=False,
        help_text="For example, Priority Action Plan 2026",
    )
    new_plan_kind = forms.ChoiceField(
        label="Kind of the new plan",
        choices=ImprovementPlan.Kind.choices,
        initial=ImprovementPlan.Kind.PRIORITY_ACTION_PLAN,
    )
    leave_unknown_owners_blank = forms.BooleanField(
        label="Leave out owners who are not people of the partnership",
        help_text="Otherwise a name the partnership does not know stops the import",
        required=False,
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = ImprovementPlan.objects.filter(partnership=partnership)


class RiskRegisterUploadForm(GovUKFormMixin, forms.Form):
    file = WorkbookFileField()


class TablePickerForm(GovUKFormMixin, forms.Form):
    """Read from the query string: which sheet, and which row holds the headings."""

    sheet = forms.ChoiceField(label="Sheet")
    header_row = forms.IntegerField(
        label="Row of column headings",
        min_value=1,
        help_text="The row number Excel shows beside the headings",
    )

    def __init__(self, *args, table: Table, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [(name, name) for name in table.sheets]
        self.initial = {"sheet": table.sheet, "header_row": table.header_row}


class ColumnsForm(GovUKFormMixin, forms.Form):
    """Each heading found, with the field its column holds; prefilled as remembered."""

    def __init__(
        self, *args, table: Table, layout: Layout, columns: dict[str, str], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.table = table
        choices = [("", "Not imported"), *((field.name, field.label) for field in layout.fields)]
        for letter, heading in table.headers.items():
            self.fields[f"column_{letter}"] = forms.ChoiceField(
                label=f"Column {letter}: {heading}",
                choices=choices,
                initial=columns.get(letter, ""),
                required=False,
                help_text=_example(table, letter),
            )

    def columns(self) -> dict[str, str]:
        """The mapping chosen, letter: field, leaving out the columns not imported."""
        return {
            name.removeprefix("column_"): value
            for name, value in self.cleaned_data.items()
            if value
        }


def _example(table: Table, letter: str) -> str:
    for _, found in table.rows[:20]:
        if value := cells.text(found.get(letter)):
            return f"For example: {value[:80]}"
    return "Empty in the first rows"
