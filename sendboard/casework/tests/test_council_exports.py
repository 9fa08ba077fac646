"""Issue 9's own check, done first: exports written as councils' systems write them
(council_exports.py), imported with the README's commands into a freshly migrated
database, give every main figure exactly as send-rules.md works it out by hand."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sendboard.casework.models import Snapshot
from sendboard.casework.tests.council_exports import (
    CENSUS,
    Active,
    Case,
    CsvShape,
    Figure,
    Plan,
    XmlShape,
    cases,
    figures,
    in_year,
    write_csv_export,
    write_xlsx_export,
    write_xml_return,
    write_zip_export,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CASEWORK_PSEUDONYM_KEY = "council-exports-key"
    return settings.DATA_DIR


def import_casework(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_casework", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot_code(out: str) -> str:
    return re.search(r"Created snapshot (\S+):", out).group(1)


def report(code: str, period: str, *extra: str) -> dict:
    out = io.StringIO()
    call_command("casework_report", "--snapshot", code, "--period", period, *extra, stdout=out)
    return json.loads(out.getvalue())


def counts(result: dict) -> tuple:
    return result["numerator"], result["denominator"], result["value"]


def disagreements(expected: dict, got: dict) -> list[str]:
    """Every figure whose numerator, denominator or value differs, and empty figures
    that do not say why."""
    found = []
    for code, figure in expected.items():
        result = got[code]
        if figure.value is None:
            if result["value"] is not None or not result["reason"]:
                found.append(f"{code}: expected empty with a reason, got {result}")
            continue
        sendboard = (result["numerator"], result["denominator"], result["value"])
        if sendboard != (figure.numerator, figure.denominator, figure.value):
            found.append(
                f"{code}: sendboard {sendboard} excluded {result['excluded']}, rules {figure}"
            )
    return found


def check_against_rules(all_cases: list[Case], code: str, *, year: int) -> None:
    expected = figures(all_cases, year=year - 1, as_at=CENSUS[year])
    assert all(expected[k].numerator for k in NEVER_EMPTY), "the synthetic data is too thin"
    assert disagreements(expected, report(code, str(year - 1))) == []


# Figures every generated export must give something to compare, so that agreement
# is never two empty figures agreeing.
NEVER_EMPTY = ("ehcp_20w_incl", "ehcp_band_20_52", "decisions_6w", "refusal_rate",
               "not_issue_16w", "open_over_20w", "active_plans", "reviews_overdue")  # fmt: skip


CSV_SHAPES = {
    2023: CsvShape(headings="spaced", dates="uk"),
    2024: CsvShape(headings="snake", dates="mixed", quote_all=True),
    2025: CsvShape(headings="camel", dates="iso", crlf=False, bom=False),
    2026: CsvShape(headings="upper", dates="mixed", trailing_columns=4, blank_lines_at_end=5),
}
XML_SHAPES = {
    2023: XmlShape(case="spec", namespace="default"),
    2024: XmlShape(case="lower", namespace="prefixed", self_closing_blanks=False),
    2025: XmlShape(case="upper", namespace=""),
    2026: XmlShape(case="spec", namespace="default", unknown_element="LocalCaseWorker"),
}


@pytest.mark.parametrize("year", sorted(CSV_SHAPES))
def test_csv_modules_give_the_figures_the_rules_give(tmp_path, year):
    all_cases = cases(seed=year, year=year)
    export = write_csv_export(tmp_path / "export", all_cases, year=year, shape=CSV_SHAPES[year])
    out, _ = import_casework(str(export))
    check_against_rules(all_cases, snapshot_code(out), year=year)


@pytest.mark.parametrize("year", sorted(XML_SHAPES))
def test_the_xml_return_of_each_collection_gives_the_figures_the_rules_give(tmp_path, year):
    all_cases = cases(seed=100 + year, year=year)
    path = write_xml_return(tmp_path / "RETURN.xml", all_cases, year=year, shape=XML_SHAPES[year])
    out, _ = import_casework(str(path))
    check_against_rules(all_cases, snapshot_code(out), year=year)


def test_a_larger_export_agrees_figure_for_figure(tmp_path):
    all_cases = cases(seed=23, year=2026, n=3000)
    shape = CsvShape(headings="spaced", dates="mixed", quote_all=True)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026, shape=shape)
    check_against_rules(all_cases, snapshot_code(import_casework(str(export))[0]), year=2026)


def test_the_same_cases_as_csv_and_as_xml_give_the_same_report_word_for_word(tmp_path):
    all_cases = cases(seed=24, year=2025)
    export = write_csv_export(tmp_path / "export", all_cases, year=2025)
    path = write_xml_return(
        tmp_path / "RETURN.xml", all_cases, year=2025, shape=XmlShape(case="lower")
    )
    from_csv = report(snapshot_code(import_casework(str(export))[0]), "2024")
    from_xml = report(snapshot_code(import_casework(str(path))[0]), "2024")
    assert from_csv == from_xml


def test_file_names_as_a_system_capitalises_them_import_the_same(tmp_path):
    all_cases = cases(seed=7, year=2026)
    shape = CsvShape(file_case="title", headings="spaced")
    export = write_csv_export(tmp_path / "export", all_cases, year=2026, shape=shape)
    out, _ = import_casework(str(export))
    check_against_rules(all_cases, snapshot_code(out), year=2026)


def test_an_export_without_its_header_module_is_read_at_the_date_given(tmp_path):
    all_cases = cases(seed=8, year=2025)
    shape = CsvShape(header_module=False, dates="uk")
    export = write_csv_export(tmp_path / "export", all_cases, year=2025, shape=shape)
    out, _ = import_casework(str(export), "--as-at", CENSUS[2025].isoformat())
    check_against_rules(all_cases, snapshot_code(out), year=2025)


def test_local_column_names_are_mapped_once_with_a_mapping_file(tmp_path):
    all_cases = cases(seed=9, year=2026)
    export = write_csv_export(
        tmp_path / "export", all_cases, year=2026, shape=CsvShape(headings="spaced")
    )
    for module in ("requests", "assessment", "activeplans"):
        path = export / f"{module}.csv"
        path.write_bytes(path.read_bytes().replace(b"Requests Table ID", b"Request Table ID"))
    mapping = tmp_path / "names.txt"
    mapping.write_text("[columns]\nRequest Table ID = requeststableid\n", encoding="utf-8")
    out, _ = import_casework(str(export), "--mapping", str(mapping))
    check_against_rules(all_cases, snapshot_code(out), year=2026)


MORE_CSV_SHAPES = {
    "columns in their own order, with local ones": CsvShape(
        shuffle_columns=True, local_columns=("caseworker", "schoolname"), headings="spaced"
    ),
    "saved by Excel as plain CSV (cp1252)": CsvShape(encoding="cp1252", dates="uk"),
    "dates with a time, as SQL writes them": CsvShape(dates="sqltime"),
    "codes padded as CHAR columns are": CsvShape(padded=True, crlf=False),
}


@pytest.mark.parametrize("shape", MORE_CSV_SHAPES.values(), ids=MORE_CSV_SHAPES.keys())
def test_other_ways_systems_write_csv_give_the_same_figures(tmp_path, shape):
    all_cases = cases(seed=19, year=2026)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026, shape=shape)
    out, _ = import_casework(str(export))
    check_against_rules(all_cases, snapshot_code(out), year=2026)


def test_a_workbook_and_a_zipped_folder_give_the_same_figures(tmp_path):
    all_cases = cases(seed=20, year=2025)
    book = write_xlsx_export(tmp_path / "SEN2 2025.xlsx", all_cases, year=2025)
    check_against_rules(all_cases, snapshot_code(import_casework(str(book))[0]), year=2025)
    folder = write_csv_export(tmp_path / "SEN2 export", all_cases, year=2025)
    archive = write_zip_export(tmp_path / "export.zip", folder, inner="SEN2 export")
    check_against_rules(all_cases, snapshot_code(import_casework(str(archive))[0]), year=2025)


def test_an_xml_return_with_nil_blanks_crlf_bom_and_comments(tmp_path):
    all_cases = cases(seed=21, year=2024)
    shape = XmlShape(nil_blanks=True, crlf=True, bom=True, comments=True, case="upper")
    path = write_xml_return(tmp_path / "RETURN.xml", all_cases, year=2024, shape=shape)
    check_against_rules(all_cases, snapshot_code(import_casework(str(path))[0]), year=2024)


PERIODS = {
    "FY2024-25": (date(2024, 4, 1), date(2025, 3, 31)),
    "2025-Q2": (date(2025, 4, 1), date(2025, 6, 30)),
    "2025-05": (date(2025, 5, 1), date(2025, 5, 31)),
}


def test_other_periods_and_earlier_as_at_dates(tmp_path):
    all_cases = cases(seed=22, year=2026, n=600)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026)
    code = snapshot_code(import_casework(str(export))[0])
    for period, span in PERIODS.items():
        expected = figures(all_cases, year=span, as_at=CENSUS[2026])
        assert disagreements(expected, report(code, period)) == [], period
    for as_at in ("2025-03-01", "2025-06-30", "2025-12-31"):
        expected = figures(all_cases, year=2025, as_at=date.fromisoformat(as_at))
        got = report(code, "2025", "--as-at", as_at)
        as_at_figures = ("open_over_20w", "open_over_30w", "active_plans")
        assert [counts(got[k]) for k in as_at_figures] == [
            tuple(vars(expected[k]).values()) for k in as_at_figures
        ], as_at


# --- send-rules section 6, worked by hand, through the README's commands ------------


def _case(n: int, received: str, **fields) -> Case:
    return Case(
        person=n, request=n, birth=date(2012, 3, 1), received=date.fromisoformat(received), **fields
    )


def _issued(n: int, received: str, issued: str, week20: str = "0") -> Case:
    day = date.fromisoformat(issued)
    told = date.fromisoformat(received).replace(day=28)
    return _case(
        n, received, req_outcome="Y", req_date=told, has_assessment=True, ass_outcome="Y",
        ass_date=day, week20=week20, plan=Plan(start=day), active=Active(),
    )  # fmt: skip


WORKED = [
    _issued(1, "2024-01-08", "2024-05-27"),  # example 1: day 140, within
    _issued(2, "2024-01-08", "2024-05-28"),  # example 2: day 141, late, 20-52
    _issued(3, "2024-03-04", "2024-07-15", week20="1"),  # example 3: within, exception
    _issued(4, "2023-11-13", "2024-12-02"),  # example 4: 385 days, over 52
    # example 5: assessing since 2024-09-02, 136 days at the 2025 census, not overdue
    _case(5, "2024-09-02", req_outcome="Y", req_date=date(2024, 10, 7), has_assessment=True),
    # example 6: decision to assess told at 42 days; still assessing with outcome A
    _case(6, "2024-02-05", req_outcome="Y", req_date=date(2024, 3, 18), has_assessment=True,
          ass_outcome="A"),
    _case(7, "2024-02-05", req_outcome="N", req_date=date(2024, 3, 19)),  # example 7
    # example 8: not to issue at 112 days (within 16 weeks), and at 113 (over)
    _case(8, "2024-04-01", req_outcome="Y", req_date=date(2024, 5, 1), has_assessment=True,
          ass_outcome="N", ass_date=date(2024, 7, 22), week20="0"),
    _case(9, "2024-04-01", req_outcome="Y", req_date=date(2024, 5, 1), has_assessment=True,
          ass_outcome="N", ass_date=date(2024, 7, 23), week20="0"),
    # example 15: transferred in (H) with its plan: caseload, not timeliness
    _case(10, "2022-03-01", req_outcome="H", has_assessment=True, ass_outcome="H",
          plan=Plan(start=date(2022, 7, 1)),
          active=Active(transferla="873", lastreview=date(2024, 6, 20))),
]  # fmt: skip


def test_send_rules_worked_examples_by_hand_and_through_the_commands(tmp_path):
    by_hand = {
        # examples 1-4: issued in 2024 are 1, 2, 3, 4 (the transfer in is left out)
        "ehcp_20w_incl": (2, 4, 50.0),
        "ehcp_20w_excl": (1, 3, 33.3),
        "ehcp_band_20_52": (1, 4, 25.0),
        "ehcp_band_over_52": (1, 4, 25.0),
        "days_to_issue_median": (None, 4, 140.5),
        # requests received in 2024: 1, 2, 3, 5, 6, 7, 8, 9; refusal 1 of 8
        "requests_received": (8, 8, 8),
        "refusal_rate": (1, 8, 12.5),
        # decisions told in 2024: the told dates of 1-3 (day 20), 4 is told 2023-11-28;
        # 5 (35 days), 6 (42, within), 7 (43, over), 8 and 9 (30 days)
        "decisions_6w": (7, 8, 87.5),
        "not_issue_16w": (1, 2, 50.0),
        # at 2025-01-16: open are 5 (136 days) and 6 (346 days)
        "open_over_20w": (1, 2, 1),
        "open_over_30w": (1, 2, 1),
        # caseload: 1, 2, 3, 4 and the transfer in; none is a year past its issue or
        # last review (the transfer in was reviewed 2024-06-20)
        "active_plans": (5, 5, 5),
        "reviews_overdue": (0, 5, 0),
    }
    as_at = CENSUS[2025]
    oracle = figures(WORKED, year=2024, as_at=as_at)
    assert {code: tuple(vars(oracle[code]).values()) for code in by_hand} == by_hand
    export = write_csv_export(tmp_path / "export", WORKED, year=2025, shape=CsvShape(dates="uk"))
    out, _ = import_casework(str(export))
    got = report(snapshot_code(out), "2024")
    assert {code: counts(got[code]) for code in by_hand} == by_hand


def test_examples_9_and_10_shares_by_hand_and_through_the_commands(tmp_path):
    """Example 9: ten plans, 8 with week20 0 (5 within), 2 with week20 1 (1 within):
    60.0% and 62.5%. Example 10: 200 requests, Y 130, N 50, A 15, W 5: refusal 25.0%."""
    plans = [
        _issued(n, "2024-01-08", "2024-05-20" if within else "2024-06-20", week20=w)
        for n, (within, w) in enumerate(
            [(True, "0")] * 5 + [(False, "0")] * 3 + [(True, "1"), (False, "1")], start=1
        )
    ]
    told = {"Y": date(2024, 4, 1), "N": date(2024, 4, 1)}
    requests = [
        _case(n, "2024-03-01", req_outcome=outcome, req_date=told.get(outcome))
        for n, outcome in enumerate("Y" * 130 + "N" * 50 + "A" * 15 + "W" * 5, start=1)
    ]
    by_hand = figures(plans, year=2024, as_at=CENSUS[2025])
    assert (by_hand["ehcp_20w_incl"].value, by_hand["ehcp_20w_excl"].value) == (60.0, 62.5)
    assert figures(requests, year=2024, as_at=CENSUS[2025])["refusal_rate"].value == 25.0
    plans_export = write_csv_export(tmp_path / "plans", plans, year=2025)
    got = report(snapshot_code(import_casework(str(plans_export))[0]), "2024")
    assert (counts(got["ehcp_20w_incl"]), counts(got["ehcp_20w_excl"])) == (
        (6, 10, 60.0),
        (5, 8, 62.5),
    )
    requests_export = write_csv_export(tmp_path / "requests", requests, year=2025)
    got = report(snapshot_code(import_casework(str(requests_export))[0]), "2024")
    assert counts(got["refusal_rate"]) == (50, 200, 25.0)


def test_example_13_review_overdue_from_the_issue_date_then_from_the_decision(tmp_path):
    never = _issued(1, "2022-12-20", "2023-05-10")
    assert figures([never], year=2023, as_at=date(2024, 6, 1))["reviews_overdue"].numerator == 1
    assert figures([never], year=2023, as_at=date(2024, 5, 10))["reviews_overdue"].numerator == 0
    never.active.lastreview = date(2024, 4, 20)
    assert figures([never], year=2024, as_at=date(2025, 4, 20))["reviews_overdue"].numerator == 0
    assert figures([never], year=2024, as_at=date(2025, 4, 21))["reviews_overdue"].numerator == 1


def _reviewed(n: int, meeting: str, outcome: str, decided: str, final: str = "") -> Case:
    """A plan issued in 2022 whose latest annual review is given; `final` is the date of
    its final amended plan, a local `amended_plan_issued` milestone."""
    case = _issued(n, "2022-01-10", "2022-05-20")
    case.active = Active(
        meeting=date.fromisoformat(meeting),
        outcome=outcome,
        lastreview=date.fromisoformat(decided),
        draft=date.fromisoformat(decided) if outcome == "A" else None,
    )
    if final:
        case.events = [("amended_plan_issued", date.fromisoformat(final))]
    return case


def test_examples_11_and_12_review_decisions_and_final_amended_plans(tmp_path):
    """Meeting 2024-10-01, amendments sent 2024-10-25: decision on time (24 days); final
    due 2024-12-20 (8 weeks), capped at 2024-12-24 (12 weeks). Maintain told 2024-11-05:
    35 days, over 4 weeks."""
    reviews = [
        _reviewed(1, "2024-10-01", "A", "2024-10-25", final="2025-01-06"),  # late on both
        _reviewed(2, "2024-10-01", "A", "2024-10-25", final="2024-12-22"),  # within cap only
        _reviewed(3, "2024-10-01", "A", "2024-10-25", final="2024-12-20"),  # day 56: on time
        _reviewed(4, "2024-10-01", "M", "2024-11-05"),  # example 12
    ]
    assert figures(reviews, year=2024, as_at=CENSUS[2025])["review_decisions_4w"] == Figure(
        3, 4, 75.0
    )
    export = write_csv_export(tmp_path / "export", reviews, year=2025)
    code = snapshot_code(import_casework(str(export))[0])
    in_2024, in_2025 = report(code, "2024"), report(code, "2025")
    assert counts(in_2024["review_decisions_4w"]) == (3, 4, 75.0)
    assert counts(in_2024["amended_12w"]) == (1, 2, 50.0)
    assert counts(in_2025["amended_12w"]) == (0, 1, 0.0)


def test_example_13_reviews_overdue_through_the_commands(tmp_path):
    """Issued 2023-05-10, never reviewed: at 2024-06-01 overdue. Reviewed with a decision
    on 2024-04-20: the next is due 2025-04-20, overdue the day after."""
    shape = CsvShape(header_module=False)

    def overdue(case: Case, as_at: str, folder: str) -> tuple:
        export = write_csv_export(tmp_path / folder, [case], year=2025, shape=shape)
        code = snapshot_code(import_casework(str(export), "--as-at", as_at)[0])
        got = report(code, as_at[:4])["reviews_overdue"]
        return got["numerator"], got["denominator"]

    never = _issued(1, "2022-12-20", "2023-05-10")
    assert overdue(never, "2024-06-01", "never") == (1, 1)
    never.active = Active(meeting=date(2024, 4, 1), outcome="M", lastreview=date(2024, 4, 20))
    assert overdue(never, "2025-04-20", "on-the-day") == (0, 1)
    assert overdue(never, "2025-04-21", "day-after") == (1, 1)


def test_example_14_phase_transfers_against_15_february_and_31_march(tmp_path):
    """Moving to secondary in September 2025: final 2025-02-10 on time, 2025-02-15 late
    under the default (strictly before), 2025-02-20 late; to college, 2025-03-28 on time."""
    transfers = []
    for n, (due, final) in enumerate(
        [("2025-02-15", "2025-02-10"), ("2025-02-15", "2025-02-15"),
         ("2025-02-15", "2025-02-20"), ("2025-03-31", "2025-03-28")], start=1,
    ):  # fmt: skip
        case = _issued(n, "2019-01-07", "2019-05-20")
        case.active = Active(
            meeting=date(2024, 11, 4), outcome="A", lastreview=date(2024, 11, 20),
            draft=date(2024, 11, 20), phase_due=date.fromisoformat(due),
            phase_final=date.fromisoformat(final),
        )  # fmt: skip
        transfers.append(case)
    export = write_csv_export(tmp_path / "export", transfers, year=2026)
    got = report(snapshot_code(import_casework(str(export))[0]), "2025")["phase_transfer_on_time"]
    assert (got["numerator"], got["denominator"], got["value"]) == (2, 4, 50.0)


# --- figures the data cannot give are empty and say why ---------------------------


def test_figures_sen2_cannot_give_are_empty_with_their_reason(tmp_path):
    all_cases = cases(seed=11, year=2026)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026)
    code = snapshot_code(import_casework(str(export))[0])
    amended = report(code, "2025")["amended_12w"]
    assert amended["value"] is None and "amended_plan_issued" in amended["reason"]
    earlier = report(code, "2025", "--as-at", "2025-06-30")["reviews_overdue"]
    assert earlier["value"] is None and earlier["reason"]


def test_review_decisions_of_a_2023_return_without_meeting_dates_say_why(tmp_path):
    all_cases = cases(seed=12, year=2023)
    path = write_xml_return(tmp_path / "RETURN.xml", all_cases, year=2023, shape=XmlShape())
    got = report(snapshot_code(import_casework(str(path))[0]), "2022")["review_decisions_4w"]
    assert got["value"] is None and got["reason"]


def test_review_decisions_left_out_for_want_of_a_meeting_date_are_shown(tmp_path):
    all_cases = cases(seed=12, year=2023)
    decided = sum(bool(c.active and in_year(c.active.lastreview, 2022)) for c in all_cases)
    path = write_xml_return(tmp_path / "RETURN.xml", all_cases, year=2023, shape=XmlShape())
    got = report(snapshot_code(import_casework(str(path))[0]), "2022")["review_decisions_4w"]
    said = (got["reason"] + " ".join(got["excluded"])).lower()
    assert decided and "meeting" in said


# --- what is refused, what is warned ----------------------------------------------


def test_truly_invalid_rows_refuse_the_whole_import_naming_file_line_and_field(tmp_path, data_dir):
    all_cases = cases(seed=13, year=2026)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026, shape=CsvShape())
    requests = export / "requests.csv"
    lines = requests.read_bytes().decode("utf-8-sig").split("\r\n")
    lines.insert(3, "")  # a blank line: the rows after it are one line further down
    cells = lines[5].split(",")
    cells[2] = "31/02/2025"  # receiveddate of the request on line 6
    lines[5] = ",".join(cells)
    cells = lines[8].split(",")
    cells[6] = "Q"  # requestoutcome on line 9
    lines[8] = ",".join(cells)
    requests.write_bytes(("\ufeff" + "\r\n".join(lines)).encode())
    assessment = export / "assessment.csv"
    text = assessment.read_bytes().decode("utf-8-sig").split("\r\n")
    cells = text[1].split(",")
    cells[1] = "REQ-99999"  # an assessment of a request that is not there, line 2
    text[1] = ",".join(cells)
    assessment.write_bytes(("\ufeff" + "\r\n".join(text)).encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_casework", str(export), stderr=err)
    problems = err.getvalue().lower()
    assert "requests.csv:6: receiveddate:" in problems
    assert "requests.csv:9: requestoutcome:" in problems
    assert "assessment.csv:2: requeststableid:" in problems
    assert not Snapshot.objects.exists()
    assert not any(data_dir.rglob("*.csv"))


def test_lines_are_those_of_the_file_when_a_quoted_cell_runs_over_two_lines(tmp_path):
    all_cases = cases(seed=17, year=2026)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026)
    person = export / "person.csv"
    rows = list(csv.reader(io.StringIO(person.read_bytes().decode("utf-8-sig"), newline="")))
    rows[1][2] = "Sam\r\nJo"  # a forename typed over two lines: lines 2 and 3
    rows[4][3] = "2099-99-99"  # the fourth person, on line 6 of the file
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    person.write_bytes(("\ufeff" + text.getvalue()).encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_casework", str(export), stderr=err)
    assert "person.csv:6: personbirthdate:" in err.getvalue()


def test_an_invalid_element_of_the_xml_return_is_named_with_its_line(tmp_path):
    all_cases = cases(seed=14, year=2025)
    path = write_xml_return(tmp_path / "RETURN.xml", all_cases, year=2025, shape=XmlShape())
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if "<ReceivedDate>" in text)
    lines[line] = re.sub(r">[^<]+<", ">2025-13-45<", lines[line])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_casework", str(path), stderr=err)
    assert f"return.xml:{line + 1}: receiveddate:" in err.getvalue().lower()
    assert not Snapshot.objects.exists()


def test_unknown_events_and_elements_are_counted_warnings_not_refusals(tmp_path):
    all_cases = cases(seed=15, year=2026)
    export = write_csv_export(tmp_path / "export", all_cases, year=2026)
    rows = [f"REQ-{n:05d},advice_requested,2025-0{n % 9 + 1}-1{n % 9}" for n in range(1, 13)]
    (export / "events.csv").write_text(
        "\ufeffRequests Table ID,Event,Date\r\n" + "\r\n".join(rows) + "\r\n", encoding="utf-8"
    )
    out, err = import_casework(str(export))
    assert re.search(r"12 rows with event 'advice_requested' were not used", out + err)
    check_against_rules(all_cases, snapshot_code(out), year=2026)
    path = write_xml_return(
        tmp_path / "RETURN.xml", all_cases, year=2026,
        shape=XmlShape(unknown_element="LocalCaseWorker"),
    )  # fmt: skip
    out, err = import_casework(str(path))
    warnings = (out + err).lower()
    people = len({c.person for c in all_cases})
    assert "localcaseworker" in warnings and f"{people} times" in warnings
    assert "wpb" not in warnings  # the known misspellings are read, not warned of


def test_a_column_read_but_not_used_is_a_warning(tmp_path):
    all_cases = cases(seed=18, year=2026)
    export = write_csv_export(
        tmp_path / "export", all_cases, year=2026, shape=CsvShape(headings="spaced")
    )
    path = export / "activeplans.csv"
    path.write_bytes(path.read_bytes().replace(b"Review Meeting", b"Review Meeting Date"))
    out, err = import_casework(str(export))
    assert "review meeting date" in (out + err).lower()


@pytest.mark.parametrize("outcome", ["", "A", "W", "H"])
def test_a_decision_date_without_a_decision_is_not_dropped_silently(tmp_path, outcome):
    """send-rules 2: the outcome date is when the family was told; none for A, W, H."""
    told = _case(1, "2024-03-01", req_outcome=outcome, req_date=date(2024, 3, 20))
    export = write_csv_export(tmp_path / "export", [told], year=2025)
    try:
        out, err = import_casework(str(export))
    except CommandError as refused:
        out, err = "", str(refused)
    assert re.search(r"requests\.csv:2: requestoutcome(date)?:", out + err)


def test_local_event_names_are_mapped_to_the_engines_milestones(tmp_path):
    reviews = [
        _reviewed(1, "2024-10-01", "A", "2024-10-25", final="2024-12-20"),
        _reviewed(2, "2024-10-01", "A", "2024-10-25", final="2024-12-22"),
    ]
    for case in reviews:
        case.events = [("Final amended EHCP issued", day) for _, day in case.events]
    export = write_csv_export(tmp_path / "export", reviews, year=2025)
    mapping = tmp_path / "names.txt"
    mapping.write_text(
        "# our case system\n[events]\nFinal amended EHCP issued = amended_plan_issued\n",
        encoding="utf-8",
    )
    out, _ = import_casework(str(export), "--mapping", str(mapping))
    assert counts(report(snapshot_code(out), "2024")["amended_12w"]) == (1, 2, 50.0)


# --- the README's commands, as a newcomer runs them --------------------------------


def test_a_newcomer_runs_the_readme_commands_on_a_fresh_database(tmp_path):
    all_cases = cases(seed=16, year=2026)
    export = write_csv_export(
        tmp_path / "export", all_cases, year=2026, shape=CsvShape(headings="spaced", dates="uk")
    )
    sendboard = str(Path(sys.executable).with_name("sendboard"))
    env = {**os.environ, "DEBUG": "true", "SENDBOARD_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)

    def run(*args: str) -> str:
        done = subprocess.run(
            [sendboard, *args], env=env, cwd=tmp_path, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("migrate", "--verbosity", "0")
    run("import_casework", str(export), "--dry-run")
    run("import_casework", str(export))
    got = json.loads(
        run("casework_report", "--snapshot", "latest", "--period", "2025", "--format", "json")
    )
    expected = figures(all_cases, year=2025, as_at=CENSUS[2026])
    assert disagreements(expected, got) == []
