import hashlib
import json
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from sendboard.casework import schema
from sendboard.casework.engine import derived, drill_down, identifier_text, open_snapshot
from sendboard.casework.snapshot import (
    PseudonymKeyMissing,
    import_snapshot,
    pseudonym,
)
from sendboard.casework.tests.exports import EXPORT, PERSONAL, ROWS, write_export

KEY = "a-test-pseudonym-key"


def run_import(source: Path, root: Path, *, key: str = KEY, code: str = "s1", **options):
    return import_snapshot(
        source=source, snapshots_dir=root / "snapshots", key=key, code=code, **options
    )


def rows(folder: Path, table: str) -> list[dict]:
    """A table's rows, identifiers as the 32 hex digits `pseudonym()` gives."""
    found = pq.read_table(folder / f"{table}.parquet").to_pylist()
    return [{name: identifier_text(value) for name, value in row.items()} for row in found]


def every_parquet_file(folder: Path) -> list[Path]:
    """The tables and the derived tables stored beside them."""
    paths = sorted(folder.rglob("*.parquet"))
    assert len(paths) == len(schema.ALL_TABLES) + len(derived.DERIVED)
    return paths


@pytest.fixture
def export(tmp_path):
    return write_export(tmp_path / "export")


@pytest.fixture
def imported(export, tmp_path):
    return run_import(export, tmp_path)


def test_a_clean_export_round_trips_every_row_count(imported):
    assert imported.row_counts == {table.name: ROWS[table.name] for table in schema.ALL_TABLES}
    for table in schema.ALL_TABLES:
        assert len(rows(imported.folder, table.name)) == ROWS[table.name]


def test_every_table_is_written_with_the_column_types_of_the_schema(imported):
    for table in schema.ALL_TABLES:
        described = duckdb.sql(f"DESCRIBE SELECT * FROM '{imported.folder / table.name}.parquet'")
        assert {name: kind for name, kind, *_ in described.fetchall()} == table.columns


def test_no_personal_field_reaches_any_parquet_file(imported):
    personal_columns = {
        "surname",
        "forename",
        "personbirthdate",
        "postcode",
        "upn",
        "uniquelearnernumber",
        "upnunknown",
    }
    for path in every_parquet_file(imported.folder):
        for row in pq.read_table(path).to_pylist():
            assert not personal_columns & set(row)
            for value in row.values():
                assert str(value) not in PERSONAL.values()
                assert value not in {date(2015, 3, 14), date(2011, 7, 30)}
        raw = path.read_bytes()
        assert not any(secret.encode() in raw for secret in PERSONAL.values())


def test_birth_dates_are_kept_only_as_the_first_of_their_month(imported):
    months = sorted(row["birthmonth"] for row in rows(imported.folder, "person"))
    assert months == [date(2011, 7, 1), date(2015, 3, 1)]


def test_raw_identifiers_never_reach_the_snapshot(imported):
    raw_ids = {"P1", "P2", "R1", "R2", "R3", "A1", "A3", "N1", "AP1"}
    for path in every_parquet_file(imported.folder):
        for row in pq.read_table(path).to_pylist():
            assert not raw_ids & {str(value) for value in row.values()}


def test_an_identifier_gets_the_same_pseudonym_in_every_table(imported):
    p1 = pseudonym(key=KEY, column="persontableid", value="P1")
    r1 = pseudonym(key=KEY, column="requeststableid", value="R1")
    assert p1 in {row["persontableid"] for row in rows(imported.folder, "person")}
    assert {
        row["persontableid"]
        for row in rows(imported.folder, "requests")
        if row["requeststableid"] == r1
    } == {p1}
    for table in ("assessment", "activeplans", "events", "teams"):
        assert r1 in {row["requeststableid"] for row in rows(imported.folder, table)}


def test_joins_still_work_after_pseudonymising(imported):
    joined = duckdb.sql(f"""
        SELECT count(*) FROM '{imported.folder}/requests.parquet' r
        JOIN '{imported.folder}/person.parquet' p USING (persontableid)
        JOIN '{imported.folder}/assessment.parquet' a USING (requeststableid)
        JOIN '{imported.folder}/namedplan.parquet' n USING (assessmenttableid)
    """).fetchall()[0][0]
    assert joined == 1


