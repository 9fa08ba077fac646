"""The figures of a scorecard or any set of indicators as CSV, .xlsx or JSON, for Power
BI and Excel: one row per indicator and period, under the reader's small-number policy.

Text cells that would start a formula (=, +, -, @) are neutralised in CSV and .xlsx.
"""

import csv
import io
import json
from collections.abc import Iterable

from django.db.models import QuerySet
from openpyxl import Workbook

from sendboard.lib.spreadsheets import safe_cell
from sendboard.performance.dashboard import period_target
from sendboard.performance.models import Indicator, Observation
from sendboard.performance.queries import shown

HEADINGS = (
    "indicator_code",
    "indicator",
    "unit",
    "period_type",
    "period_start",
    "period_end",
    "period",
    "value",
    "numerator",
    "denominator",
    "target",
    "rating",
    "source",
    "note",
)


def export_rows(indicators: QuerySet[Indicator], *, raw: bool) -> list[dict]:
    """Every current figure of the indicators, in their order then by period."""
    found = list(indicators.select_related("partnership").prefetch_related("targets"))
    if not found:
        return []
    policy = found[0].partnership.small_number_policy
    by_pk = {i.pk: i for i in found}
    rows = []
    observations = (
        Observation.objects.filter(indicator__in=found, superseded_by__isnull=True)
        .order_by("indicator__position", "indicator__title", "period_type", "period_start")
        .values_list(
            "indicator_id",
            "period_type",
            "period_start",
            "period_end",
            "period_label",
            "value",
            "numerator",
            "denominator",
            "provenance",
            "note",
        )
    )
    for pk, kind, start, end, label, value, numerator, denominator, source, note in observations:
        indicator = by_pk[pk]
        seen = shown(value, numerator, denominator, unit=indicator.unit, policy=policy, raw=raw)
        target = period_target(indicator, end)
        rows.append(
            {
                "indicator_code": indicator.key,
                "indicator": indicator.title,
                "unit": indicator.get_unit_display(),
                "period_type": kind,
                "period_start": start.isoformat(),
                "period_end": end.isoformat(),
                "period": label,
                "value": None if seen.value is None else float(seen.value),
                "numerator": seen.numerator,
                "denominator": seen.denominator,
                "target": None if target is None else float(target),
                "rating": indicator.rag(seen.value, target=target).label,
                "source": source or indicator.source_name,
                "note": "Not shown: small numbers" if seen.suppressed else note,
            }
        )
    return rows


def _cell(value: object) -> object:
    return safe_cell(value) if isinstance(value, str) else value


def as_csv(rows: Iterable[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow(["" if row[h] is None else _cell(row[h]) for h in HEADINGS])
    return out.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with its mark


def as_xlsx(rows: Iterable[dict]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Figures")
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append([_cell(row[h]) for h in HEADINGS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_json(rows: Iterable[dict]) -> bytes:
    return json.dumps({"figures": list(rows)}, indent=1).encode()
