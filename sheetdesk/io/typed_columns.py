"""Writing many rows of cells with xlsxwriter, planned a column at a time.

`write_value` decides each cell's xlsxwriter call from the value's type, one
cell at a time. Branch files and merged masters hold hundreds of thousands of
cells whose columns are each of one kind (text, numbers or dates, with the
odd unreadable value), so `write_columns` looks at each column once: the
cells of its main kind are written with their typed call (`write_string`,
`write_number`; dates as the serial numbers Excel stores, `excel_serials`,
the numbers `write_datetime` would store), and every other cell (a text
typed in a number column, a boolean, a time, NaN, over-long text, a date
before March 1900) goes through `write_value`, exactly as before. The cells
written are the same either way: same type, value and format; a cell without
a value is a formatted blank when asked (as `write_value` writes it) or not
written at all.

Rows are written in order, each row's columns together, so that it works
in xlsxwriter's constant-memory mode too. (The same idea as check's
`annotate_table.TablePlan`, for sheets without findings or computed columns.)
When the columns are the whole of their rows (`whole_rows`) on a
constant-memory sheet, each row is written as sheet XML directly
(`annotate_xml.DirectRows`, the same bytes), or through the typed calls
when it holds a value that writer leaves to xlsxwriter.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.io import annotate_xml
from sheetdesk.io.annotate_table import excel_serials
from sheetdesk.io.xlsx import EXCEL_MAX_CELL_CHARS, ensure_fits, write_value

# Excel's phantom 1900-02-29 makes earlier serials differ from Python's
# day count; those dates are left to xlsxwriter's own conversion.
FIRST_PLAIN_SERIAL_DATE = dt.date(1900, 3, 1)
# A cell left to `write_value` in a column's planned values.
_BY_VALUE: Any = object()
_KINDS = {str: "text", int: "number", float: "number", dt.datetime: "date", dt.date: "date"}


@dataclass
class Column:
    """One column of cells: `values[i]` goes to row `first_row + i` (None: no value).

    `fmt` is every cell's format, or `formats[i]` each one's. A cell without
    a value gets a blank cell in its format when `blanks` (what `write_value`
    does), and nothing otherwise (a cell that was empty when read). The cells
    `by_value` are written by `write_value` whatever they hold.
    """

    col: int
    values: Sequence[Any]
    fmt: Any = None
    formats: Sequence[Any] | None = None
    blanks: bool = True
    by_value: frozenset[int] = frozenset()

    def format_at(self, i: int) -> Any:
        return self.fmt if self.formats is None else self.formats[i]

    def rows(self, start: int, stop: int | None = None) -> Column:
        """The same column from row `start` (before `stop`), counted from 0 again."""
        stop = len(self.values) if stop is None else stop
        return Column(
            self.col,
            self.values[start:stop],
            self.fmt,
            None if self.formats is None else self.formats[start:stop],
            self.blanks,
            frozenset(i - start for i in self.by_value if start <= i < stop),
        )


def write_columns(
    ws: Worksheet, first_row: int, n: int, columns: Sequence[Column], *, whole_rows: bool = False
) -> list[tuple[int, int]]:
    """Write rows first_row .. first_row + n - 1 of `columns`; returns the (i, col)
    of every cell whose text was cut to Excel's limit (only `write_value` cuts).

    `whole_rows`: nothing else will be written to these rows, so that on a
    constant-memory sheet they can be written directly (see the module).
    """
    if n > 0 and columns:  # the typed calls below do not say when a cell falls off the sheet
        cols = [c.col for c in columns]
        ensure_fits(ws, first_row, first_row + n - 1, min(cols), max(cols))
    plans = [(c, *_plan(ws, c)) for c in columns]
    # Unpacked once: the loop below runs for every cell.
    fixed = [(c.col, values, write, c.fmt, c.blanks, c) for c, write, values in plans if c.formats is None]
    varying = [(c.col, values, write, c.formats, c.blanks, c) for c, write, values in plans if c.formats is not None]
    blank, by_value = ws.write_blank, _BY_VALUE
    direct = _direct_rows(ws, columns) if whole_rows and annotate_xml.supported(ws) else None
    # A blank `by_value` cell is formatted even in a column without blanks: its row takes the typed path.
    typed_rows = {i for c in columns if not c.blanks for i in c.by_value if c.values[i] is None}
    cuts: list[tuple[int, int]] = []
    for i in range(n):
        r = first_row + i
        if direct is not None and i not in typed_rows and direct.write(r, i):
            continue
        for col, values, write, fmt, blanks, column in fixed:
            value = values[i]
            if value is None:
                if blanks and fmt is not None:
                    blank(r, col, None, fmt)
            elif value is by_value:
                if write_value(ws, r, col, column.values[i], fmt):
                    cuts.append((i, col))
            else:
                write(r, col, value, fmt)
        for col, values, write, formats, blanks, column in varying:
            value = values[i]
            if value is None:
                if blanks and formats[i] is not None:
                    blank(r, col, None, formats[i])
            elif value is by_value:
                if write_value(ws, r, col, column.values[i], formats[i]):
                    cuts.append((i, col))
            else:
                write(r, col, value, formats[i])
    return sorted(cuts)  # as a row is read: column by column


def _direct_rows(ws: Worksheet, columns: Sequence[Column]) -> annotate_xml.DirectRows:
    """The columns' cells as `write_value` writes each of them: their own values, not the plans'
    (`DirectRows` writes a date as `write_datetime` does; a cell it would not write as
    `write_value` does sends its row down the typed path)."""
    return annotate_xml.DirectRows(
        ws, [annotate_xml.DirectColumn(c.col, c.values, c.fmt, c.formats, blanks=c.blanks) for c in columns]
    )


def _plan(ws: Worksheet, column: Column) -> tuple[Callable[..., Any], list[Any]]:
    """The typed call of the column's main kind, and what to give it per cell
    (None: no value; `_BY_VALUE`: a cell for `write_value`)."""
    values = column.values
    if column.by_value:
        values = [_BY_VALUE if i in column.by_value else v for i, v in enumerate(values)]
    counts: Counter[str] = Counter()
    for value_type, count in Counter(map(type, values)).items():  # counted in C, then a few types looked at
        if value_type is not type(None):
            counts[_KINDS.get(value_type, "other")] += count
    kind = max(counts, key=lambda k: (k != "other", counts[k]), default="other")
    if kind == "text":
        limit = EXCEL_MAX_CELL_CHARS
        return ws.write_string, [v if v is None or (type(v) is str and len(v) <= limit) else _BY_VALUE for v in values]
    if kind == "number":  # v - v == 0 only for finite numbers: NaN is a blank to write_value, infinity an error
        return ws.write_number, [
            v if v is None or ((type(v) is int or type(v) is float) and v - v == 0) else _BY_VALUE for v in values
        ]
    if kind == "date":
        dates = [v if _plain_date(v, column.format_at(i)) else None for i, v in enumerate(values)]
        serials = excel_serials(dates)
        return ws.write_number, [
            None if v is None else _BY_VALUE if d is None else serial
            for v, d, serial in zip(values, dates, serials, strict=True)
        ]
    return ws.write_string, [None if v is None else _BY_VALUE for v in values]


def _plain_date(value: Any, fmt: Any) -> bool:
    """A date `write_datetime` would store as the serial `excel_serials` computes.

    It needs its own date format (without one, xlsxwriter picks its default
    date format), no time zone, and a day after 1900-02-28.
    """
    if fmt is None:
        return False
    if type(value) is dt.datetime:
        return value.tzinfo is None and value.date() >= FIRST_PLAIN_SERIAL_DATE
    return type(value) is dt.date and value >= FIRST_PLAIN_SERIAL_DATE


__all__ = ["Column", "write_columns"]
