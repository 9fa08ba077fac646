"""What a CSV file's bytes say before any reader sees them: empty, not text at all,
and which of its lines are blank (the CSV reader skips them, so rows would be
misnumbered without them)."""

import mmap
from pathlib import Path

NOT_CSV = "cannot be read as CSV: save it from the spreadsheet or system as comma-separated text"

# What the first bytes of common files that are not CSV look like, for a plain message.
_SIGNATURES = (
    (b"PK\x03\x04", "an Excel workbook or zip file"),
    (b"\xd0\xcf\x11\xe0", "an old-style Excel (.xls) or Word file"),
    (b"%PDF", "a PDF"),
    (b"\xff\xfe", "UTF-16 text (Excel's 'Unicode text')"),
    (b"\xfe\xff", "UTF-16 text"),
    (b"\x1f\x8b", "a gzip file"),
)
_SNIFF = 1 << 16


def unreadable(path: Path) -> str:
    """Why the file cannot be a CSV table, in plain words; empty when it may be one."""
    with Path(path).open("rb") as file:
        start = file.read(_SNIFF)
    if not start.lstrip(b"\xef\xbb\xbf").strip():
        return "the file is empty"
    for signature, what in _SIGNATURES:
        if start.startswith(signature):
            return f"is not a CSV file: it looks like {what}. Save it as CSV (comma-separated)"
    if b"\x00" in start:
        return "is not a CSV file: it holds binary data, not text. Save it as CSV"
    return ""


def line_count(path: Path) -> int:
    """How many lines the file has, a last line without its newline included."""
    count, last = 0, b"\n"
    with Path(path).open("rb") as file:
        while chunk := file.read(1 << 24):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def blank_lines(path: Path) -> list[int]:
    """The numbers of the lines (header being line 1) holding nothing at all."""
    path = Path(path)
    if not path.stat().st_size:
        return []
    found: list[int] = []
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        # Each blank line is a newline followed at once by another, after an optional \r.
        ends = sorted(end for needle in (b"\n\n", b"\n\r\n") for end in _find_all(data, needle))
        line, counted_to = 1, 0
        for end in ends:
            line += data[counted_to : end + 1].count(b"\n")
            counted_to = end + 1
            found.append(line)
    return found


def _find_all(data: mmap.mmap, needle: bytes) -> list[int]:
    found, at = [], data.find(needle)
    while at != -1:
        found.append(at)
        at = data.find(needle, at + 1)
    return found
