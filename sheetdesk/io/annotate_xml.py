"""Clean register rows of a constant-memory sheet, written as sheet XML directly.

xlsxwriter spends about 8 µs of Python on every cell it writes: the call,
its checks, a cell tuple, then at the next row the cell's XML built from an
attribute list, two regex substitutions and three searches, and a write to
its row file. A register row of the annotated workbook is 20-30 cells and
`check` writes 400k of them, so at head-office scale that is most of its
time. In constant-memory mode xlsxwriter writes each finished row's XML to a
scratch file (`ws.fh`) that becomes the sheet's `<sheetData>` at `close()`.
`DirectRows` writes a clean record row there itself: the same text
xlsxwriter would write, byte for byte (`tests/io/test_annotate_xml.py`
writes registers both ways and compares every part of the two files), in
one string per row.

It keeps xlsxwriter's bookkeeping as a cell write would: the row before is
flushed first (so style indices are handed out in the same order), the
sheet's used range is widened, and a cell without a format takes its
column's, as xlsxwriter's serializer does. Anything it does not reproduce
exactly takes xlsxwriter's own path, for that row (a value of another
type, text long enough that xlsxwriter might cut it, text xlsxwriter writes
as rich text) or for the whole sheet (rows of a custom default height,
Excel 2010 row extensions, an xlsxwriter without the internals used here).
Rows with findings always take xlsxwriter's path: their comments are kept
per row by xlsxwriter, which expects the row's cells in its table.

A row written here is finished: its caller must write nothing more to it
(xlsxwriter would write a second `<row>` element for the same row). check's
clean rows and `typed_columns.write_columns(whole_rows=True)` are such rows.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# What xlsxwriter's inline-string path changes or marks in a text: XML's
# special characters (escaped), control characters and literal `_xHHHH_`
# (escaped as `_xHHHH_`), leading or trailing white space (xml:space), and a
# `<r>` prefix (its rich-text check). Text matching none of these is written
# as it is; any other text goes through xlsxwriter's own helpers.
_NEEDS_WORK = re.compile(r'[&<>"\n\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$|^<r>')
_INLINE_OPEN = ' t="inlineStr"><is><t>'
_INLINE_CLOSE = "</t></is></c>"
# Values xlsxwriter writes as date numbers (`write_datetime`), with the
# workbook's default date format when the cell has none.
_DATE_TYPES = frozenset({dt.datetime, dt.date, dt.time})
# Off: every row takes xlsxwriter's own cell calls (the tests write both ways and compare).
ENABLED = True
# The worksheet internals this writer reads or calls (xlsxwriter 3.x).
_INTERNALS = (
    "previous_row",
    "table",
    "row_info",
    "comments",
    "col_info",
    "fh",
    "xls_strmax",
    "default_row_height",
    "original_row_height",
    "excel_version",
    "_write_single_row",
    "_check_dimensions",
    "_escape_data",
    "_escape_control_characters",
    "_convert_date_time",
    "default_date_format",
)


def supported(ws: Worksheet) -> bool:
    """Can this sheet's rows be written directly (constant memory, plain rows)?"""
    if not ENABLED or not getattr(ws, "constant_memory", False) or not all(hasattr(ws, name) for name in _INTERNALS):
        return False
    # A row tag is then just `<row r="N">` (see Worksheet._write_row).
    return bool(ws.default_row_height == ws.original_row_height and ws.excel_version != 2010)


class DirectColumn:
    """One column of a register's records: the value of each record (None: no cell,
    or with `blanks` a blank cell in its format when it has one, as `write_blank`
    writes it) and its format: one for the column (`fmt`), one per record (`fmts`)
    or worked out from the value (`fmt_of(i, value)`, not with `blanks`)."""

    __slots__ = ("blanks", "col", "fmt", "fmt_of", "fmts", "prefix", "values")

    def __init__(
        self,
        col: int,
        values: Sequence[Any],
        fmt: Any = None,
        fmts: Sequence[Any] | None = None,
        fmt_of: Callable[[int, Any], Any] | None = None,
        *,
        blanks: bool = False,
    ) -> None:
        self.col, self.values, self.fmt, self.fmts, self.fmt_of = col, values, fmt, fmts, fmt_of
        self.blanks = blanks and fmt_of is None
        self.prefix = f'<c r="{xl_col_to_name(col)}'


