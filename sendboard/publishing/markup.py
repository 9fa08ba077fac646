"""The summary body's small markup: "## " headings, "- " bullets, blank-line paragraphs.

An editor types plain text, never HTML. `parse` turns it into blocks that templates
and the Word writer render themselves, so anything typed (even "<script>") stays text:
templates autoescape it and no block carries markup of its own.
"""

from dataclasses import dataclass, field
from typing import Literal

HEADING = "## "
BULLET = "- "


@dataclass
class Block:
    kind: Literal["heading", "paragraph", "bullets"]
    text: str = ""
    items: list[str] = field(default_factory=list)


def parse(body: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close_paragraph()
        elif line.startswith(HEADING.strip()) and line[2:3] in (" ", ""):
            close_paragraph()
            if heading := line[2:].strip():
                blocks.append(Block("heading", heading))
        elif line.startswith(BULLET.strip()) and line[1:2] in (" ", ""):
            close_paragraph()
            item = line[1:].strip()
            if not item:
                continue
            if blocks and blocks[-1].kind == "bullets":
                blocks[-1].items.append(item)
            else:
                blocks.append(Block("bullets", items=[item]))
        else:
            paragraph.append(line)
    close_paragraph()
    return blocks


def compose(blocks: list[Block]) -> str:
    """The markup for `blocks`; `parse(compose(blocks))` gives the same blocks back."""
    parts = []
    for block in blocks:
        if block.kind == "heading":
            parts.append(HEADING + block.text)
        elif block.kind == "bullets":
            parts.append("\n".join(BULLET + item for item in block.items))
        else:
            parts.append(block.text)
    return "\n\n".join(parts) + "\n"


def prose(blocks: list[Block]) -> list[str]:
    """The sentences-bearing text of `blocks` (paragraphs and bullets, not headings)."""
    texts = []
    for block in blocks:
        if block.kind == "paragraph":
            texts.append(block.text)
        elif block.kind == "bullets":
            texts.extend(block.items)
    return texts
