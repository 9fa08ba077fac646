"""An upload is refused, on its field, unless it is the kind, size and contents it claims."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sendboard.core.tests.files import word_file, zip_bomb
from sendboard.core.uploads import Allowed, check_upload

PAPER = Allowed(what="The paper", kinds=(".pdf", ".docx", ".csv"), max_bytes=5 * 1024 * 1024)


def _refusal(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content), PAPER)
    return refused.value.message_dict["file"][0]


def test_what_it_claims_to_be_is_taken():
    for name, content in [
        ("minutes.docx", word_file()),
        ("figures.csv", b"area,rate\n"),
        ("p.pdf", b"%PDF-1.7"),
    ]:
        check_upload(SimpleUploadedFile(name, content), PAPER)


def test_each_refusal_says_what_is_wrong():
    assert _refusal("run.exe", b"MZ") == "The paper must be a PDF, DOCX or CSV file"
    assert _refusal("big.pdf", b"%PDF" + bytes(6 * 1024 * 1024)) == (
        "The paper must be smaller than 5 MB"
    )
    assert _refusal("fake.pdf", b"MZ\x90") == (
        "The file is not a PDF file inside: it may be damaged or renamed"
    )
    assert _refusal("fake.docx", b"PK\x03\x04 not really") == (
        "The file is not a DOCX file inside: it may be damaged or renamed"
    )
    assert "not a CSV file inside" in _refusal("data.csv", b"a,b\x00\x01")


def test_a_small_file_that_would_unpack_to_gigabytes_is_refused_without_unpacking():
    bomb = zip_bomb(unpacked_mb=210)
    assert len(bomb) < 1024 * 1024

    started = time.perf_counter()
    message = _refusal("pack.docx", bomb)

    assert message.startswith("The DOCX file would unpack to more than 200 MB")
    assert time.perf_counter() - started < 5  # read from the archive's directory, not unpacked
