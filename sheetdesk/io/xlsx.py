"""Write standard-looking register sheets with xlsxwriter.

Templates, annotated workbooks, imports and branch files all write register
sheets through `RegisterSheetWriter`, so they share one look: a styled header
with input hints, frozen panes, column widths, a dropdown on every enum
column, and date/datetime formats.

User text is always written as a string: `strings_to_formulas` is off, so a
customer called `=HYPERLINK(...)` stays text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Msg
from sheetdesk.io.atomic import on_failure
from sheetdesk.schema.fields import Field, Register

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384
EXCEL_MAX_CELL_CHARS = 32_767

BEYOND_SHEET = Msg(
    "sheet '{sheet}' would need row {row}, column {col}: beyond Excel's limit of {rows} rows and "
    "{cols} columns; nothing was written",
    "工作表“{sheet}”将用到第 {row} 行、第 {col} 列，超出 Excel 的上限（{rows} 行、{cols} 列）；未写出任何内容",
)

# A dropdown's warning when a typed value is not in its list.
CHOOSE_ONE = Msg("Choose one of: {choices}", "请从下拉列表选择：{choices}")

HEADER_STYLE = {
    "bold": True,
    "bg_color": "#1F4E78",
    "font_color": "#FFFFFF",
    "border": 1,
    "text_wrap": True,
    "valign": "vcenter",
    "align": "center",
}
REQUIRED_HEADER_STYLE = {**HEADER_STYLE, "bg_color": "#C00000"}
COMPUTED_HEADER_STYLE = {**HEADER_STYLE, "bg_color": "#548235"}
SEVERITY_FILL = {"error": "#FFC7CE", "warning": "#FFEB9C"}
STATUS_FILL = {
    "breached": "#FFC7CE",
    "overdue": "#FFC7CE",
    "missing": "#FFC7CE",
    "late": "#FFC7CE",
    "expired": "#FFC7CE",
    "pending": "#FFEB9C",
    "due": "#FFEB9C",
    "not_counted": "#FFEB9C",
    "paused": "#DDEBF7",  # blue: the clock waits, neither late nor done
    "excluded": "#FFEB9C",
    "paid": "#FFEB9C",
    "unknown": "#FFEB9C",
    "met": "#C6EFCE",
    "done": "#C6EFCE",
    "free": "#C6EFCE",
    "return": "#C6EFCE",
    "exchange": "#C6EFCE",
}


def new_workbook(path: str | Path, *, constant_memory: bool = False) -> Workbook:
    """An xlsxwriter workbook that never turns user text into formulas or links.

    Its scratch files (the XML parts while packaging, the rows of a
    constant-memory sheet: plain-text copies of the data) go into `path`'s
    folder, never into $TMPDIR. Given a path from `atomic_path`, that folder
    is the write's private scratch folder, removed however the write ends.
    """
    path = Path(path)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": constant_memory,
            "tmpdir": str(path.parent),
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
            "default_date_format": DATE_FORMAT,
        },
    )
    if constant_memory:
        on_failure(path, functools.partial(_close_row_files, weakref.ref(wb)))
    return wb


def _close_row_files(ref: weakref.ref[Workbook]) -> None:
    """Close a failed constant-memory workbook's row files (see `atomic.on_failure`)."""
    wb = ref()
    if wb is None:
        return
    for ws in wb.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None and not fh.closed:
            with contextlib.suppress(OSError, ValueError):
                fh.close()


