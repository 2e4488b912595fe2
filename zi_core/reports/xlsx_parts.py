"""The building blocks every workbook shares: a bold frozen header, safe cells, sheet names.

Text that reaches a cell may come from users: openpyxl would take a leading "=" as a
formula (a spreadsheet could then run it) and refuses control characters XML cannot hold,
so `put` stores text as text and drops those characters. Figures arrive as two-decimal text
from the scorecard and are written as numbers shown with two decimals.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FIGURE_FORMAT = "0.00"
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
SHEET_NAME_LENGTH = 31
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def new_workbook(title: str) -> Workbook:
    """An empty workbook (no sheets) titled `title` in its properties."""
    book = Workbook()
    book.remove(book.active)
    book.properties.title = clean(title)
    book.properties.creator = "ZI Assistant"
    return book


def clean(text: str) -> str:
    """The text without the characters a worksheet cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def figure(text: str | None) -> Decimal | None:
    """A two-decimal text figure as a number for a cell (None stays empty)."""
    return Decimal(text) if text not in (None, "") else None


def put(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one cell: text as text (never a formula), figures with two decimals."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, Decimal):
            cell.number_format = FIGURE_FORMAT


def header(sheet: Worksheet, labels: Sequence[str], widths: Sequence[int], row: int = 1) -> None:
    """A bold, shaded header row, frozen above the data, with column widths."""
    for column, (label, width) in enumerate(zip(labels, widths, strict=True), start=1):
        put(sheet, row, column, label)
        cell = sheet.cell(row=row, column=column)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=row + 1, column=1)


def write_rows(sheet: Worksheet, values: Iterable[Sequence[Any]], first_row: int = 2) -> None:
    """Write data rows from `first_row` on."""
    for number, line in enumerate(values, start=first_row):
        for column, value in enumerate(line, start=1):
            put(sheet, number, column, value)


def sheet_name(wanted: str, taken: Iterable[str]) -> str:
    """A valid, unused sheet name close to `wanted` (≤ 31 characters, no []:*?/\\)."""
    base = _NOT_IN_SHEET_NAME.sub("_", clean(wanted)).strip("'") or "Sheet"
    base = base[:SHEET_NAME_LENGTH]
    used = {name.casefold() for name in taken}
    name, number = base, 2
    while name.casefold() in used:
        suffix = f"~{number}"
        name, number = base[:SHEET_NAME_LENGTH - len(suffix)] + suffix, number + 1
    return name


def to_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
