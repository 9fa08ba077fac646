"""Figures imported from files shaped as councils keep them: checked row by row, all or nothing."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from sendboard.performance.imports import figures_import
from sendboard.performance.models import Benchmark, Indicator, Observation
from sendboard.performance.tests.factories import IndicatorFactory
from sendboard.workbooks.problems import WorkbookInvalid


@pytest.fixture
def waits(partnership):
    return IndicatorFactory(
        partnership=partnership,
        key="salt_wait_median",
        title="Speech and language therapy: median wait",
        unit=Indicator.Unit.WEEKS,
        polarity=Indicator.Polarity.LOWER,
        source=Indicator.Source.MANUAL,
    )


@pytest.fixture
def reviews(partnership):
    return IndicatorFactory(
        partnership=partnership,
        key="annual_reviews_on_time",
        title="Annual reviews held on time",
        source=Indicator.Source.MANUAL,
    )


def _csv(text: str) -> bytes:
    return text.strip().encode("utf-8")


def test_a_council_csv_with_local_headings_blanks_and_percent_signs(partnership, waits, reviews):
    data = _csv(
        """
KPI,Month,Actual,Numerator,Denominator,Comments
salt_wait_median,Apr-25,31,,,
Speech and language therapy: median wait,May 2025,"29.5",,,New clinic opened
annual_reviews_on_time,2025-05,50.0%,45,90,
annual_reviews_on_time,2025-06,,40,50,
"""
    )
    outcome = figures_import(partnership=partnership, data=data, name="pi-return.csv")

    assert (outcome.rows, outcome.written, outcome.corrected) == (4, 4, 0)
    may = waits.observations.get(period_label="May 2025")
    assert may.value == Decimal("29.5")
    assert may.note == "New clinic opened"
    assert may.provenance == "Imported from pi-return.csv, row 3"
    june = reviews.observations.get(period_label="June 2025")
    assert june.value == Decimal("80.0")  # recomputed from 40 of 50


def test_one_bad_row_saves_nothing_and_names_row_and_column(partnership, waits, reviews):
    data = _csv(
        """
Indicator,Period,Value,Numerator,Denominator
salt_wait_median,2025-04,31,,
annual_reviews_on_time,2025-05,60,45,90
salt_wait_medain,2025-05,30,,
annual_reviews_on_time,2025-13,50,,
"""
    )
    with pytest.raises(WorkbookInvalid) as raised:
        figures_import(partnership=partnership, data=data, name="pi.csv")

    said = [problem.in_file("pi.csv") for problem in raised.value.problems]
    assert said[0] == (
        "pi.csv: sheet 'pi.csv', row 3, column C (Value): 60 does not match 45 of 90 (50.0): "
        "check them"
    )
    assert "row 4, column A (Indicator): No indicator called salt_wait_medain" in said[1]
    assert "row 5, column B (Period)" in said[2] and "no month 13" in said[2]
    assert not Observation.objects.exists()


def test_a_correction_needs_a_reason_and_keeps_the_earlier_figure(partnership, waits, persona):
    figures_import(
        partnership=partnership,
        data=_csv("Indicator,Period,Value\nsalt_wait_median,2025-04,31"),
        name="a.csv",
    )
    changed = _csv("Indicator,Period,Value\nsalt_wait_median,2025-04,33")

    with pytest.raises(WorkbookInvalid, match="say why"):
        figures_import(partnership=partnership, data=changed, name="b.csv")
    user = persona["analyst"].get("/").wsgi_request.user
    outcome = figures_import(
        partnership=partnership, data=changed, name="b.csv", reason="Trust resubmitted", by=user
    )

    assert outcome.corrected == 1
    old, new = Observation.objects.order_by("pk")
    assert old.superseded_by == new and old.value == 31
    assert (new.value, new.reason, new.recorded_by) == (33, "Trust resubmitted", user)


def test_an_excel_workbook_with_a_title_row_date_cells_and_benchmarks(partnership, reviews):
    import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(["Northshire performance return"])
    sheet.append(["Measure", "Period", "Figure", "Series", "Source"])
    sheet.append(["Annual reviews held on time", datetime.datetime(2025, 5, 1), 52.5, "", ""])
    sheet.append(
        ["Annual reviews held on time", "2025-05", 61, "Region", "Regional benchmarking club"]
    )
    sheet.append(["Annual reviews held on time", "2025-05", 58, "Stat neighbours", "LAIT"])
    out = io.BytesIO()
    book.save(out)

    outcome = figures_import(partnership=partnership, data=out.getvalue(), name="return.xlsx")

    assert (outcome.written, outcome.benchmarks) == (1, 2)
    assert reviews.observations.get().value == Decimal("52.5")
    region = Benchmark.objects.get(series=Benchmark.Series.REGION)
    assert (region.value, region.source) == (61, "Regional benchmarking club")
    assert Benchmark.objects.filter(series=Benchmark.Series.NEIGHBOURS).exists()


def test_a_file_without_a_value_column_is_refused(partnership, reviews):
    with pytest.raises(WorkbookInvalid, match="No column for value"):
        figures_import(
            partnership=partnership, data=_csv("Indicator,Period\nx,2025-01"), name="x.csv"
        )
