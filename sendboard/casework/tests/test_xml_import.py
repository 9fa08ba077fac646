"""The SEN2 XML return imports directly, streamed and parsed safely, with the same
checks and the same figures as the same data given as CSV."""

import tempfile
import tracemalloc
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sendboard.casework.engine import compute_all, open_snapshot
from sendboard.casework.snapshot import SnapshotInvalid, import_snapshot, sen2xml
from sendboard.casework.snapshot.sen2xml_write import CENSUS, Style, sen2_only, xml_from_export
from sendboard.casework.snapshot.synth import synthesise
from sendboard.casework.tests.exports import write_export


def run_import(source: Path, root: Path, code: str, **options):
    return import_snapshot(
        source=source, snapshots_dir=root / "snapshots", key="k", code=code, **options
    )


def figures(folder: Path, *, period: str) -> dict[str, tuple]:
    con = open_snapshot(folder)
    try:
        results = compute_all(con, period=period)
    finally:
        con.close()
    return {
        code: (r.numerator, r.denominator, r.value, r.excluded, r.reason)
        for code, r in results.items()
    }


def both_ways(export: Path, root: Path, style: Style) -> tuple[dict, dict]:
    """Figures for the year before the census from the CSV export and from its XML."""
    as_at = date.fromisoformat(CENSUS[style.year])
    xml = xml_from_export(export, root / "RETURN.xml", style=style)
    from_csv = run_import(export, root, "csv", as_at=as_at)
    from_xml = run_import(xml, root, "xml", as_at=as_at)
    assert from_xml.row_counts == from_csv.row_counts
    period = str(style.year - 1)
    return figures(from_csv.folder, period=period), figures(from_xml.folder, period=period)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    synthesise(requests=1500, out=out, seed=11)
    return sen2_only(out)


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_each_collection_year_gives_the_figures_of_the_same_data_as_csv(year, synthetic, tmp_path):
    from_csv, from_xml = both_ways(synthetic, tmp_path, Style(year=year))
    assert from_xml == from_csv
    assert from_csv["ehcp_20w_incl"][1] > 0, "the data must exercise the figures"


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    seed=st.integers(0, 10_000),
    requests=st.integers(30, 400),
    style=st.builds(
        Style,
        namespace=st.booleans(),
        lower_case=st.booleans(),
        misspelt=st.booleans(),
        empty_elements=st.booleans(),
        year=st.sampled_from(sorted(CENSUS)),
    ),
)
def test_xml_and_csv_agree_on_random_synthetic_data(seed, requests, style):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        synthesise(requests=requests, out=root / "export", seed=seed)
        from_csv, from_xml = both_ways(sen2_only(root / "export"), root, style)
        assert from_xml == from_csv


def _return(tmp_path: Path, **changes) -> Path:
    export = sen2_only(write_export(tmp_path / "export", changes=changes or None))
    return xml_from_export(export, tmp_path / "RETURN.xml")


def _line_of(path: Path, text: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return lines[occurrence - 1]


def test_a_problem_names_the_file_the_line_and_the_element_of_the_cell(tmp_path):
    path = _return(tmp_path, **{"requests.csv": {3: {"requestoutcome": "Q"}}})
    with pytest.raises(SnapshotInvalid, match="nothing was imported") as raised:
        run_import(path, tmp_path, "x")
    line = _line_of(path, "<RequestOutcome>", 2)  # R2 is the second request in the file
    assert [str(p) for p in raised.value.problems] == [
        f"RETURN.xml:{line}: RequestOutcome: unknown code 'Q' (expected one of Y, N, A, W, H)"
    ]
    assert not (tmp_path / "snapshots").exists()


def test_a_blank_item_is_named_by_its_record_element_line(tmp_path):
    path = _return(tmp_path, **{"senneed.csv": {2: {"sentype": ""}}})
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(path, tmp_path, "x")
    line = _line_of(path, "<SENneed>")
    assert [str(p) for p in raised.value.problems] == [f"RETURN.xml:{line}: SENtype: is blank"]


def test_an_unknown_element_is_a_warning_with_its_count_and_the_rest_imports(tmp_path):
    path = _return(tmp_path)
    text = path.read_text().replace("<Sex>", "<FavouriteColour>blue</FavouriteColour><Sex>")
    path.write_text(text)
    result = run_import(path, tmp_path, "x")
    line = _line_of(path, "FavouriteColour")
    assert result.warnings == (
        f"RETURN.xml:{line}: FavouriteColour: is not an element the SEN2 return has inside"
        " Person; not used (2 times)",
    )
    assert result.row_counts["person"] == 2


def test_the_header_reference_date_is_the_as_at_date(tmp_path):
    assert run_import(_return(tmp_path), tmp_path, "x").as_at == date(2026, 1, 15)


def test_entities_are_refused_before_they_expand(tmp_path):
    path = tmp_path / "RETURN.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<Message>&b;</Message>\n'
    )
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(path, tmp_path, "x")
    assert "refused for safety" in str(raised.value.problems[0])