class Formats:
    """Cell formats created once per workbook (xlsxwriter wants that)."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self._cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self.wb.add_format(props)
            self._cache[key] = fmt
        return fmt

    def header(self, required: bool = False, computed: bool = False) -> Any:
        style = COMPUTED_HEADER_STYLE if computed else REQUIRED_HEADER_STYLE if required else HEADER_STYLE
        return self.get(**style)

    def for_field(self, field: Field, fill: str | None = None) -> Any:
        """The format of a register column's cells (see `Field.text_format`)."""
        if field.type == "text" and not field.text_format:
            return self.get(bg_color=fill) if fill else None
        return self.for_type(field.type, fill)

    def for_type(self, field_type: str, fill: str | None = None) -> Any:
        props: dict[str, Any] = {}
        if field_type == "date":
            props["num_format"] = DATE_FORMAT
        elif field_type == "datetime":
            props["num_format"] = DATETIME_FORMAT
        elif field_type == "time":
            props["num_format"] = "hh:mm"
        elif field_type == "percent":
            props["num_format"] = "0.0%"
        elif field_type == "text":  # typed serials like 00123 stay text
            props["num_format"] = "@"
        # enum and yes/no columns carry no format: their dropdown already keeps
        # entries to the list, and a format on each of their cells costs about
        # a microsecond per cell when writing 200k-row sheets.
        if fill:
            props["bg_color"] = fill
        return self.get(**props) if props else None


def write_value(ws: Worksheet, row: int, col: int, value: Any, fmt: Any = None) -> bool:
    """Write one value by its Python type; text is always a string cell.

    Returns True when the text was cut to Excel's limit of 32,767 characters
    (the caller warns). A cell beyond Excel's last row or column raises
    `OutputError`: xlsxwriter would drop it without a word.
    """
    cut = False
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if fmt is None:
            return False
        status = ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        status = ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        status = ws.write_number(row, col, value, fmt)
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        status = ws.write_datetime(row, col, value, fmt)
    elif isinstance(value, dt.timedelta):
        status = ws.write_number(row, col, value.total_seconds() / 86400, fmt)
    else:
        text = str(value)
        if len(text) > EXCEL_MAX_CELL_CHARS:
            text, cut = text[:EXCEL_MAX_CELL_CHARS], True
        status = ws.write_string(row, col, text, fmt)
    if status == -1:
        _beyond_sheet(ws, row, col)
    return cut


def ensure_fits(ws: Worksheet, first_row: int, last_row: int, first_col: int, last_col: int) -> None:
    """Raise `OutputError` unless rows first_row..last_row of columns first_col..last_col fit on the sheet.

    For writers that make the typed calls themselves and ignore their status
    (xlsxwriter drops a cell beyond the sheet without a word). The cell named
    is the first one a row-by-row write would have lost.
    """
    if last_col >= ws.xls_colmax:
        _beyond_sheet(ws, first_row, ws.xls_colmax)
    if last_row >= ws.xls_rowmax:
        _beyond_sheet(ws, ws.xls_rowmax, first_col)


def _beyond_sheet(ws: Worksheet, row: int, col: int) -> NoReturn:
    raise OutputError(
        BEYOND_SHEET,
        sheet=ws.name,
        row=f"{row + 1:,}",
        col=f"{col + 1:,}",
        rows=f"{EXCEL_MAX_ROWS:,}",
        cols=f"{EXCEL_MAX_COLS:,}",
    )


def display_value(field: Field, value: Any, lang: str) -> Any:
    """A typed value as a clerk should see it: enum keys become labels."""
    if value is None:
        return None
    if field.enum is not None and isinstance(value, str):
        return field.enum.label(value, lang)
    return value


