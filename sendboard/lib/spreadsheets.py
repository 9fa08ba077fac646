"""Cells written for a spreadsheet: text a person typed must never run as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_cell(text: str) -> str:
    """The text, with a leading quote if it starts as a formula would (Excel then shows it)."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def safe_cells(cells: list[str]) -> list[str]:
    return [safe_cell(cell) for cell in cells]