def test_an_external_entity_is_refused(tmp_path):
    path = tmp_path / "RETURN.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<Message><Persons><Person><Surname>&x;</Surname></Person></Persons></Message>\n"
    )
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(path, tmp_path, "x")
    assert "refused for safety" in str(raised.value.problems[0])


def test_a_broken_file_says_where_it_stops_being_xml(tmp_path):
    path = tmp_path / "RETURN.xml"
    path.write_text("<Message>\n<Persons>\n<Person></Requests>\n</Message>\n")
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(path, tmp_path, "x")
    assert str(raised.value.problems[0]).startswith("RETURN.xml:3: is not well-formed XML")


def test_an_empty_xml_file_says_it_is_empty(tmp_path):
    path = tmp_path / "RETURN.xml"
    path.write_text("")
    with pytest.raises(SnapshotInvalid) as raised:
        run_import(path, tmp_path, "x")
    assert [str(p) for p in raised.value.problems] == ["RETURN.xml: the file is empty"]


def _peak_converting(tmp_path: Path, persons: int) -> int:
    person = (
        "<Person><PersonBirthDate>2015-01-01</PersonBirthDate><Requests>"
        "<ReceivedDate>2024-01-08</ReceivedDate><RequestOutcome>N</RequestOutcome>"
        "<RequestOutcomeDate>2024-02-01</RequestOutcomeDate></Requests></Person>\n"
    )
    path = tmp_path / f"{persons}.xml"
    with path.open("w") as out:
        out.write("<Message><Persons>\n")
        for _ in range(persons):
            out.write(person)
        out.write("</Persons></Message>\n")
    (tmp_path / str(persons)).mkdir()
    tracemalloc.start()
    try:
        converted = sen2xml.convert(path, tmp_path / str(persons))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert not converted.problems
    return peak


def test_a_large_return_is_read_in_bounded_memory(tmp_path):
    small, large = _peak_converting(tmp_path, 5_000), _peak_converting(tmp_path, 60_000)
    # Twelve times the file (about 12 MB) costs no more memory: one person is held at a time.
    assert large < small * 1.5 + 2**20, f"{small:,} then {large:,} bytes"


def test_week20_written_as_a_boolean_is_read_as_its_flag(tmp_path):
    path = _return(tmp_path)
    path.write_text(path.read_text().replace("<Week20>0</Week20>", "<Week20>true</Week20>", 1))
    folder = run_import(path, tmp_path, "x").folder
    numerator, denominator, _, excluded, _ = figures(folder, period="2024")["ehcp_20w_excl"]
    assert (numerator, denominator) == (0, 0)
    assert excluded == {"20-week exception applies (week20 = 1)": 1}


def test_synth_casework_writes_an_xml_return_that_imports(tmp_path):
    counts = synthesise(requests=200, out=tmp_path / "xml", seed=5, fmt="xml")
    result = run_import(tmp_path / "xml" / "RETURN.xml", tmp_path, "x")
    assert result.as_at == date(2026, 1, 15)
    assert result.row_counts["requests"] == counts["requests"]
    assert result.row_counts["senneed"] == counts["senneed"]
    assert result.warnings == ()


def test_a_date_with_the_month_named_is_read_in_the_xml_return_too(tmp_path):
    xml = xml_from_export(sen2_only(write_export(tmp_path / "export")), tmp_path / "RETURN.xml")
    text = xml.read_text()
    assert ">2024-01-08<" in text
    xml.write_text(text.replace(">2024-01-08<", ">08-Jan-2024<", 1))
    folder = run_import(xml, tmp_path, "s").folder
    received = duckdb.sql(f"SELECT min(receiveddate) FROM '{folder / 'requests.parquet'}'")
    assert received.fetchone()[0] == date(2024, 1, 8)
