"""The standard SEND set a partnership starts from, and England's published figures.

The casework indicators come from the casework engine when a snapshot is loaded; this
is the rest of what a performance group watches. Each is the partnership's to edit.
England's figures are those of the DfE's "Education, health and care plans" and
"Special educational needs in England" releases, as quoted in send-rules.md section 3.
"""

from dataclasses import dataclass

from sendboard.performance.services import IndicatorSpec

DFE_EHCP = "DfE, Education, health and care plans (England 2024 release)"
DFE_SEN = "DfE, Special educational needs in England (January school census)"


def _spec(key, title, definition, unit, polarity, frequency, combines, source) -> IndicatorSpec:
    return IndicatorSpec(
        key=key,
        title=title,
        definition=definition,
        unit=unit,
        polarity=polarity,
        frequency=frequency,
        combines=combines,
        source_name=source,
    )


STANDARD_SET: tuple[IndicatorSpec, ...] = (
    _spec(
        "pupils_ehcp_pct",
        "Pupils with an EHC plan",
        "Pupils with an EHC plan at the January school census, as a percentage of all"
        " pupils on roll in the area's schools.",
        "percent",
        "neutral",
        "annual",
        "ratio",
        DFE_SEN,
    ),
    _spec(
        "pupils_sen_support_pct",
        "Pupils with SEN support",
        "Pupils recorded at SEN support (no EHC plan) at the January school census, as a"
        " percentage of all pupils on roll in the area's schools.",
        "percent",
        "neutral",
        "annual",
        "ratio",
        DFE_SEN,
    ),
    _spec(
        "annual_reviews_on_time",
        "Annual reviews held on time",
        "Annual reviews due in the period whose review decision was made within 12 months"
        " of the plan or of the last review decision, as a percentage of reviews due.",
        "percent",
        "higher",
        "monthly",
        "ratio",
        "Council SEND team review tracker",
    ),
    _spec(
        "salt_wait_median",
        "Speech and language therapy: median wait",
        "Median weeks from referral to first appointment of children seen in the month."
        " Referral to first appointment only; never mixed with referral to diagnosis.",
        "weeks",
        "lower",
        "monthly",
        "none",
        "Community NHS trust",
    ),
    _spec(
        "salt_seen_18w",
        "Speech and language therapy: seen within 18 weeks",
        "Children seen for a first appointment in the month within 18 weeks of referral,"
        " as a percentage of all children seen for a first appointment in the month.",
        "percent",
        "higher",
        "monthly",
        "ratio",
        "Community NHS trust",
    ),
    _spec(
        "salt_waiting_list",
        "Speech and language therapy: children waiting",
        "Children referred and waiting for a first appointment at the end of the month.",
        "count",
        "lower",
        "monthly",
        "none",
        "Community NHS trust",
    ),
    _spec(
        "autism_wait_median",
        "Autism assessment: median wait",
        "Median weeks from referral to the start of an autism assessment, for assessments"
        " started in the month (NICE QS51: within 3 months of referral).",
        "weeks",
        "lower",
        "monthly",
        "none",
        "Neurodevelopmental pathway provider",
    ),
    _spec(
        "autism_waiting_list",
        "Autism assessment: children waiting",
        "Children referred and waiting for an autism assessment to start at month end.",
        "count",
        "lower",
        "monthly",
        "none",
        "Neurodevelopmental pathway provider",
    ),
    _spec(
        "adhd_wait_median",
        "ADHD assessment: median wait",
        "Median weeks from referral to the start of an ADHD assessment, for assessments"
        " started in the month.",
        "weeks",
        "lower",
        "monthly",
        "none",
        "Neurodevelopmental pathway provider",
    ),
    _spec(
        "adhd_waiting_list",
        "ADHD assessment: children waiting",
        "Children referred and waiting for an ADHD assessment to start at month end.",
        "count",
        "lower",
        "monthly",
        "none",
        "Neurodevelopmental pathway provider",
    ),
    _spec(
        "send_suspension_rate",
        "Suspensions of pupils with an EHC plan",
        "Suspensions in the academic year of pupils with an EHC plan, per 100 pupils with"
        " an EHC plan (a pupil suspended twice counts twice).",
        "percent",
        "lower",
        "annual",
        "ratio",
        "DfE, Suspensions and permanent exclusions",
    ),
    _spec(
        "send_exclusion_rate",
        "Permanent exclusions of pupils with an EHC plan",
        "Permanent exclusions in the academic year of pupils with an EHC plan, per 100"
        " pupils with an EHC plan.",
        "percent",
        "lower",
        "annual",
        "ratio",
        "DfE, Suspensions and permanent exclusions",
    ),
    _spec(
        "tribunal_appeals",
        "SEND Tribunal appeals registered",
        "Appeals against the council's SEND decisions registered with the First-tier"
        " Tribunal in the quarter.",
        "count",
        "lower",
        "quarterly",
        "sum",
        "Council SEND legal team",
    ),
    _spec(
        "tribunal_upheld",
        "SEND Tribunal appeals decided for the family",
        "Appeals decided in the quarter wholly or partly in the family's favour, as a"
        " percentage of appeals decided (withdrawn and conceded appeals left out).",
        "percent",
        "lower",
        "quarterly",
        "ratio",
        "Council SEND legal team",
    ),
    _spec(
        "send_complaints",
        "SEND complaints received",
        "Stage 1 complaints about SEND services received in the month.",
        "count",
        "neutral",
        "monthly",
        "sum",
        "Council complaints team",
    ),
    _spec(
        "send_complaints_on_time",
        "SEND complaints answered on time",
        "Stage 1 SEND complaints answered in the month within 20 working days, as a"
        " percentage of those answered in the month.",
        "percent",
        "higher",
        "monthly",
        "ratio",
        "Council complaints team",
    ),
    _spec(
        "parent_carer_satisfaction",
        "Parent carers satisfied with SEND support",
        "Parent carers answering the quarterly survey who were satisfied or very"
        " satisfied with the support their child receives, as a percentage of those who"
        " answered the question.",
        "percent",
        "higher",
        "quarterly",
        "ratio",
        "Parent carer forum survey",
    ),
    # The key and definition the quality app's audits publish under, so they feed it.
    _spec(
        "ehcp_quality_good_or_better",
        "EHC plans audited as good or better",
        "Audits submitted in the month whose final grade (the moderation session's agreed"
        " grade where moderated, else the audit's own computed from the framework) is good"
        " or better, as a share of all audits submitted in the month.",
        "percent",
        "higher",
        "monthly",
        "ratio",
        "sendboard EHCP quality assurance audits",
    ),
    _spec(
        "high_needs_spend",
        "High needs spend",
        "Spend from the high needs block of the Dedicated Schools Grant in the month.",
        "pounds",
        "neutral",
        "monthly",
        "sum",
        "Council finance ledger",
    ),
)


@dataclass(frozen=True)
class EnglandFigure:
    key: str
    period: str  # a label parse_period reads
    value: str
    label: str = ""  # when the period is not as parse_period names it


ENGLAND: tuple[EnglandFigure, ...] = (
    EnglandFigure("ehcp_20w_excl", "2022", "49.2"),
    EnglandFigure("ehcp_20w_excl", "2023", "50.3"),
    EnglandFigure("ehcp_20w_excl", "2024", "46.4"),
    EnglandFigure("ehcp_20w_incl", "2024", "45.9"),
    EnglandFigure("refusal_rate", "2024", "25.2"),
    EnglandFigure("decisions_6w", "2024", "84.8"),
    EnglandFigure("not_issue_16w", "2024", "34.1"),
    EnglandFigure("review_decisions_4w", "2024", "44.4"),
    EnglandFigure("pupils_ehcp_pct", "2025", "5.3", label="January 2025"),
)
