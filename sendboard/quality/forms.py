"""The quality assurance forms: settings, a framework file, a sample, an audit and its
moderation. Grades are chosen from the framework's own words, never typed as numbers."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from sendboard.core.forms import GovUKFormMixin, RealDateField, VersionedFormMixin
from sendboard.core.uploads import Allowed, check_upload
from sendboard.governance.models import Partnership, Person, Role
from sendboard.lib.periods import add_months
from sendboard.quality.framework_file import FrameworkFileError, read_framework
from sendboard.quality.models import AdviceGrade, Audit, Framework, QualitySettings
from sendboard.quality.services import NOT_APPLICABLE
from sendboard.workbooks.forms import ColumnsForm

FRAMEWORK_FILE = Allowed("The framework", (".json",), 1_000_000)


def _auditors(partnership: Partnership):
    holders = Role.objects.filter(
        partnership=partnership, name__in=[Role.Name.AUDITOR, Role.Name.MANAGER]
    ).values("user")
    return Person.objects.filter(partnership=partnership, user__in=holders).order_by("name")


def _grades(framework: Framework, *, empty: str) -> list[tuple[str, str]]:
    best_first = reversed(list(enumerate(framework.scale, start=1)))
    return [("", empty), *((str(level), word) for level, word in best_first)]


def _level(value: str) -> int | None:
    return int(value) if value else None


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return person.name


class SettingsForm(GovUKFormMixin, forms.Form):
    target_percent = forms.DecimalField(
        label="Monthly audit target (% of plans)",
        min_value=0.01,
        max_value=100,
        decimal_places=2,
        error_messages={"required": "Enter the target, such as 5"},
    )
    target_base = forms.ChoiceField(
        label="The target is a share of",
        choices=QualitySettings.Base.choices,
        widget=forms.RadioSelect,
    )
    lookback_months = forms.IntegerField(
        label="Do not sample a plan audited in the last (months)", min_value=0, max_value=60
    )
    moderation_percent = forms.DecimalField(
        label="Share of submitted audits moderated (%)", min_value=0, max_value=100
    )
    moderators = PeopleField(
        label="Auditors who moderate (managers always may)",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["moderators"].queryset = _auditors(partnership)


class FrameworkUploadForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(
        label="Framework file (JSON)", error_messages={"required": "Choose the framework file"}
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file, FRAMEWORK_FILE)
        try:
            self.spec = read_framework(file.read())
        except FrameworkFileError as error:
            raise ValidationError(error.problems) from error
        return file

    def service_fields(self) -> dict:
        return {"spec": self.spec}


def month_choices(today: date) -> list[tuple[str, str]]:
    months = [add_months(today.replace(day=1), n) for n in range(1, -4, -1)]
    return [(m.isoformat(), f"{m:%B %Y}") for m in months]


class SampleForm(GovUKFormMixin, forms.Form):
    month = forms.TypedChoiceField(label="Month", coerce=date.fromisoformat)
    auditors = PeopleField(
        label="Auditors, assigned plans in turn",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one auditor"},
    )
    seed = forms.IntegerField(
        label="Random seed (optional)",
        help_text="Leave blank for a new one; the seed used is kept with the sample",
        required=False,
        min_value=0,
        max_value=2**62,
    )

    def __init__(self, *args, partnership: Partnership, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices(today)
        self.fields["month"].initial = today.replace(day=1).isoformat()
        self.fields["auditors"].queryset = _auditors(partnership)


class AssignForm(GovUKFormMixin, forms.Form):
    plan_id = forms.CharField(label="Plan (pseudonymous id)", max_length=64)
    auditor = forms.ModelChoiceField(queryset=Person.objects.none(), label="Auditor")
    month = RealDateField(named="The month", label="Counts in the month of")
    stage = forms.ChoiceField(choices=Audit.Stage.choices, label="Stage of the plan")
    kind = forms.ChoiceField(choices=Audit.Kind.choices, label="Audit")
    team = forms.CharField(label="Team (optional)", max_length=100, required=False)

    def __init__(self, *args, partnership: Partnership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = _auditors(partnership)


class SectionGradesForm(VersionedFormMixin, forms.Form):
    """A grade for each section of the audit's framework, with evidence notes unless
    `evidence` is off (the moderator's blind grades)."""

    evidence = True

    def __init__(self, *args, audit: Audit, version: int, initial_grades=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.audit = audit
        if not self.is_bound:
            self.initial["opened_version"] = version
        choices = _grades(audit.framework, empty="Not graded yet")
        for section in audit.framework.sections:
            key = section["key"]
            grade, evidence = (initial_grades or {}).get(key, (None, ""))
            optional = "" if section.get("required", True) else " (optional)"
            self.fields[f"section_{key}"] = forms.ChoiceField(
                label=f"Section {key}: {section['title']}{optional}",
                help_text="; ".join(c["text"] for c in section.get("criteria", [])),
                choices=choices,
                required=False,
                initial=str(grade or ""),
            )
            if self.evidence:
                self.fields[f"evidence_{key}"] = forms.CharField(
                    label=f"Evidence for section {key} (optional)",
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    max_length=5000,
                    initial=evidence,
                )

    def grades(self) -> dict[str, tuple[int | None, str]]:
        data = self.cleaned_data
        return {
            s["key"]: (_level(data[f"section_{s['key']}"]), data.get(f"evidence_{s['key']}", ""))
            for s in self.audit.framework.sections
        }

    def service_fields(self) -> dict:
        return {"grades": self.grades()}


class AuditForm(SectionGradesForm):
    stage = forms.ChoiceField(choices=Audit.Stage.choices, label="Stage of the plan")
    kind = forms.ChoiceField(choices=Audit.Kind.choices, label="Audit")
    strengths = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    improvements = forms.CharField(
        label="Areas for improvement", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    themes = forms.CharField(
        label="Learning themes (optional)",
        help_text="Separate them with commas: Outcomes not specific, Child's voice absent",
        required=False,
        max_length=1000,
    )

    def __init__(self, *args, audit: Audit, advice=None, **kwargs):
        super().__init__(*args, audit=audit, **kwargs)
        choices = [
            *_grades(audit.framework, empty="Not recorded"),
            (NOT_APPLICABLE, "Not applicable: no needs identified"),
        ]
        for agency, label in AdviceGrade.Agency.choices:
            self.fields[f"advice_{agency}"] = forms.ChoiceField(
                label=f"Quality of the {label.lower()} advice",
                choices=choices,
                required=False,
                initial=(advice or {}).get(agency, ""),
            )
        # As an auditor works: what is audited, the sections, the advice, then the summary.
        graded = [
            name for name in self.fields if name.startswith(("section_", "evidence_", "advice_"))
        ]
        self.order_fields(["stage", "kind", *graded, "strengths", "improvements", "themes"])
        if not self.is_bound:
            self.initial.update(
                stage=audit.stage,
                kind=audit.kind,
                strengths=audit.strengths,
                improvements=audit.improvements,
                themes=", ".join(theme.name for theme in audit.themes.all()),
            )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "grades": self.grades(),
            "advice": {agency: data[f"advice_{agency}"] for agency in AdviceGrade.Agency.values},
            "strengths": data["strengths"],
            "improvements": data["improvements"],
            "themes": data["themes"].split(","),
            "stage": data["stage"],
            "kind": data["kind"],
        }


class ModerationForm(SectionGradesForm):
    evidence = False


class AgreeForm(VersionedFormMixin, forms.Form):
    agreed_grade = forms.TypedChoiceField(
        label="Grade agreed at the moderation session",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the agreed grade"},
    )
    note = forms.CharField(
        label="What the session found (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, framework: Framework, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_grade"].choices = _grades(framework, empty="")[1:]
        if not self.is_bound:
            self.initial["opened_version"] = version


class CaseActionForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(label="Action for improvement", max_length=500)
    team = forms.CharField(label="Team that takes it", max_length=100)
    due_on = RealDateField(named="The due date", label="Due by (optional)", required=False)
    raise_in_log = forms.BooleanField(
        label="Raise it in the board's action log too", required=False
    )


AUDITS_FILE = Allowed("The audit results", (".csv", ".xlsx"), 10 * 1024 * 1024)


class AuditsImportForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(
        label="Audit results (CSV or .xlsx)",
        help_text="The export of your audit tool: CSV in UTF-8, or an Excel workbook",
        error_messages={"required": "Choose the file of audit results"},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file, AUDITS_FILE)
        return file

    def service_fields(self) -> dict:
        file = self.cleaned_data["file"]
        return {"name": file.name, "content": file.read()}


class AuditColumnsForm(ColumnsForm):
    """Each heading of the export with the field its column holds: sendboard's guess or
    the partnership's remembered choice, for the manager to confirm or correct."""

    def service_fields(self) -> dict:
        return {"columns": self.columns()}


class PlanTeamSearchForm(GovUKFormMixin, forms.Form):
    q = forms.CharField(label="Find a plan by its id, or a team", required=False, max_length=64)


class PlanTeamForm(GovUKFormMixin, forms.Form):
    team = forms.CharField(
        label="Team",
        help_text="Leave blank to use the team the casework snapshot gives",
        required=False,
        max_length=100,
    )
    # The team as it was when the page was opened, so a newer change is not overwritten.
    opened_team = forms.CharField(required=False, widget=forms.HiddenInput)


PLAN_TEAMS_FILE = Allowed("The plan teams", (".csv",), 2 * 1024 * 1024)


class PlanTeamsImportForm(GovUKFormMixin, forms.Form):
    file = forms.FileField(
        label="Plan teams (CSV)",
        help_text="Two columns headed plan id and team, one plan a row, in UTF-8",
        error_messages={"required": "Choose the CSV file of plan teams"},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        check_upload(file, PLAN_TEAMS_FILE)
        return file

    def service_fields(self) -> dict:
        file = self.cleaned_data["file"]
        return {"name": file.name, "content": file.read()}