class RegisterSheetWriter:
    """Write one register as a standard sheet.

    `columns` maps field key -> 0-based column; by default every declared
    field in order from column A. `header_row` is 0-based.
    """

    def __init__(
        self,
        wb: Workbook,
        formats: Formats,
        ws: Worksheet,
        register: Register,
        lang: str,
        *,
        header_row: int = 0,
        columns: dict[str, int] | None = None,
    ) -> None:
        self.wb, self.formats, self.ws = wb, formats, ws
        self.register, self.lang, self.header_row = register, lang, header_row
        self.columns = columns if columns is not None else {f.key: i for i, f in enumerate(register.fields)}
        self._type_formats = {f.key: formats.for_field(f) for f in register.fields}
        self.widths: dict[int, float] = {}  # 0-based column -> the width set, in characters

    def write_header(self, *, hints: bool = True) -> None:
        ws, r = self.ws, self.header_row
        ws.set_row(r, 32)
        for f in self.register.fields:
            col = self.columns.get(f.key)
            if col is None:
                continue
            ws.write_string(r, col, f.label(self.lang), self.formats.header(required=f.required))
            width = max(f.width, len(f.label(self.lang)) * (2 if self.lang == "zh" else 1) + 2)
            ws.set_column(col, col, width, self._type_formats[f.key])
            self.widths[col] = width
            hint = f.hint(self.lang)
            if hints and hint:
                ws.data_validation(
                    r,
                    col,
                    r,
                    col,
                    {"validate": "any", "input_title": f.label(self.lang)[:32], "input_message": hint[:255]},
                )
        ws.freeze_panes(r + 1, 0)

    def add_dropdowns(self, last_row: int = 1000) -> None:
        """A list dropdown on every enum column, from the header to last_row (0-based)."""
        first = self.header_row + 1
        last = max(first, min(last_row, EXCEL_MAX_ROWS - 1))
        for f in self.register.fields:
            col = self.columns.get(f.key)
            if col is None or f.enum is None:
                continue
            labels = f.enum.labels(self.lang)
            self.ws.data_validation(
                first,
                col,
                last,
                col,
                {
                    "validate": "list",
                    "source": labels,
                    "ignore_blank": True,
                    "error_type": "warning",
                    "error_title": f.label(self.lang)[:32],
                    "error_message": CHOOSE_ONE.render(self.lang, choices=f.enum.titles())[:255],
                },
            )

    def write_record(self, row: int, record: dict[str, Any], fills: dict[str, str] | None = None) -> list[str]:
        """Write typed values (enum keys shown as labels) at 0-based `row`.

        Returns the keys whose text was cut to Excel's cell limit.
        """
        cut: list[str] = []
        for f in self.register.fields:
            col = self.columns.get(f.key)
            if col is None:
                continue
            value = display_value(f, record.get(f.key), self.lang)
            fill = fills.get(f.key) if fills else None
            fmt = self.formats.for_field(f, fill) if fill else self._type_formats[f.key]
            if write_value(self.ws, row, col, value, fmt):
                cut.append(f.key)
        return cut


def safe_sheet_name(name: str, taken: set[str] | None = None) -> str:
    """Excel's rules: ≤31 characters, none of []:*?/\\, unique (case-blind)."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet"
    cleaned = cleaned[:31]
    if taken is not None:
        base, n = cleaned, 2
        while cleaned.casefold() in {t.casefold() for t in taken}:
            suffix = f" ({n})"
            cleaned = base[: 31 - len(suffix)] + suffix
            n += 1
        taken.add(cleaned)
    return cleaned


# -- Sheet setup: filter, frozen panes and print -----------------------------
#
# One call per sheet, after its cells are written (xlsxwriter keeps these as
# sheet settings, so they cost nothing per cell and work in constant-memory
# mode). The annotated copy, the branch files and the merged master share it.

Span = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col (0-based, inclusive)

A4_PAPER = 9
MARGINS_INCHES = {"left": 0.4, "right": 0.4, "top": 0.55, "bottom": 0.55}
HEADER_FOOTER_MARGIN = 0.25  # inches from the paper's edge
# A4 landscape (11.69 in) less the side margins, in the 96-per-inch pixels
# Excel measures column widths in.
PRINTABLE_WIDTH_PX = int((11.69 - MARGINS_INCHES["left"] - MARGINS_INCHES["right"]) * 96)
# A sheet prints one page wide only when that keeps the text at this scale or
# larger; a wider one prints at FLOW_SCALE_PERCENT with its columns flowing
# onto further pages, the key column repeated on each.
MIN_FIT_SCALE = 0.6
FLOW_SCALE_PERCENT = 70
# The key column is frozen (and repeated when printed) with the columns left
# of it only when it is among the first few; otherwise only the key repeats.
MAX_FROZEN_COLS = 4
DEFAULT_COLUMN_WIDTH = 8.43  # Excel's, in characters
# The field that names a record, per register; any other register uses its first field.
KEY_FIELDS = {"sales": "serial_no", "repairs": "ticket_no", "callbacks": "ticket_no", "visits": "serial_no"}

PAGE_HEADER = "&C&A"  # the sheet's name
PAGE_FOOTER = Msg("&CPage &P of &N", "&C第 &P 页，共 &N 页")


def key_field(register: Register) -> str:
    """The column that names a record: ticket_no, serial_no..."""
    return KEY_FIELDS.get(register.key, register.fields[0].key)


def column_pixels(width: float) -> int:
    """Excel's on-screen pixels of a column `width` characters wide (as xlsxwriter computes them)."""
    return int(width * 12 + 0.5) if width < 1 else int(width * 7 + 0.5) + 5


