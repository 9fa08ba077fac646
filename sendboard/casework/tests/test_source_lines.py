"""Problems name the line of the source file, whatever the reader skipped; an empty or
binary file is said to be so in plain words."""

from pathlib import Path

import pytest

from sendboard.casework.snapshot import SnapshotInvalid, import_snapshot
from sendboard.casework.snapshot import lines as source_lines
from sendboard.casework.snapshot.lines import rowless_lines
from sendboard.casework.tests.exports import write_export

HEADER = "referralid,service,referraldate"


def problems(source: Path, root: Path) -> list[str]:
    with pytest.raises(SnapshotInvalid, match="nothing was imported") as raised:
        import_snapshot(source=source, snapshots_dir=root / "snapshots", key="k", code="s")
    return [str(problem) for problem in raised.value.problems]


def test_a_bad_date_after_blank_lines_is_named_by_its_line_in_the_file(tmp_path):
    lines = [HEADER]
    for number in range(1, 3001):
        lines.append(f"X{number},SALT,2024-01-01")
        if number % 1000 == 0:
            lines.append("")
    lines.append("BAD,SALT,31/02/2024")
    path = tmp_path / "referrals.csv"
    path.write_text("\n".join(lines) + "\n")
    assert problems(path, tmp_path) == [
        f"referrals.csv:{len(lines)}: referraldate: '31/02/2024' is not a date"
        " (use YYYY-MM-DD or DD/MM/YYYY)"
    ]


def test_blank_lines_rows_of_empty_cells_and_refused_lines_all_count(tmp_path):
    path = tmp_path / "referrals.csv"
    body = [
        HEADER,  # 1
        "X1,SALT,2024-01-01",  # 2
        "",  # 3
        "   ",  # 4: spaces only, skipped without a problem
        ",,",  # 5: every cell blank, skipped
        "X2,too,many,cells",  # 6
        "",  # 7
        "X3,,2024-01-01",  # 8
    ]
    path.write_text("\r\n".join(body) + "\r\n")
    found = problems(path, tmp_path)
    assert [line.split(":")[1] for line in found] == ["6", "8"]
    assert found[0] == "referrals.csv:6: has 4 cells where the header has 3"
    assert found[1] == "referrals.csv:8: service: is blank"


def test_blank_lines_are_found_by_number_with_either_line_ending(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"a\n\nb\r\n\r\n\r\nc\n")
    assert rowless_lines(path) == [2, 4, 5]


@pytest.mark.parametrize("chunk", [3, 7, 1 << 24])
def test_lines_inside_a_quoted_cell_start_no_row_whatever_the_reading_chunks(
    chunk, tmp_path, monkeypatch
):
    monkeypatch.setattr(source_lines, "_CHUNK", chunk)
    path = tmp_path / "x.csv"
    # 1 header, 2-3 a cell over two lines, 4 blank, 5-7 a cell holding a blank line,
    # 8 blank, 9 a cell with a quote written twice, 10 a row.
    path.write_bytes(b'a,b\r\n1,"x\r\ny"\r\n\r\n2,"p\n\nq"\n\n3,"5""6"\n4,5\n')
    assert rowless_lines(path) == [3, 4, 6, 7, 8]


def test_a_bad_date_after_a_cell_over_several_lines_is_named_by_its_line(tmp_path):
    path = tmp_path / "referrals.csv"
    body = [HEADER, 'X1,"SALT', 'and more",2024-01-01', "", "X2,SALT,2024-13-01"]
    path.write_text("\r\n".join(body) + "\r\n")
    assert problems(path, tmp_path) == [
        "referrals.csv:5: referraldate: '2024-13-01' is not a date (use YYYY-MM-DD or DD/MM/YYYY)"
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf  \r\n"])
def test_an_empty_file_says_it_is_empty(content, tmp_path):
    path = tmp_path / "referrals.csv"
    path.write_bytes(content)
    assert problems(path, tmp_path) == ["referrals.csv: the file is empty"]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "looks like an Excel workbook"),
        (b"%PDF-1.7\n" + bytes(range(256)), "looks like a PDF"),
        (bytes(range(256)) * 4, "holds binary data"),
    ],
)
def test_a_binary_file_given_as_csv_is_said_to_be_one_in_plain_words(content, words, tmp_path):
    path = tmp_path / "referrals.csv"
    path.write_bytes(content)
    (message,) = problems(path, tmp_path)
    assert message.startswith("referrals.csv: is not a CSV file")
    assert words in message
    assert "Error" not in message and "duckdb" not in message.lower()


def test_a_blank_file_in_an_export_is_named_among_the_others(tmp_path):
    export = write_export(tmp_path / "export")
    (export / "senneed.csv").write_text("")
    assert "senneed.csv: the file is empty" in problems(export, tmp_path)