class DirectRows:
    """Writes clean record rows of one constant-memory register sheet (see the module)."""

    def __init__(self, ws: Worksheet, columns: Sequence[DirectColumn]) -> None:
        self.ws = ws
        # Unpacked once, a row's cells in column order: the loop below runs for every cell.
        self.columns = [
            (c.col, c.prefix, c.values, c.fmt, c.fmts, c.fmt_of, c.blanks) for c in sorted(columns, key=lambda c: c.col)
        ]
        self._style: dict[Any, str] = {}  # format (or column, for no format) -> ' s="N"'
        self._longest_plain = ws.xls_strmax // 2  # longer text: xlsxwriter may cut it, its own path

    def write(self, r: int, i: int) -> bool:
        """Write record `i` at 0-based row `r`; False (nothing written) when the
        row must take xlsxwriter's path."""
        ws = self.ws
        if r in ws.row_info or r in ws.comments:
            return False
        if r > ws.previous_row:
            ws._write_single_row(r)  # the row before, as xlsxwriter's next cell write would
        elif r < ws.previous_row or ws.table.get(r):
            return False
        n = str(r + 1)
        cells = [f'<row r="{n}">']
        style, longest, needs_work, first, last = self._style, self._longest_plain, _NEEDS_WORK.search, -1, -1
        for col, prefix, values, fmt, fmts, fmt_of, blanks in self.columns:
            value = values[i]
            if value is None:
                if blanks:
                    blank = self._blank(col, prefix, n, fmt if fmts is None else fmts[i])
                    if blank is not None:
                        cells.append(blank)
                        if first < 0:
                            first = col
                        last = col
                continue
            kind = type(value)
            if kind is str and len(value) <= longest and not needs_work(value):  # most text: as it is
                tail = _INLINE_OPEN + value + _INLINE_CLOSE
            else:
                tail = self._tail(value)
                if tail is None:
                    return False  # styles already numbered are numbered in xlsxwriter's order too
            if fmt_of is not None:
                fmt = fmt_of(i, value)
            elif fmts is not None:
                fmt = fmts[i]
            if fmt is None and kind in _DATE_TYPES:
                fmt = ws.default_date_format
            key = col if fmt is None else fmt
            s = style.get(key)
            if s is None:
                s = style[key] = self._style_attribute(fmt, col)
            cells.append(f'{prefix}{n}"{s}{tail}')
            if first < 0:
                first = col
            last = col
        if first < 0:
            return True  # no cells: xlsxwriter writes nothing for such a row either
        ws._check_dimensions(r, first)
        ws._check_dimensions(r, last)
        cells.append("</row>")
        ws.fh.write("".join(cells))
        return True

    def _blank(self, col: int, prefix: str, n: str, fmt: Any) -> str | None:
        """A formatted blank cell (`write_blank` writes nothing without a format)."""
        if fmt is None:
            return None
        s = self._style.get(fmt)
        if s is None:
            s = self._style[fmt] = self._style_attribute(fmt, col)
        return f'{prefix}{n}"{s}/>'

    def _tail(self, value: Any) -> str | None:
        """A cell's XML after its `r` and `s` attributes, as xlsxwriter writes it
        (None: a value this writer leaves to xlsxwriter)."""
        kind = type(value)
        if kind is str:
            text: str = value
            if len(text) > self._longest_plain:
                return None
            if not _NEEDS_WORK.search(text):
                return _INLINE_OPEN + text + _INLINE_CLOSE
            return self._escaped_tail(text)
        if kind is float or kind is int:
            if not math.isfinite(value):
                return None  # written as an error formula by xlsxwriter
            return f"><v>{value:.16G}</v></c>"
        if kind in _DATE_TYPES:  # as sheetdesk's write_value writes them: write_datetime
            return f"><v>{self.ws._convert_date_time(value):.16G}</v></c>"
        if kind is dt.timedelta:  # write_value: a number of days
            return f"><v>{value.total_seconds() / 86400:.16G}</v></c>"
        return None

    def _escaped_tail(self, value: str) -> str | None:
        """Text with special characters, through xlsxwriter's own escaping
        (Worksheet._write_cell and XMLwriter._xml_inline_string)."""
        ws = self.ws
        text = ws._escape_control_characters(value)
        if text.startswith("<r>") and text.endswith("</r>"):
            return None  # xlsxwriter writes this as rich text
        preserve = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
        return f' t="inlineStr"><is><t{preserve}>{ws._escape_data(text)}</t></is></c>'

    def _style_attribute(self, fmt: Any, col: int) -> str:
        """` s="N"` for a cell's format; a cell without one takes its column's
        (the row has no format of its own: rows with row settings are not written here)."""
        if fmt is None:
            info = self.ws.col_info.get(col)
            fmt = info.column_format if info is not None else None
            if fmt is None:
                return ""
        return f' s="{fmt._get_xf_index()}"'


__all__ = ["DirectColumn", "DirectRows", "supported"]
