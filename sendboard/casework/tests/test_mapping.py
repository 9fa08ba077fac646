"""Local names: columns matched whatever their case, spaces and underscores; a
partnership's own column and event names mapped once and kept with each snapshot;
events the engine does not know are a counted warning, not a refusal."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from sendboard.casework.models import ExportMapping, Snapshot
from sendboard.casework.services import export_mapping_save
from sendboard.casework.snapshot import (
    MappingInvalid,
    import_snapshot,
    parse_mapping,
    read_mapping,
)
from sendboard.casework.snapshot.sen2xml_write import sen2_only, xml_from_export
from sendboard.casework.tests.exports import EXPORT, write_export

MAPPING = """
# Northshire's case system
[columns]
requests.Date Received = receiveddate
Outcome_Told = requestoutcomedate
[events]
EHC Panel One = panel_1
"""


def run_import(source, root, **options):
    return import_snapshot(
        source=source, snapshots_dir=root / "snapshots", key="k", code="s", **options
    )


def _renamed(tmp_path, *, old: str, new: str, file: str = "requests.csv"):
    export = write_export(tmp_path / "export")
    path = export / file
    header, *rest = path.read_text().splitlines()
    path.write_text("\n".join([header.replace(old, new), *rest]) + "\n")
    return export


@pytest.mark.parametrize(
    "name", ["ReceivedDate", "RECEIVED_DATE", "received date", "Received_Date"]
)
def test_column_names_are_matched_ignoring_case_spaces_and_underscores(name, tmp_path):
    export = _renamed(tmp_path, old="receiveddate", new=name)
    assert run_import(export, tmp_path).row_counts["requests"] == 3


def test_a_mapping_names_local_columns_and_events(tmp_path):
    export = _renamed(tmp_path, old="receiveddate", new="Date Received")
    path = export / "requests.csv"
    path.write_text(path.read_text().replace("requestoutcomedate", "Outcome Told"))
    events = export / "events.csv"
    events.write_text(events.read_text().replace("decision_to_assess", "EHC panel one"))
    result = run_import(export, tmp_path, mapping=parse_mapping(MAPPING))
    assert result.warnings == ()
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["mapping"]["columns"]["requests"] == {"datereceived": "receiveddate"}
    assert manifest["mapping"]["events"] == {"ehc panel one": "panel_1"}


def test_without_the_mapping_the_local_column_is_missing(tmp_path):
    export = _renamed(tmp_path, old="receiveddate", new="Date Received")
    with pytest.raises(Exception, match="nothing was imported"):
        run_import(export, tmp_path)


def test_an_unknown_event_is_a_counted_warning_and_its_rows_are_not_used(tmp_path):
    rows = {row: {"event": "advice_requested"} for row in range(4, 40)}
    export = write_export(tmp_path / "export", changes={"events.csv": rows})
    result = run_import(export, tmp_path)
    assert result.warnings == (
        "events.csv: event: 36 rows with event 'advice_requested' were not used (first on"
        " row 4); map it to an event the engine knows to use them",
    )
    assert result.row_counts["events"] == len(EXPORT["events.csv"])


def test_a_column_the_import_does_not_read_is_a_warning_kept_with_the_snapshot(tmp_path):
    export = _renamed(
        tmp_path, old="reviewmeeting", new="Review Meeting Date", file="activeplans.csv"
    )
    path = export / "person.csv"
    header, *rest = path.read_text().splitlines()
    # A known item not read, an identifier and a column without a heading say nothing.
    header = header.replace("Postcode", "Post_Code")
    path.write_text("\n".join([f"{header},requeststableid,", *(f"{r},R1," for r in rest)]) + "\n")
    result = run_import(export, tmp_path)
    assert result.warnings == (
        "activeplans.csv:1: Review Meeting Date: is not a column the import reads in the"
        " activeplans table, so it was not used; if it holds a SEN2 item, map it to the"
        " item's name to use it",
    )
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["warnings"] == list(result.warnings)


@pytest.mark.django_db
def test_the_command_prints_a_column_it_does_not_read(tmp_path, data_dir):
    export = _renamed(
        tmp_path, old="reviewmeeting", new="Review Meeting Date", file="activeplans.csv"
    )
    out, err = _cli(str(export))
    assert "0 problems, 1 warnings" in out
    assert "warning: activeplans.csv:1: Review Meeting Date: is not a column" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[columns]\nfoo = notacolumn", "'notacolumn' is not a column the importer reads"),
        ("[events]\nx = panel_9", "'panel_9' is not an event the engine knows"),
        ("[columns]\nnowhere.x = urn", "unknown table 'nowhere'"),
        ("a = b", "put the line under [columns] or [events]"),
        ("[columns]\njust a name", "expected 'their name = SEN2 name'"),
    ],
)
def test_a_mapping_the_importer_cannot_use_is_refused_naming_the_line(text, words):
    with pytest.raises(MappingInvalid, match=r"mapping:[12]: ") as raised:
        parse_mapping(text)
    assert words in str(raised.value)


def test_a_mapping_reads_from_json_as_from_text(tmp_path):
    path = tmp_path / "names.json"
    path.write_text(json.dumps({"columns": {"*": {"Outcome_Told": "requestoutcomedate"}}}))
    assert read_mapping(path).column("requests", "outcometold") == "requestoutcomedate"


def _cli(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_casework", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    settings.CASEWORK_PSEUDONYM_KEY = "mapping-test-key"


@pytest.mark.django_db
def test_the_command_keeps_the_mapping_for_the_partnership_and_uses_it_again(
    tmp_path, partnership, data_dir
):
    export = _renamed(tmp_path, old="receiveddate", new="Date Received")
    names = tmp_path / "names.txt"
    names.write_text(MAPPING)
    _cli(str(export), "--mapping", str(names), "--partnership", partnership.slug)
    assert "datereceived = receiveddate" in ExportMapping.objects.get().text
    out, _ = _cli(str(export), "--partnership", partnership.slug)  # no file: the kept names
    assert out.startswith("Created snapshot")
    assert Snapshot.objects.count() == 2
    assert all(s.mapping["events"] == {"ehc panel one": "panel_1"} for s in Snapshot.objects.all())


@pytest.mark.django_db
def test_the_command_prints_warnings_and_imports_an_xml_return(tmp_path, data_dir):
    export = sen2_only(write_export(tmp_path / "export"))
    xml = xml_from_export(export, tmp_path / "RETURN.xml")
    xml.write_text(xml.read_text().replace("<Sex>", "<Colour>red</Colour><Sex>"))
    out, err = _cli(str(xml))
    assert "0 problems, 1 warnings" in out
    assert "warning: RETURN.xml:" in err and "Colour: is not an element" in err
    assert Snapshot.objects.get().warnings[0].startswith("RETURN.xml:")


@pytest.mark.django_db
def test_a_mapping_file_with_a_mistake_stops_the_command(tmp_path, data_dir):
    names = tmp_path / "names.txt"
    names.write_text("[events]\nx = nothing")
    with pytest.raises(CommandError, match=r"names\.txt:2"):
        _cli(str(write_export(tmp_path / "export")), "--mapping", str(names))


@pytest.mark.django_db
def test_saving_a_mapping_needs_the_analyst_role_and_names_bad_lines(partnership, people):
    with pytest.raises(ValidationError) as raised:
        export_mapping_save(
            partnership=partnership, text="[events]\nx = y", opened_version=None, by=None
        )
    assert "mapping:2" in str(raised.value)
    with pytest.raises(PermissionDenied):
        export_mapping_save(
            partnership=partnership, text="", opened_version=None, by=people["member"].user
        )