def test_identifiers_are_stored_as_uuids_in_every_table(imported):
    for table in schema.ALL_TABLES:
        stored = pq.read_schema(imported.folder / f"{table.name}.parquet")
        for column, kind in table.columns.items():
            if kind == schema.ID:
                assert str(stored.field(column).type) in ("extension<arrow.uuid>", "uuid")


def test_a_snapshot_holding_identifiers_as_hex_text_still_opens_and_joins(imported, tmp_path):
    """Snapshots of schema version 1 stored each pseudonym as its 32 hex digits."""
    old = tmp_path / "old"
    old.mkdir()
    for table in schema.ALL_TABLES:
        columns = ", ".join(
            f"replace(CAST({name} AS VARCHAR), '-', '') AS {name}" if kind == schema.ID else name
            for name, kind in table.columns.items()
        )
        duckdb.execute(
            f"COPY (SELECT {columns} FROM '{imported.folder}/{table.name}.parquet')"
            f" TO '{old}/{table.name}.parquet' (FORMAT parquet)"
        )
    manifest = json.loads((imported.folder / "manifest.json").read_text())
    del manifest[derived.MANIFEST_KEY]  # its derived tables are built on opening
    (old / "manifest.json").write_text(json.dumps(manifest))
    code = "ehcp_20w_incl"
    rows = drill_down(open_snapshot(imported.folder), code=code, period="2024")
    assert rows and isinstance(rows[0]["row_id"], str)
    assert drill_down(open_snapshot(old), code=code, period="2024") == rows


def test_a_different_key_gives_different_pseudonyms(export, tmp_path):
    first = run_import(export, tmp_path, code="one")
    second = run_import(export, tmp_path, key="another-key", code="two")
    ids = [
        {row["persontableid"] for row in rows(result.folder, "person")}
        for result in (first, second)
    ]
    assert ids[0].isdisjoint(ids[1])


def test_the_same_raw_value_in_different_id_columns_gets_unrelated_pseudonyms(imported):
    referral = rows(imported.folder, "referrals")[0]["referralid"]
    assert referral == pseudonym(key=KEY, column="referralid", value="P1")
    assert referral != pseudonym(key=KEY, column="persontableid", value="P1")


def test_it_refuses_to_import_without_a_key(export, tmp_path):
    with pytest.raises(PseudonymKeyMissing, match="no pseudonym key"):
        run_import(export, tmp_path, key="")
    assert not (tmp_path / "snapshots").exists()


def test_the_manifest_records_counts_checksums_sources_and_who(export, tmp_path):
    result = run_import(export, tmp_path, imported_by="analyst")
    manifest = json.loads((result.folder / schema.MANIFEST).read_text())
    assert manifest["code"] == "s1"
    assert manifest["schema_version"] == schema.SCHEMA_VERSION
    assert manifest["row_counts"] == result.row_counts
    assert manifest["source_files"]["requests"] == "requests.csv"
    assert manifest["imported_by"] == "analyst"
    assert manifest["imported_at"]
    assert manifest["kind"] == "both"
    for table in schema.ALL_TABLES:
        digest = hashlib.sha256((result.folder / f"{table.name}.parquet").read_bytes()).hexdigest()
        assert manifest["checksums"][table.name] == digest


def test_the_manifest_records_the_derived_tables_with_counts_and_checksums(imported):
    manifest = json.loads((imported.folder / schema.MANIFEST).read_text())
    entry = manifest[derived.MANIFEST_KEY]
    assert entry["version"] == derived.VERSION
    assert entry["files"] == {name: derived.file_of(name) for name in derived.DERIVED}
    for name, file in entry["files"].items():
        path = imported.folder / file
        assert entry["checksums"][name] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["row_counts"][name] == pq.ParquetFile(path).metadata.num_rows


def test_the_as_at_date_is_the_latest_date_in_the_data_unless_given(export, tmp_path):
    assert run_import(export, tmp_path, code="a").as_at == date(2025, 5, 20)
    assert run_import(export, tmp_path, code="b", as_at=date(2025, 6, 1)).as_at == date(2025, 6, 1)


