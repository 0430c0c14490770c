"""Writing the sheets of branch files and merged masters.

Register sheets get the standard look (`RegisterSheetWriter`); other master
sheets are carried over by value, hidden ones staying hidden.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.rows import Row
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.xlsx import DATETIME_FORMAT, Formats, RegisterSheetWriter, write_value
from sheetdesk.schema import Register

DROPDOWN_SPARE_ROWS = 1000


def write_register_sheet(
    wb: Workbook,
    formats: Formats,
    register: Register,
    lang: str,
    rows: list[Row],
    *,
    name: str | None = None,
    above: list[list[Any]] | None = None,
    extra_headers: list[str] | None = None,
) -> None:
    """One register in the standard look: every declared field from column A.

    `above` are rows carried over from above the master's header (titles);
    `extra_headers` name undeclared master columns, written to the right with
    each row's `extra` cells.
    """
    ws = wb.add_worksheet(name or register.name(lang))
    above = above or []
    for r, cells in enumerate(above):
        for c, value in enumerate(cells):
            write_value(ws, r, c, value, _carry_format(formats, value))
    header_row = len(above)
    writer = RegisterSheetWriter(wb, formats, ws, register, lang, header_row=header_row)
    writer.write_header()
    first_extra = len(register.fields)
    for c, label in enumerate(extra_headers or []):
        ws.write_string(header_row, first_extra + c, label, formats.header())
        ws.set_column(first_extra + c, first_extra + c, 14)
    for i, row in enumerate(rows, start=header_row + 1):
        writer.write_record(i, row.values)
        for c, value in enumerate(row.extra):
            write_value(ws, i, first_extra + c, value, _carry_format(formats, value))
    writer.add_dropdowns(header_row + len(rows) + DROPDOWN_SPARE_ROWS)


def carry_sheet(wb: Workbook, formats: Formats, sheet: RawSheet) -> None:
    """A non-register sheet by value, hidden if it was hidden."""
    ws = wb.add_worksheet(sheet.name)
    for r, cells in enumerate(sheet.rows):
        for c, value in enumerate(cells):
            if value is None or value == "":
                continue
            write_value(ws, r, c, value, _carry_format(formats, value))
    if not sheet.visible:
        ws.hide()


def _carry_format(formats: Formats, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return formats.get(
            num_format=DATETIME_FORMAT if (value.hour, value.minute, value.second) != (0, 0, 0) else "yyyy-mm-dd"
        )
    if isinstance(value, dt.date):
        return formats.get(num_format="yyyy-mm-dd")
    if isinstance(value, dt.time):
        return formats.get(num_format="hh:mm")
    return None
