"""Writing the sheets of branch files and merged masters.

Branch files get register sheets in the standard look (`write_register_sheet`:
every declared field from column A). A merged master keeps the master's own
sheets cell for cell (`write_master_register`): every cell at its address,
whatever its column's header (blank, a number, repeated, not in the
template), title rows, rows with content only outside the template, the time
of day in a date column; only the cells a merge changed are written anew,
and new rows go below the last row. Other sheets are carried by value,
hidden ones staying hidden.

Register sheets of both get what the annotated copy has
(`setup_register_sheet`): a filter over the header (the master's own kept),
frozen panes below the header and right of the key column, and a print
setup repeating the header and the key column on every page.

Every writer returns the cells whose text was cut to Excel's 32,767
characters (`Cut`), so that the caller names each one in a finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.branches.rows import Row
from sheetdesk.io.load import Table
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.values import is_blank
from sheetdesk.io.xlsx import (
    DATETIME_FORMAT,
    Formats,
    RegisterSheetWriter,
    Span,
    display_value,
    key_field,
    setup_register_sheet,
    write_value,
)
from sheetdesk.schema import Field, Register

DROPDOWN_SPARE_ROWS = 1000
EXTRA_COLUMN_WIDTH = 14


@dataclass(frozen=True)
class Cut:
    """A cell of a written sheet whose text was cut to Excel's limit (0-based row and column)."""

    sheet: str
    row: int
    col: int
    length: int


def write_register_sheet(
    wb: Workbook, formats: Formats, register: Register, lang: str, rows: list[Row], *, name: str | None = None
) -> list[tuple[Row, str]]:
    """One register in the standard look, every declared field from column A.

    Returns the (row, field) cells whose text was cut to Excel's limit.
    """
    ws = wb.add_worksheet(name or register.name(lang))
    writer = RegisterSheetWriter(wb, formats, ws, register, lang)
    writer.write_header()
    cut: list[tuple[Row, str]] = []
    for i, row in enumerate(rows, start=1):
        for key in writer.write_record(i, row.values):
            cut.append((row, key))
    writer.add_dropdowns(len(rows) + DROPDOWN_SPARE_ROWS)
    key_col = next(i for i, f in enumerate(register.fields) if f.key == key_field(register))
    setup_register_sheet(ws, 0, len(rows), len(register.fields) - 1, key_col, widths=writer.widths, lang=lang)
    return cut


def extra_columns(table: Table) -> list[int]:
    """Columns of a register's sheet, from the header down, that hold something outside the template.

    A blank or numeric header, a repeated one, or one not in the template:
    branch files do not carry these columns (the master keeps them).
    """
    declared = set(table.location.columns.values())
    rows = table.sheet.rows[table.location.header_index :]
    width = max((len(r) for r in rows), default=0)
    return [c for c in range(width) if c not in declared and any(c < len(r) and not _empty(r[c]) for r in rows)]


