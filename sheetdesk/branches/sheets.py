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
from sheetdesk.io.typed_columns import Column, write_columns
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
    # The cells `writer.write_record` writes, a column at a time (`write_columns`).
    records = [row.values for row in rows]
    columns = [
        Column(writer.columns[f.key], displayed(f, [r.get(f.key) for r in records], lang), formats.for_field(f))
        for f in register.fields
    ]
    at = {writer.columns[f.key]: f.key for f in register.fields}
    cut = [(rows[i], at[col]) for i, col in write_columns(ws, 1, len(rows), columns, whole_rows=True)]
    writer.add_dropdowns(len(rows) + DROPDOWN_SPARE_ROWS)
    key_col = next(i for i, f in enumerate(register.fields) if f.key == key_field(register))
    setup_register_sheet(ws, 0, len(rows), len(register.fields) - 1, key_col, widths=writer.widths, lang=lang)
    return cut


def displayed(field: Field, values: list[Any], lang: str) -> list[Any]:
    """`display_value` down a column (each enum key's label looked up once)."""
    if field.enum is None:
        return values
    shown: dict[str, Any] = {}
    return [
        (shown[v] if v in shown else shown.setdefault(v, display_value(field, v, lang))) if type(v) is str else v
        for v in values
    ]


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
    # The master's cells as they were, and the cells a merge changed, a column at a time (`write_columns`).
    header = loc.header_index
    planned = _master_columns(formats, sheet.rows, width, fields_at, changed, columns, table.lang)
    found = write_columns(ws, 0, header, [c.rows(0, header) for c in planned], whole_rows=True)
    _header(ws, formats, register, sheet.rows[header], fields_at, new_columns, columns, table.lang, header)
    after = len(sheet.rows) - header - 1
    found += [
        (i + header + 1, col)
        for i, col in write_columns(ws, header + 1, after, [c.rows(header + 1) for c in planned], whole_rows=True)
    ]
    cuts = [Cut(name, r, col, len(str(planned[col].values[r]))) for r, col in found]
    r = len(sheet.rows)
    added_columns = [
        Column(columns[f.key], displayed(f, [row.get(f.key) for row in added], table.lang), formats.for_field(f))
        for f in register.fields
        if f.key in columns
    ]
    for i, col in write_columns(ws, r, len(added), added_columns, whole_rows=True):
        cuts.append(Cut(name, r + i, col, len(str(added[i].get(fields_at[col].key)))))
    r += len(added)
    writer.add_dropdowns(r + DROPDOWN_SPARE_ROWS)
    widths = {c: _width(register, table.lang, fields_at.get(c)) for c in range(width)}
    key_col = columns.get(key_field(register))
    setup_register_sheet(ws, loc.header_index, r - 1, width - 1, key_col, autofilter, widths=widths, lang=table.lang)
    return cuts


def _master_columns(
    formats: Formats,
    cells: list[list[Any]],
    width: int,
    fields_at: dict[int, Field],
    changed: dict[int | None, Row],
    columns: dict[str, int],
    lang: str,
) -> list[Column]:
    """Every column of a master register sheet, all its rows: each cell as read
    (an empty one stays unwritten), the cells a merge changed as the merge set them.

    A declared column's cells take its type's format, except a time of day in
    a date column (kept, and shown); another column's cells a format for what
    they hold (`_carry_format`). A changed cell is written as `write_value`
    writes it (a blank one formatted).
    """
    stamp = formats.get(num_format=DATETIME_FORMAT)
    changed_cells: dict[int, dict[int, Any]] = {}  # column -> row index -> the value shown
    for excel_row, row in changed.items():
        if excel_row is None:  # only the master's own rows are changed, and they all have one
            continue
        for k in row.changed:
            c = columns[k]
            changed_cells.setdefault(c, {})[excel_row - 1] = display_value(fields_at[c], row.get(k), lang)
    planned: list[Column] = []
    for c in range(width):
        values = [None if c >= len(row) or row[c] == "" else row[c] for row in cells]
        field = fields_at.get(c)
        fmt: Any = None
        cell_formats: list[Any] | None = None
        if field is None:
            cell_formats = [None if v is None else _carry_format(formats, v) for v in values]
        else:
            fmt = formats.for_field(field)
            if field.type == "date" and any(isinstance(v, dt.datetime) and v.time() != _MIDNIGHT for v in values):
                cell_formats = [stamp if isinstance(v, dt.datetime) and v.time() != _MIDNIGHT else fmt for v in values]
        forced = changed_cells.get(c, {})
        for r, value in forced.items():
            values[r] = value
            if cell_formats is not None:
                cell_formats[r] = fmt  # a changed cell takes its column's format
        planned.append(Column(c, values, fmt, cell_formats, blanks=False, by_value=frozenset(forced)))
    return planned


_MIDNIGHT = dt.time(0)


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
