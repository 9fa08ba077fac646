"""The faster import (issue 9 item 7): pseudonyms computed a column at a time, each
file read once straight into its table, and the checks tried in one pass. It must
find the same problems on the same lines as reading every file leniently did."""

import json
import string

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sendboard.casework.snapshot import SnapshotInvalid, import_snapshot, load, pseudonym
from sendboard.casework.snapshot.pseudonym import METHOD, cmac_all, pseudonyms
from sendboard.casework.tests.exports import write_export

KEY = "a-test-pseudonym-key"

# RFC 4493 section 4: AES-128 key, the first 0, 16, 40 and 64 bytes of one message.
RFC_KEY = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
RFC_MESSAGE = bytes.fromhex(
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"
)
RFC_TAGS = {
    0: "bb1d6929e95937287fa37d129b756746",
    16: "070a16b46b4d4144f79bdd9dd04a287c",
    40: "dfa66747de9ae63030ca32611497c827",
    64: "51f0bebf7e3b9d92fc49741779363cfe",
}


def run_import(source, tmp_path, **options):
    return import_snapshot(
        source=source, snapshots_dir=tmp_path / "snapshots", key=KEY, code="s1", **options
    )


def problems_of(source, tmp_path) -> list[str]:
    with pytest.raises(SnapshotInvalid) as refused:
        run_import(source, tmp_path, dry_run=True)
    return [str(problem) for problem in refused.value.problems]


def hex_digits(column: pa.Array) -> list[str]:
    return [value.hex for value in column.to_pylist()]


def test_a_column_of_one_length_gives_the_pseudonyms_a_mixed_column_would():
    """Messages of one length are read in place, others gathered: the same tags."""
    same = [f"R{number:07d}" for number in range(50)]
    mixed = pseudonyms(pa.array([*same, "R1"]), key=KEY, column="x").to_pylist()[:50]
    assert pseudonyms(pa.array(same), key=KEY, column="x").to_pylist() == mixed
    assert mixed[7].hex == pseudonym(key=KEY, column="x", value=same[7])


def test_the_column_cmac_gives_the_rfc_4493_tags_whatever_the_lengths_mixed():
    lengths = [64, 0, 40, 16, 40]  # complete and padded last blocks, in one call
    messages = pa.array([RFC_MESSAGE[:length] for length in lengths], type=pa.large_binary())
    tags = cmac_all(RFC_KEY, messages)
    assert [bytes(tag).hex() for tag in tags] == [RFC_TAGS[length] for length in lengths]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(string.printable + "éß€😀", max_size=70), max_size=40))
def test_a_column_gets_the_pseudonyms_one_value_at_a_time_would(values):
    column = pseudonyms(pa.array(values, type=pa.string()), key=KEY, column="requeststableid")
    assert hex_digits(column) == [
        pseudonym(key=KEY, column="requeststableid", value=value) for value in values
    ]


def test_a_sliced_or_chunked_column_is_pseudonymised_from_its_own_values():
    values = pa.chunked_array([["A1", "B22"], ["C333", "D4444", "E5"]])
    expected = [pseudonym(key=KEY, column="x", value=value) for value in values.to_pylist()]
    assert hex_digits(pseudonyms(values, key=KEY, column="x")) == expected
    sliced = pa.array(values.to_pylist()).slice(2, 2)
    assert hex_digits(pseudonyms(sliced, key=KEY, column="x")) == expected[2:4]


def test_a_pseudonym_is_32_hex_digits_and_the_key_only_reaches_aes_through_a_hash():
    value = pseudonym(key=KEY, column="persontableid", value="P1")
    assert len(value) == 32 and set(value) <= set(string.hexdigits.lower())
    assert value != pseudonym(key=KEY + "x", column="persontableid", value="P1")
    assert value != pseudonym(key=KEY, column="requeststableid", value="P1")


def test_the_manifest_names_the_pseudonym_method(tmp_path):
    result = run_import(write_export(tmp_path / "export"), tmp_path)
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["pseudonym"]["method"] == METHOD == "AES-256-CMAC"


def test_a_clean_export_is_read_once_without_keeping_refused_lines(tmp_path, monkeypatch):
    def lenient(*args, **kwargs):
        raise AssertionError("a clean file was read a second time")

    monkeypatch.setattr(load, "_read_with_rejects", lenient)
    result = run_import(write_export(tmp_path / "export"), tmp_path, dry_run=True)
    assert result.row_counts["requests"] == 3


def test_a_file_with_a_line_that_is_not_a_row_is_read_again_to_name_it(tmp_path, monkeypatch):
    export = write_export(tmp_path / "export")
    path = export / "requests.csv"
    lines = path.read_text().splitlines()
    lines.insert(2, "")  # a blank line: the second row is now on line 4
    lines.insert(3, "R9,P1")  # a line with too few cells, on line 4; the row moves to 5
    path.write_text("\n".join(lines) + "\n")
    reads = []
    read = load._read_with_rejects
    monkeypatch.setattr(
        load, "_read_with_rejects", lambda *a, **k: reads.append(1) or read(*a, **k)
    )
    found = problems_of(export, tmp_path)
    assert reads
    assert "requests.csv:4: has 2 cells where the header has 6" in found


def test_the_text_of_a_cell_is_kept_only_to_be_quoted_but_every_problem_quotes_it(tmp_path):
    """Dates, numbers and codes read as typed values; where one does not read, its
    text as given (trimmed) is what the problem quotes, on the row's own line."""
    export = write_export(
        tmp_path / "export",
        changes={
            "requests.csv": {2: {"receiveddate": " 31/02/2024 ", "requestoutcome": " y "}},
            "assessment.csv": {2: {"week20": "12", "assessmentoutcomedate": "0204-05-01"}},
            "namedplan.csv": {2: {"ceasereason": "x"}},
        },
    )
    found = problems_of(export, tmp_path)
    assert (
        "requests.csv:2: receiveddate: '31/02/2024' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
        in found
    )
    assert "assessment.csv:2: week20: unknown code '12' (expected one of 0, 1)" in found
    assert "assessment.csv:2: assessmentoutcomedate: '0204-05-01' is not a plausible date" in found
    assert any(p.startswith("namedplan.csv:2: ceasereason: unknown code 'x'") for p in found)
    # ' y ' reads as the code Y, so it is no problem.
    assert not any("requestoutcome" in problem for problem in found)


def test_a_row_with_only_an_unread_column_filled_is_still_a_row(tmp_path):
    """A row is left out as empty only when every cell is, personal ones included."""
    export = write_export(tmp_path / "export")
    path = export / "person.csv"
    lines = path.read_text().splitlines()
    cells = len(lines[0].split(","))
    lines.append(",Quayle" + "," * (cells - 2))
    lines.append("," * (cells - 1))  # wholly empty: left out
    path.write_text("\n".join(lines) + "\n")
    found = problems_of(export, tmp_path)
    assert found == ["person.csv:4: persontableid: is blank"]


def test_an_identifier_column_pseudonymises_many_values_in_batches():
    values = pa.array([f"R{number:07d}" for number in range(70_000)])
    column = hex_digits(pseudonyms(values, key=KEY, column="requeststableid"))
    assert len(set(column)) == 70_000
    for index in np.random.default_rng(1).integers(0, 70_000, 20):
        assert column[int(index)] == pseudonym(
            key=KEY, column="requeststableid", value=values[int(index)].as_py()
        )
