"""What a CSV file's bytes say before any reader sees them: empty, not text at all,
and which of its lines start no row (blank, or inside a quoted cell that runs over
lines): the CSV reader numbers records, so rows would be misnumbered without them."""

from pathlib import Path

import numpy as np

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
_CHUNK = 1 << 24
_NEWLINE, _RETURN, _QUOTE = ord("\n"), ord("\r"), ord('"')


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


def rowless_lines(path: Path) -> list[int]:
    """The numbers of the lines (header being line 1) that start no row: lines holding
    nothing at all, and the lines a quoted cell runs on to after a line break in it."""
    path = Path(path)
    if not path.stat().st_size:
        return []
    data = np.memmap(path, dtype=np.uint8, mode="r")
    found: list[np.ndarray] = []
    # Carried from chunk to chunk: whether a quote is open, the newlines counted, and
    # the position of the last newline outside quotes.
    inside, newlines, last_end = False, 0, -3
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        ends = np.flatnonzero(chunk == _NEWLINE)
        # A newline is inside a quoted cell when an odd number of quotes come before it
        # ("" inside a cell counts twice, so leaves the count even).
        quotes = np.flatnonzero(chunk == _QUOTE)
        quoted = (np.searchsorted(quotes, ends) + inside) % 2 == 1
        lines = newlines + np.arange(len(ends)) + 2  # the line each newline starts
        found.append(lines[quoted])
        # A blank line: an outside newline followed at once by another, after an
        # optional carriage return.
        outside = ends[~quoted] + start
        previous = np.concatenate(([last_end], outside[:-1]))
        gap = outside - previous
        blank = (gap == 1) | ((gap == 2) & (data[np.maximum(previous + 1, 0)] == _RETURN))
        found.append(lines[~quoted][blank] - 1)
        if len(outside):
            last_end = int(outside[-1])
        inside = bool((len(quotes) + inside) % 2)
        newlines += len(ends)
    return sorted(int(line) for line in np.concatenate(found))
