"""The summary table as an Excel workbook: steps, ranked opportunities, personas, the communication plan, and the links, insights, evidence and persona emotions a map fills, one sheet each."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Journey
from .shape_tables import shape_tables
from .tables import Table, communication_table, opportunities_table, personas_table, summary_table

NUMBER_FORMATS = {"count": "#,##0", "share": "0.0%", "seconds": "[h]:mm:ss", "score": "+0;-0;0"}
"""Excel number formats by column kind; durations are stored as fractions of a day."""
HEADER = PatternFill("solid", fgColor="1F4F7A")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def workbook_bytes(journey: Journey) -> bytes:
    """Return the workbook as ``.xlsx`` bytes.

    >>> from journeymap.model import Journey
    >>> workbook_bytes(Journey(title="Shop"))[:2]
    b'PK'
    """
    book = Workbook()
    book.remove(book.active)
    for table in (summary_table(journey), opportunities_table(journey), personas_table(journey), communication_table(journey), *shape_tables(journey)):
        _fill(book.create_sheet(_sheet_title(table.name)), table)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]


def _fill(sheet: Worksheet, table: Table) -> None:
    sheet.append([column.title for column in table.columns])
    for number, row in enumerate(table.rows, start=2):
        for index, (column, value) in enumerate(zip(table.columns, row), start=1):
            cell = sheet.cell(row=number, column=index, value=_cell(value, column.kind))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True, color="FFFFFF")
        header.fill = HEADER
        header.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[letter][1:]:
            cell.alignment = Alignment(wrap_text=column.kind == "text", vertical="top")
            if column.kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column.kind]
        _colour(sheet, letter, column.key, len(table.rows))
    sheet.freeze_panes = "C2" if table.columns[0].key == "stage" else "A2"
    sheet.auto_filter.ref = sheet.dimensions


def _cell(value: object, kind: str) -> object:
    if kind == "seconds" and value is not None:
        return float(value) / 86400  # type: ignore[arg-type]
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def _colour(sheet: Worksheet, letter: str, key: str, rows: int) -> None:
    """Colour conversion from red (low) to green (high), and emotion from red (negative) to green."""
    if rows == 0 or key not in ("conversion", "emotion", "retention"):
        return
    cells = f"{letter}2:{letter}{rows + 1}"
    sheet.conditional_formatting.add(
        cells,
        ColorScaleRule(start_type="min", start_color="F2C4B8", mid_type="percentile", mid_value=50,
                       mid_color="FFF4D6", end_type="max", end_color="C6E3CF"),
    )