def setup_register_sheet(
    ws: Worksheet,
    header_row: int,
    last_row: int,
    last_col: int,
    key_col: int | None,
    autofilter: Span | None = None,
    *,
    widths: Mapping[int, float] | None = None,
    lang: str = "en",
) -> None:
    """Make a register sheet one a clerk can filter and print.

    - A filter on the header row over every column up to `last_col` (computed
      columns included) and every row down to `last_row` (0-based). The
      input's own filter (`autofilter`) is kept when it sits elsewhere; on the
      header row it is widened to the same span.
    - Frozen panes below the header row and right of the key column (when the
      key is among the first MAX_FROZEN_COLS columns; else the header only).
    - Printed on A4 landscape, gridlines shown, the header row and the key
      column repeated on every page, the sheet's name above and "page x of y"
      below; one page wide when that prints at MIN_FIT_SCALE or more, else at
      FLOW_SCALE_PERCENT with the columns flowing onto further pages,
      printed across then down so that a row's continuation pages follow
      each other.

    `widths` (0-based column -> width in characters) are the widths the
    caller set; other columns have Excel's default.
    """
    last_row = max(last_row, header_row)
    span: Span = (header_row, 0, last_row, last_col)
    if autofilter is not None and autofilter[0] != header_row:
        span = autofilter
    elif autofilter is not None:
        span = (header_row, min(autofilter[1], last_col), max(last_row, autofilter[2]), max(last_col, autofilter[3]))
    ws.autofilter(*_clip(span))

    left = key_col if key_col is not None and key_col < MAX_FROZEN_COLS else None
    ws.freeze_panes(header_row + 1, 0 if left is None else left + 1)

    setup_print(ws, lang)
    ws.repeat_rows(header_row)
    if left is not None:
        ws.repeat_columns(0, left)
    elif key_col is not None:
        ws.repeat_columns(key_col)
    sizes = widths or {}
    if sum(column_pixels(sizes.get(c, DEFAULT_COLUMN_WIDTH)) for c in range(last_col + 1)) * MIN_FIT_SCALE <= (
        PRINTABLE_WIDTH_PX
    ):
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as needed
        return
    # The renderer breaks the columns into pages itself: it knows its fonts'
    # widths (LibreOffice without Calibri draws columns a third wider), so
    # breaks planned here would leave near-empty pages there.
    ws.set_print_scale(FLOW_SCALE_PERCENT)
    ws.print_across()


def setup_print(ws: Worksheet, lang: str) -> None:
    """The page every printed sheetdesk sheet shares: A4 landscape, gridlines,
    the sheet's name above and "page x of y" (in `lang`) below."""
    ws.set_landscape()
    ws.set_paper(A4_PAPER)
    ws.set_margins(**MARGINS_INCHES)
    ws.hide_gridlines(0)  # shown on screen and printed
    ws.set_header(PAGE_HEADER, margin=HEADER_FOOTER_MARGIN)
    ws.set_footer(PAGE_FOOTER.render(lang), margin=HEADER_FOOTER_MARGIN)


def _clip(span: Span) -> Span:
    r0, c0, r1, c1 = span
    return (
        min(r0, EXCEL_MAX_ROWS - 1),
        min(c0, EXCEL_MAX_COLS - 1),
        min(max(r1, r0), EXCEL_MAX_ROWS - 1),
        min(max(c1, c0), EXCEL_MAX_COLS - 1),
    )
