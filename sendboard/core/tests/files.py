"""Files as people send them, for the tests of what checks uploads."""

import io
import zipfile

from docx import Document


def word_file(text: str = "A paper for the board") -> bytes:
    """A real .docx, as Word saves one."""
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """A small zip whose one part unpacks to `unpacked_mb` megabytes of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as part,
    ):
        for _ in range(unpacked_mb):
            part.write(bytes(1024 * 1024))
    return buffer.getvalue()