def write_master_register(
    wb: Workbook, formats: Formats, table: Table, rows: list[Row], *, name: str, autofilter: Span | None = None
) -> list[Cut]:
    """A master's register sheet after a merge, cell for cell as the master had it.

    `rows` are the master's rows (those a merge changed name the fields in
    `Row.changed`) followed by the added rows. A declared field the master
    has no column for gets one to the right, headed in the sheet's
    language, when a changed or added row fills it. `autofilter` is the
    master sheet's own filter, kept (widened over the rows and columns).
    """
    sheet, loc, register = table.sheet, table.location, table.register
    ws = wb.add_worksheet(name)
    added = [r for r in rows if r.added]
    changed = {r.excel_row: r for r in rows if r.changed and not r.added}
    columns = dict(loc.columns)
    width = sheet.width
    new_columns: list[str] = []
    touched = [*added, *changed.values()]
    for declared in register.fields:
        if declared.key not in columns and any(not is_blank(r.get(declared.key)) for r in touched):
            columns[declared.key] = width
            new_columns.append(declared.key)
            width += 1
    fields_at = {c: register.field(k) for k, c in columns.items()}
    writer = RegisterSheetWriter(wb, formats, ws, register, table.lang, header_row=loc.header_index, columns=columns)
    _column_look(ws, formats, register, table.lang, columns, width)
    stamp = formats.get(num_format=DATETIME_FORMAT)
    type_formats = {c: formats.for_field(f) for c, f in fields_at.items()}
    cuts: list[Cut] = []
    for r, cells in enumerate(sheet.rows):
        if r == loc.header_index:
            _header(ws, formats, register, cells, fields_at, new_columns, columns, table.lang, r)
            continue
        row = changed.get(r + 1)
        skip = {columns[k] for k in row.changed} if row is not None else set()
        for c, value in enumerate(cells):
            if value is None or value == "" or c in skip:
                continue
            f = fields_at.get(c)
            if f is None:
                fmt = _carry_format(formats, value)
            elif f.type == "date" and isinstance(value, dt.datetime) and value.time() != dt.time(0):
                fmt = stamp  # a time of day in a date column is kept, and shown
            else:
                fmt = type_formats[c]
            if write_value(ws, r, c, value, fmt):
                cuts.append(Cut(name, r, c, len(str(value))))
        if row is not None:
            for k in row.changed:
                c = columns[k]
                value = display_value(fields_at[c], row.get(k), table.lang)
                if write_value(ws, r, c, value, type_formats[c]):
                    cuts.append(Cut(name, r, c, len(str(value))))
    r = len(sheet.rows)
    for row in added:
        for k in writer.write_record(r, row.values):
            cuts.append(Cut(name, r, columns[k], len(str(row.get(k)))))
        r += 1
    writer.add_dropdowns(r + DROPDOWN_SPARE_ROWS)
    widths = {c: _width(register, table.lang, fields_at.get(c)) for c in range(width)}
    key_col = columns.get(key_field(register))
    setup_register_sheet(ws, loc.header_index, r - 1, width - 1, key_col, autofilter, widths=widths, lang=table.lang)
    return cuts


def _column_look(
    ws: Worksheet, formats: Formats, register: Register, lang: str, columns: dict[str, int], width: int
) -> None:
    declared = {c: register.field(k) for k, c in columns.items()}
    for c in range(width):
        f = declared.get(c)
        ws.set_column(c, c, _width(register, lang, f), None if f is None else formats.for_field(f))


def _width(register: Register, lang: str, f: Field | None) -> float:
    """A column's width in characters: a declared field's, or the extra columns' width."""
    if f is None:
        return EXTRA_COLUMN_WIDTH
    return max(f.width, len(f.label(lang)) * (2 if lang == "zh" else 1) + 2)


def _header(
    ws: Worksheet,
    formats: Formats,
    register: Register,
    cells: list[Any],
    fields_at: dict[int, Field],
    new_columns: list[str],
    columns: dict[str, int],
    lang: str,
    r: int,
) -> None:
    """The master's header cells as written, in the header style; labels for added columns."""
    ws.set_row(r, 32)
    for c, value in enumerate(cells):
        if value is None or value == "":
            continue
        f = fields_at.get(c)
        write_value(ws, r, c, value, formats.header(required=f is not None and f.required))
    for k in new_columns:
        f = register.field(k)
        ws.write_string(r, columns[k], f.label(lang), formats.header(required=f.required))


def carry_sheet(wb: Workbook, formats: Formats, sheet: RawSheet, name: str) -> list[Cut]:
    """A non-register sheet by value, hidden if it was hidden."""
    ws = wb.add_worksheet(name)
    cuts: list[Cut] = []
    for r, cells in enumerate(sheet.rows):
        for c, value in enumerate(cells):
            if value is None or value == "":
                continue
            if write_value(ws, r, c, value, _carry_format(formats, value)):
                cuts.append(Cut(name, r, c, len(str(value))))
    if not sheet.visible:
        ws.hide()
    return cuts


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


def _empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())
