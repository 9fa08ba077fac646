"""The fields a workbook's columns can be mapped to, for each kind of workbook.

Each field lists the headings that mean it in the trackers and registers councils
keep, so a first import is mostly mapped already; the person confirms or corrects it,
and their mapping is remembered for the partnership's next import.
"""

from dataclasses import dataclass

from sendboard.workbooks.cells import normalise


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    headings: tuple[str, ...] = ()  # what a column with this field is usually headed
    hint: str = ""


@dataclass(frozen=True)
class Layout:
    """The fields of one kind of workbook, and the groups of them it cannot do without."""

    fields: tuple[Field, ...]
    needed: tuple[tuple[str, ...], ...]  # each group needs one of its fields mapped

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)

    def guess(self, heading: str) -> str:
        """The field a heading usually means, or "" when it means none of them."""
        wanted = normalise(heading)
        for field in self.fields:
            if wanted in field.headings or wanted == normalise(field.label):
                return field.name
        return ""

    def missing(self, mapped: set[str]) -> list[str]:
        """What a mapping lacks: the labels of each needed group with none of its fields."""
        return [
            " or ".join(self.field(name).label for name in group)
            for group in self.needed
            if not mapped & set(group)
        ]


_GRADE = "1 to 5"
_DATE = "a date, or typed as 31/03/2025, 31 March 2025 or March 2025"

PLAN_TRACKER = Layout(
    fields=(
        Field(
            "area",
            "Priority area",
            ("priority area", "priority", "area", "apa", "afi"),
            "its reference, such as APA1, or reference and title, such as APA1: Timely plans",
        ),
        Field("area_title", "Priority area title", ("priority area title", "area title")),
        Field(
            "outcome",
            "Outcome",
            ("outcome", "outcome ref", "outcome reference", "outcome no"),
            "its reference, or reference and title, such as 1: Plans issued on time",
        ),
        Field("outcome_title", "Outcome title", ("outcome title", "outcome description")),
        Field(
            "reference",
            "Ref",
            (
                "ref",
                "reference",
                "action ref",
                "action reference",
                "no",
                "action no",
                "action number",
                "id",
                "action id",
            ),
        ),
        Field(
            "text",
            "Action",
            (
                "action",
                "actions",
                "action description",
                "description",
                "what we will do",
                "key action",
            ),
        ),
        Field(
            "owners",
            "Lead officer",
            (
                "lead officer",
                "lead officers",
                "owner",
                "owners",
                "action owner",
                "responsible officer",
                "responsible",
            ),
            "people of the partnership, by name or email, separated by ; or ,",
        ),
        Field(
            "lead_organisation",
            "Lead organisation",
            ("lead", "lead organisation", "lead agency", "organisation"),
        ),
        Field("workstream", "Workstream", ("workstream", "work stream", "theme")),
        Field("starts_on", "Start date", ("start date", "start", "date started"), _DATE),
        Field(
            "due_on",
            "Target date",
            (
                "target date",
                "due date",
                "deadline",
                "due",
                "completion date",
                "by when",
                "timescale",
            ),
            f"{_DATE}; a month alone means its last day",
        ),
        Field(
            "status",
            "Status",
            ("rag", "status", "rag rating", "rag status", "progress rag"),
            "a RAG word, letter or colour: Green, G, Amber, Red, Blue, Complete",
        ),
        Field(
            "note",
            "Progress update",
            ("progress update", "update", "progress", "commentary", "latest update"),
        ),
        Field("impact", "Impact", ("impact", "so what", "difference made")),
        Field("evidence", "Evidence", ("evidence", "evidence of progress", "evidence of impact")),
        Field(
            "success_measures",
            "Success measures",
            ("success measure", "success measures", "measures of success", "kpi", "kpis"),
        ),
        Field(
            "risks_and_mitigations",
            "Risks and mitigations",
            ("risks and mitigations", "risks", "risks mitigations"),
        ),
    ),
    needed=(("area", "area_title"), ("reference",), ("text",)),
)

RISK_REGISTER = Layout(
    fields=(
        Field(
            "reference",
            "Risk ID",
            (
                "risk id",
                "ref",
                "risk ref",
                "risk reference",
                "risk no",
                "risk number",
                "id",
                "reference",
            ),
            "blank for a new risk, which takes the next reference",
        ),
        Field("title", "Risk", ("risk", "risk title", "title", "risk name")),
        Field(
            "description",
            "Risk description",
            ("risk description", "description", "cause event consequence", "risk detail"),
        ),
        Field(
            "category",
            "Category",
            ("category", "risk category", "type", "risk type"),
            "one of the register's categories; any other is kept as Other",
        ),
        Field(
            "owner",
            "Risk owner",
            ("risk owner", "owner", "lead", "responsible officer"),
            "a person of the partnership, by name or email",
        ),
        Field(
            "likelihood",
            "Likelihood (before mitigation)",
            ("l", "likelihood", "inherent l", "inherent likelihood", "initial l", "gross l"),
            _GRADE,
        ),
        Field(
            "impact",
            "Impact (before mitigation)",
            ("i", "impact", "inherent i", "inherent impact", "initial i", "gross i"),
            _GRADE,
        ),
        Field(
            "score",
            "Score (before mitigation)",
            ("score", "inherent score", "risk score", "l x i", "initial score", "gross score"),
            "checked against likelihood times impact",
        ),
        Field(
            "residual_likelihood",
            "Residual likelihood",
            ("residual l", "residual likelihood", "current l", "net l"),
            _GRADE,
        ),
        Field(
            "residual_impact",
            "Residual impact",
            ("residual i", "residual impact", "current i", "net i"),
            _GRADE,
        ),
        Field(
            "residual_score",
            "Residual score",
            ("residual score", "current score", "net score"),
            "checked against residual likelihood times residual impact",
        ),
        Field("target_likelihood", "Target likelihood", ("target l", "target likelihood"), _GRADE),
        Field("target_impact", "Target impact", ("target i", "target impact"), _GRADE),
        Field(
            "mitigations",
            "Mitigations",
            ("mitigations", "mitigation", "controls", "mitigating actions", "existing controls"),
            "one mitigation a line",
        ),
        Field(
            "review_due_on",
            "Review date",
            ("review date", "next review", "next review date", "review due"),
            _DATE,
        ),
        Field("status", "Status", ("status", "risk status"), "Open, Tolerated or Closed"),
        Field(
            "closure_reason", "Why it was closed", ("closure reason", "reason closed", "why closed")
        ),
        Field(
            "escalated",
            "Escalated to the board",
            ("escalated", "escalated to board", "escalated to the board", "escalate"),
            "Yes or No",
        ),
    ),
    needed=(("title", "description"), ("owner",), ("likelihood",), ("impact",)),
)

LAYOUTS = {"plan_tracker": PLAN_TRACKER, "risk_register": RISK_REGISTER}
