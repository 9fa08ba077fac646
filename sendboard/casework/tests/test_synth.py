import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest

from sendboard.casework import schema
from sendboard.casework.snapshot import import_snapshot
from sendboard.casework.snapshot.synth import synthesise

AS_AT = date(2026, 1, 15)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    synthesise(requests=6000, out=out, seed=7, as_at=AS_AT)
    return out


def query(export: Path, sql: str) -> list[tuple]:
    con = duckdb.connect()
    for path in export.glob("*.csv"):
        con.execute(f"CREATE VIEW {path.stem} AS SELECT * FROM read_csv('{path}', header = true)")
    return con.execute(sql).fetchall()


def digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def test_the_same_seed_writes_the_same_files(tmp_path):
    synthesise(requests=300, out=tmp_path / "a", seed=3)
    synthesise(requests=300, out=tmp_path / "b", seed=3)
    synthesise(requests=300, out=tmp_path / "c", seed=4)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a")["requests.csv"] != digests(tmp_path / "c")["requests.csv"]


def test_synthetic_output_imports_cleanly(export, tmp_path):
    result = import_snapshot(source=export, snapshots_dir=tmp_path, key="k", code="synth")
    assert result.as_at == AS_AT
    assert result.kind == "both"
    assert result.row_counts["requests"] == 6000
    assert all(result.row_counts[table.name] > 0 for table in schema.ALL_TABLES)


def test_it_spans_the_years_up_to_the_as_at_date(export):
    first, last = query(export, "SELECT min(receiveddate), max(receiveddate) FROM requests")[0]
    assert first.year == 2021
    assert last <= AS_AT


def test_it_uses_every_request_and_assessment_outcome(export):
    requests = {code for (code,) in query(export, "SELECT DISTINCT requestoutcome FROM requests")}
    assessments = {
        code for (code,) in query(export, "SELECT DISTINCT assessmentoutcome FROM assessment")
    }
    assert requests == set(schema.REQUEST_OUTCOMES)
    assert assessments == set(schema.ASSESSMENT_OUTCOMES)


def test_about_one_issued_plan_in_sixteen_has_a_week20_exception(export):
    (share,) = query(
        export,
        """
        SELECT avg(week20) FROM assessment
        WHERE assessmentoutcome IN ('Y', 'S') AND assessmentoutcomedate IS NOT NULL
    """,
    )[0]
    assert 0.05 <= share <= 0.07


def test_issue_times_span_the_bands_and_improve_over_the_years(export):
    shares = dict(
        query(
            export,
            """
        SELECT year(a.assessmentoutcomedate),
               avg(CASE WHEN a.assessmentoutcomedate - r.receiveddate <= 140 THEN 1 ELSE 0 END)
        FROM assessment a JOIN requests r USING (requeststableid)
        WHERE a.assessmentoutcome = 'Y' AND a.assessmentoutcomedate IS NOT NULL
        GROUP BY 1
    """,
        )
    )
    assert shares[2025] > shares[2022] + 0.1
    (over_a_year,) = query(
        export,
        """
        SELECT count(*) FROM assessment a JOIN requests r USING (requeststableid)
        WHERE a.assessmentoutcomedate - r.receiveddate > 364
    """,
    )[0]
    assert over_a_year > 0


def test_events_follow_the_case_dates(export):
    (before_request,) = query(
        export,
        """
        SELECT count(*) FROM events e JOIN requests r USING (requeststableid)
        WHERE e.date < r.receiveddate OR e.date > DATE '2026-01-15'
    """,
    )[0]
    (final_mismatch,) = query(
        export,
        """
        SELECT count(*) FROM events e JOIN assessment a USING (requeststableid)
        WHERE e.event = 'final_issued' AND e.date <> a.assessmentoutcomedate
    """,
    )[0]
    names = {name for (name,) in query(export, "SELECT DISTINCT event FROM events")}
    assert before_request == 0
    assert final_mismatch == 0
    assert names == set(schema.EVENTS)


def test_it_includes_reviews_phase_transfers_needs_and_ceased_plans(export):
    (overdue, amended, late_transfers, deadlines, secondary, ceased) = query(
        export,
        """
        SELECT
          (SELECT count(*) FROM activeplans
           WHERE coalesce(lastreview, reviewmeeting) < DATE '2026-01-15' - INTERVAL 1 YEAR),
          (SELECT count(*) FROM activeplans WHERE reviewoutcome = 'A' AND reviewdraft IS NOT NULL),
          (SELECT count(*) FROM activeplans WHERE phasetransferfinaldate >= phasetransferduedate),
          (SELECT list(DISTINCT strftime(phasetransferduedate, '%m-%d')) FROM activeplans
           WHERE phasetransferduedate IS NOT NULL),
          (SELECT count(*) FROM senneed WHERE sentyperank = 2),
          (SELECT count(DISTINCT ceasereason) FROM namedplan WHERE ceasedate IS NOT NULL)
    """,
    )[0]
    assert overdue > 0 and amended > 0 and late_transfers > 0 and secondary > 0
    assert set(deadlines) == {"02-15", "03-31"}
    assert ceased == 9


def test_it_writes_fictional_personal_fields_for_the_importer_to_strip(export):
    header = (export / "person.csv").read_text().splitlines()[0]
    for column in (
        "surname",
        "forename",
        "personbirthdate",
        "postcode",
        "upn",
        "uniquelearnernumber",
    ):
        assert column in header
    (real_areas,) = query(export, "SELECT count(*) FROM person WHERE postcode NOT LIKE 'QX%'")[0]
    assert real_areas == 0


def test_it_writes_waiting_lists_for_four_services_with_people_still_waiting(export):
    rows = dict(
        query(
            export,
            """
        SELECT service, count(*) FILTER (WHERE firstcontactdate IS NULL) FROM referrals GROUP BY 1
    """,
        )
    )
    assert set(rows) == {"SALT", "ASD", "ADHD", "NST"}
    assert all(waiting > 0 for waiting in rows.values())


def test_an_xlsx_export_imports_cleanly(tmp_path):
    synthesise(requests=150, out=tmp_path / "book", seed=2, fmt="xlsx")
    result = import_snapshot(
        source=tmp_path / "book" / "sen2.xlsx", snapshots_dir=tmp_path, key="k", code="xlsx"
    )
    assert result.row_counts["requests"] == 150


def test_it_refuses_nonsense_sizes_and_formats(tmp_path):
    with pytest.raises(ValueError, match="requests must be at least 1"):
        synthesise(requests=0, out=tmp_path)
    with pytest.raises(ValueError, match="fmt must be csv, xlsx or xml"):
        synthesise(requests=10, out=tmp_path, fmt="ods")