def test_the_as_at_date_comes_from_the_header_module_when_there_is_one(export, tmp_path):
    (export / "module0_header.csv").write_text(
        "collection,referencedate,lea\nSEN2,2026-01-15,999\n"
    )
    result = run_import(export, tmp_path)
    manifest = json.loads((result.folder / schema.MANIFEST).read_text())
    assert result.as_at == date(2026, 1, 15)
    assert manifest[schema.MANIFEST_AS_AT] == "2026-01-15"


def test_a_zip_with_module_numbered_names_imports(export, tmp_path):
    archive = tmp_path / "export.zip"
    numbered = {
        "person.csv": "module1_person.csv",
        "namedplan.csv": "4a_namedplan.csv",
        "senneed.csv": "5c_senneed.csv",
    }
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in export.iterdir():
            zipped.write(path, f"sen2/{numbered.get(path.name, path.name)}")
    result = run_import(archive, tmp_path)
    assert result.row_counts["person"] == ROWS["person"]
    assert result.sources["namedplan"] == "sen2/4a_namedplan.csv"


def test_an_xlsx_workbook_with_a_sheet_per_module_imports(tmp_path):
    book = Workbook()
    book.remove(book.active)
    for name, table_rows in EXPORT.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        sheet.append(list(table_rows[0]))
        for row in table_rows:
            sheet.append([_excel_value(value) for value in row.values()])
    path = tmp_path / "sen2.xlsx"
    book.save(path)
    result = run_import(path, tmp_path)
    assert result.row_counts == {table.name: ROWS[table.name] for table in schema.ALL_TABLES}
    assert {row["birthmonth"] for row in rows(result.folder, "person")} == {
        date(2015, 3, 1),
        date(2011, 7, 1),
    }


def test_a_waiting_list_on_its_own_imports_as_a_waiting_list_snapshot(tmp_path):
    export = write_export(tmp_path / "export", only=("referrals.csv",))
    result = run_import(export / "referrals.csv", tmp_path)
    assert result.kind == "waiting-list"
    assert result.row_counts["referrals"] == 1
    assert result.row_counts["requests"] == 0


def test_an_existing_snapshot_folder_is_never_overwritten(export, tmp_path):
    run_import(export, tmp_path)
    with pytest.raises(FileExistsError, match="already exists"):
        run_import(export, tmp_path)


def test_a_dry_run_checks_and_counts_but_writes_nothing(export, tmp_path):
    result = run_import(export, tmp_path, dry_run=True)
    assert result.folder is None
    assert result.row_counts["requests"] == 3
    assert not (tmp_path / "snapshots").exists()


def test_an_export_in_windows_1252_is_read_rather_than_refused(tmp_path):
    export = write_export(tmp_path / "export", only=("referrals.csv",))
    path = export / "referrals.csv"
    path.write_bytes(path.read_bytes().replace(b"school age", "école".encode("cp1252")))
    result = run_import(path, tmp_path)
    assert result.row_counts["referrals"] == 1


def _excel_value(text: str) -> object:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def test_progress_is_reported_step_by_step_up_to_the_total(export, tmp_path):
    steps = []
    run_import(export, tmp_path, progress=lambda text, done, total: steps.append((done, total)))
    assert [done for done, _ in steps] == list(range(len(steps)))
    assert {total for _, total in steps} == {len(steps)}


def test_a_zip_that_unpacks_past_the_limit_is_refused_before_it_is_written(
    export, tmp_path, settings
):
    settings.CASEWORK_MAX_UNPACKED_BYTES = 1024
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for path in export.iterdir():
            zipped.write(path, path.name)
        zipped.writestr("requests_padding.csv", "x" * 10_000)

    with pytest.raises(ValueError, match=r"export.zip unpacks to more than .* GB"):
        run_import(archive, tmp_path)

    assert not (tmp_path / "snapshots" / "s1").exists()


@pytest.mark.parametrize(
    "written", ["15-Jan-2024", "15 Jan 2024", "15-JAN-2024", "15 January 2024", "15/01/2024"]
)
def test_dates_with_the_month_named_as_excel_writes_them_are_read(written, tmp_path):
    export = write_export(
        tmp_path / "export", changes={"requests.csv": {2: {"receiveddate": written}}}
    )
    received = {
        row["receiveddate"] for row in rows(run_import(export, tmp_path).folder, "requests")
    }
    assert date(2024, 1, 15) in received
