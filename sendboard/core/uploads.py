"""Checking a file someone sends before anyone else opens it: its kind, size and contents.

A file must be one of the kinds allowed, within the size limit, and begin as its kind
does (a program renamed .pdf is refused). An Office or OpenDocument file is a zip
archive: its unpacked size and number of parts are read from the archive's directory,
without unpacking, so a small file that would unpack to gigabytes is refused too.
"""

import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

ZIP_START = b"PK\x03\x04"
# How each kind of file begins; a kind not listed is text, which holds no NUL byte.
STARTS = {
    ".pdf": b"%PDF-",
    ".docx": ZIP_START,
    ".xlsx": ZIP_START,
    ".pptx": ZIP_START,
    ".odt": ZIP_START,
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
UNPACKED_MAX_BYTES = 200 * 1024 * 1024
ARCHIVE_MAX_PARTS = 10_000


@dataclass(frozen=True)
class Allowed:
    """What a kind of upload may be: "the paper", kinds like (".pdf", ".docx"), a size."""

    what: str
    kinds: tuple[str, ...]
    max_bytes: int
    field: str = "file"

    def kinds_in_words(self) -> str:
        return in_words(self.kinds)


def in_words(kinds: Iterable[str]) -> str:
    """(".pdf", ".jpg", ".jpeg", ".txt") as people say it: "PDF, JPG or TXT"."""
    *others, last = dict.fromkeys(kind.lstrip(".").upper().replace("JPEG", "JPG") for kind in kinds)
    return f"{', '.join(others)} or {last}" if others else last


def size_in_words(size: int) -> str:
    """A byte count as people say it: 10 MB, 512 KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    return f"{max(size // 1024, 1)} KB"


def check_upload(file: UploadedFile, allowed: Allowed) -> None:
    """Refuse, on the form's field, a file that is not what `allowed` says it may be."""
    suffix = PurePath(file.name).suffix.lower()
    kind = suffix.lstrip(".").upper()
    if suffix not in allowed.kinds:
        refuse(allowed, f"{allowed.what} must be a {allowed.kinds_in_words()} file")
    if file.size > allowed.max_bytes:
        refuse(allowed, f"{allowed.what} must be smaller than {size_in_words(allowed.max_bytes)}")
    file.seek(0)
    head = file.read(4096)
    file.seek(0)
    start = STARTS.get(suffix)
    if not (head.startswith(start) if start else b"\x00" not in head):
        refuse(allowed, f"The file is not a {kind} file inside: it may be damaged or renamed")
    if start == ZIP_START:
        _check_archive(file, allowed, kind=kind)


def _check_archive(file: UploadedFile, allowed: Allowed, *, kind: str) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        refuse(allowed, f"The file is not a {kind} file inside: it may be damaged or renamed")
    finally:
        file.seek(0)
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > ARCHIVE_MAX_PARTS or unpacked > UNPACKED_MAX_BYTES:
        refuse(
            allowed,
            f"The {kind} file would unpack to more than {size_in_words(UNPACKED_MAX_BYTES)}: "
            "save it again without embedded files, or as a PDF",
        )


def refuse(allowed: Allowed, message: str) -> None:
    raise ValidationError({allowed.field: message})
