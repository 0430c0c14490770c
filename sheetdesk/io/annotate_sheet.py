"""Write one input sheet into the annotated workbook, row by row.

Every value stays at its cell (so "Repairs!D7" in a finding is D7 here too).
A register sheet gets the standard look (header style, widths, dropdowns,
date formats) and its computed columns; any other sheet is carried by value.
Rows are written strictly in order, once each, which is what xlsxwriter's
constant-memory mode needs for 200k-row sheets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.io.annotate_index import SheetIssues, comment_text, worst
from sheetdesk.io.load import Table
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    EXCEL_MAX_CELL_CHARS,
    EXCEL_MAX_ROWS,
    HEADER_STYLE,
    REQUIRED_HEADER_STYLE,
    SEVERITY_FILL,
    STATUS_FILL,
    Formats,
    RegisterSheetWriter,
    write_value,
)
from sheetdesk.progress import Step
from sheetdesk.report import Issue, Report, column_letter
from sheetdesk.schema.fields import Field, FieldType

EXCEL_MAX_COLS = 16_384
MAX_MERGE_CELLS = 100_000  # a larger merged range (whole columns, A1:XFD1048576) is not carried
PROGRESS_ROWS = 2000  # rows between progress reports
DROPDOWN_SPARE_ROWS = 1000  # dropdowns reach this far below the data, for new rows
COMMENT_OPTIONS = {"author": "sheetdesk", "x_scale": 2.5, "y_scale": 1.5}
Flagged = dict[int, list[Issue]]  # 0-based column -> issues on that cell of the current row


@dataclass
class ComputedColumn:
    """A column a command computes (warranty status, SLA due...) for one register.

    `values` is aligned with `Table.rows`. With `status=True`, values found in
    `STATUS_FILL` colour their cell (breached red, pending amber, met green).
    `display` turns a value into what the cell shows (e.g. a status label in
    Chinese); the colour is chosen from the value before display.
    """

    key: str
    en: str
    zh: str
    type: FieldType
    values: Sequence[Any]
    status: bool = False
    width: int = 14
    display: Callable[[Any], Any] | None = None
    align: str | None = None  # "center" for short labels (statuses, yes/no)

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def _computed_format(formats: Formats, column: ComputedColumn, fill: str | None) -> Any:
    """The column type's format, aligned as the column asks (text columns only)."""
    if column.align is None or column.type != "text":
        return formats.for_type(column.type, fill)
    return formats.get(num_format="@", align=column.align, **({"bg_color": fill} if fill else {}))


def cell_output(field: Field, raw: Any, typed: Any) -> Any:
    """What a register cell holds in the copy: dates as dates, numbers as
    numbers, text as text; a value that could not be read stays as typed."""
    kind = field.type
    if kind in ("date", "datetime"):
        if isinstance(raw, dt.date):
            return raw
        return typed if typed is not None else raw
    if kind in ("number", "integer"):
        return typed if typed is not None else raw
    if kind == "text" and not isinstance(raw, str):
        return typed if typed is not None else raw
    return raw


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


_PLAIN = frozenset({str, float, int, bool})
# How a register cell's value is chosen (see cell_output): by the field's type.
_DATE, _NUMBER, _TEXT, _RAW = range(4)


def _mode(field: Field) -> int:
    if field.type in ("date", "datetime"):
        return _DATE
    if field.type in ("number", "integer"):
        return _NUMBER
    return _TEXT if field.type == "text" else _RAW


def _blank(value: Any) -> bool:
    return value is None or value == ""


def _fill(flagged: Flagged | None, c: int) -> str | None:
    if flagged and c in flagged:
        return SEVERITY_FILL[worst(flagged[c])]
    return None


class SheetCopier:
    """Copies one RawSheet into one worksheet, with fills and comments on
    the cells that have issues."""

    def __init__(self, wb: Workbook, ws: Worksheet, formats: Formats, sheet: RawSheet, file: str,
                 issues: SheetIssues, report: Report, table: Table | None = None,
                 computed: Sequence[ComputedColumn] = ()) -> None:
        self.wb, self.ws, self.formats, self.sheet, self.file = wb, ws, formats, sheet, file
        self.issues, self.report, self.table = issues, report, table
        self.width = min(sheet.width, EXCEL_MAX_COLS)
        self.computed = list(computed)[: EXCEL_MAX_COLS - self.width] if table is not None else []
        self._carried: dict[tuple[str, str | None], Any] = {}

    def carried_format(self, value: Any, fill: str | None) -> Any:
        """Format of a value carried as it was read (dates need a number format)."""
        if fill is None and type(value) in _PLAIN:
            return None
        if isinstance(value, dt.datetime):
            kind = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            kind = DATE_FORMAT
        elif isinstance(value, dt.time):
            kind = "hh:mm:ss" if value.second else "hh:mm"
        elif isinstance(value, dt.timedelta):
            kind = "[h]:mm:ss"
        else:
            kind = ""
        key = (kind, fill)
        if key not in self._carried:
            props: dict[str, Any] = {}
            if kind:
                props["num_format"] = kind
            if fill:
                props["bg_color"] = fill
            self._carried[key] = self.formats.get(**props) if props else None
        return self._carried[key]

    def write(self, step: Step | None = None) -> None:
        """Copy the sheet row by row; `step` hears every PROGRESS_ROWS rows."""
        rows = self.sheet.rows
        n_rows = max(len(rows), self.issues.max_row)
        if n_rows > EXCEL_MAX_ROWS:
            self._truncated(f"{n_rows:,} rows; only the first {EXCEL_MAX_ROWS:,}")
            n_rows = EXCEL_MAX_ROWS
        if self.sheet.width > EXCEL_MAX_COLS:
            self._truncated(f"{self.sheet.width:,} columns; only the first {EXCEL_MAX_COLS:,}")
        merges: dict[int, list[tuple[int, int, int, int]]] = {}
        for (r0, c0), (r1, c1) in self.sheet.merged:
            if (r0, c0) != (r1, c1) and r1 < EXCEL_MAX_ROWS and c1 < EXCEL_MAX_COLS:
                if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_MERGE_CELLS:  # xlsxwriter walks every cell of a merge
                    self.report.warning("sheet.merge_not_carried", f"sheet '{self.sheet.name}': the merged range "
                                        f"{_range(r0, c0, r1, c1)} covers {(r1 - r0 + 1) * (c1 - c0 + 1):,} cells; "
                                        "it is not merged in the copy (its value is kept)",
                                        sheet=self.sheet.name, file=self.file)
                    continue
                merges.setdefault(r0, []).append((r0, c0, r1, c1))
        plan = TablePlan(self) if self.table is not None else None
        for r in range(n_rows):
            for merge in merges.get(r, ()):
                try:  # registers the merge only: a None value with no format writes no cell
                    self.ws.merge_range(*merge, None, None)
                except Exception:  # overlapping merges in a damaged file: keep the values, skip the merge
                    pass
            row = rows[r] if r < len(rows) else []
            flagged = self.issues.row(r + 1)
            if plan is not None and plan.handles(r):
                notes = plan.write_row(r, row, flagged)
            else:
                notes = self.write_plain_row(r, row, flagged)
            if flagged or notes:
                self.annotate_row(r, len(row), flagged or {}, notes)
            if step is not None and r % PROGRESS_ROWS == PROGRESS_ROWS - 1:
                step.advance(PROGRESS_ROWS)
        if step is not None:
            step.advance(n_rows % PROGRESS_ROWS)
        if plan is not None:
            plan.finish(n_rows)
        if not self.sheet.visible:
            self.ws.hide()

    def _truncated(self, what: str) -> None:
        self.report.warning("sheet.truncated", f"sheet '{self.sheet.name}' has {what} fit in an Excel sheet",
                            sheet=self.sheet.name, file=self.file)

    def write_plain_row(self, r: int, row: list[Any], flagged: Flagged | None) -> Flagged:
        notes: Flagged = {}
        for c in range(min(len(row), self.width)):
            value = row[c]
            fill = _fill(flagged, c)
            if _blank(value):
                if fill:
                    self.ws.write_blank(r, c, None, self.carried_format(None, fill))
                continue
            self.put(r, c, value, self.carried_format(value, fill), notes)
        return notes

    def put(self, r: int, c: int, value: Any, fmt: Any, notes: Flagged) -> None:
        """Write one value; text too long for Excel is cut, with a warning on the cell."""
        if type(value) is not str:
            write_value(self.ws, r, c, value, fmt)
            return
        if len(value) > EXCEL_MAX_CELL_CHARS:
            issue = self.report.warning(
                "cell.truncated", f"text of {len(value):,} characters cut to Excel's limit of "
                f"{EXCEL_MAX_CELL_CHARS:,}", sheet=self.sheet.name, row=r + 1, col_index=c, file=self.file)
            notes.setdefault(c, []).append(issue)
            fmt = self.carried_format(value, SEVERITY_FILL["warning"]) if fmt is None else fmt
            value = value[:EXCEL_MAX_CELL_CHARS]
        self.ws.write_string(r, c, value, fmt)

    def annotate_row(self, r: int, row_len: int, flagged: Flagged, notes: Flagged) -> None:
        """A comment on every cell of row r with issues (and a fill where the
        row writers had no cell to fill: past the end of the row)."""
        for c in sorted(set(flagged) | set(notes)):
            if c >= EXCEL_MAX_COLS:
                continue
            issues = flagged.get(c, []) + notes.get(c, [])
            if c >= row_len and not self.width <= c < self.width + len(self.computed):
                self.ws.write_blank(r, c, None, self.carried_format(None, SEVERITY_FILL[worst(issues)]))
            self.ws.write_comment(r, c, comment_text(issues), COMMENT_OPTIONS)


class TablePlan:
    """The register part of a sheet: header, records and computed columns."""

    def __init__(self, copier: SheetCopier) -> None:
        assert copier.table is not None
        self.copier, self.table = copier, copier.table
        self.ws, self.formats = copier.ws, copier.formats
        loc = self.table.location
        self.header_index = loc.header_index
        self.record_at = {row - 1: i for i, row in enumerate(self.table.rows)}
        self.writer = RegisterSheetWriter(copier.wb, copier.formats, copier.ws, self.table.register,
                                          self.table.lang, header_row=loc.header_index, columns=dict(loc.columns))
        fills = (None, *SEVERITY_FILL.values())
        # 0-based column -> (field, typed values, fill -> format)
        self.fields: dict[int, tuple[Field, list[Any], dict[str | None, Any]]] = {}
        for key, col in loc.columns.items():
            if col < copier.width:
                f = self.table.register.field(key)
                self.fields[col] = (f, self.table.values.get(key) or [],
                                    {fill: self.formats.for_type(f.type, fill) for fill in fills})
        status_fills = (*fills, *set(STATUS_FILL.values()))
        self.specs: list[tuple[int, list[Any], dict[str | None, Any]] | None] = [
            (_mode(spec[0]), spec[1], spec[2]) if (spec := self.fields.get(c)) else None
            for c in range(copier.width)]
        self.computed_formats = [{fill: _computed_format(self.formats, c, fill) for fill in status_fills}
                                 for c in copier.computed]

    def handles(self, r: int) -> bool:
        return r == self.header_index or r in self.record_at

    def write_row(self, r: int, row: list[Any], flagged: Flagged | None) -> Flagged:
        if r == self.header_index:
            self.write_header(row, flagged)
            return {}
        i = self.record_at[r]
        notes: Flagged = {}
        copier, ws, specs = self.copier, self.ws, self.specs
        carried, put = copier.carried_format, copier.put
        for c in range(min(len(row), copier.width)):
            raw = row[c]
            fill = SEVERITY_FILL[worst(flagged[c])] if flagged is not None and c in flagged else None
            spec = specs[c]
            if spec is None:
                value, fmt = raw, carried(raw, fill)
            else:
                mode, typed, fmts = spec
                fmt = fmts[fill]
                if mode == _RAW or (mode == _TEXT and type(raw) is str) or (
                        mode == _DATE and isinstance(raw, dt.date)):
                    value = raw
                else:  # a value read from text or a number (cell_output, inlined for speed)
                    t = typed[i] if i < len(typed) else None
                    value = raw if t is None else t
            if value is None or value == "":
                if fill:
                    ws.write_blank(r, c, None, fmt)
                continue
            put(r, c, value, fmt, notes)
        self.write_computed(r, i, flagged)
        return notes

    def write_computed(self, r: int, i: int, flagged: Flagged | None) -> None:
        base = self.copier.width
        for k, column in enumerate(self.copier.computed):
            value = column.values[i] if i < len(column.values) else None
            fill = _fill(flagged, base + k)
            if fill is None and column.status and isinstance(value, str):
                fill = STATUS_FILL.get(value)
            shown = column.display(value) if column.display is not None and value is not None else value
            write_value(self.ws, r, base + k, shown, self.computed_formats[k][fill])

    def write_header(self, row: list[Any], flagged: Flagged | None) -> None:
        """The standard header look (styles, widths, hints, frozen panes),
        keeping the clerk's own header text, then the computed headers."""
        self.writer.write_header(hints=True)
        r, lang = self.header_index, self.table.lang
        for c in range(min(len(row), self.copier.width)):
            spec = self.fields.get(c)
            style = dict(REQUIRED_HEADER_STYLE if spec is not None and spec[0].required else HEADER_STYLE)
            fill = _fill(flagged, c)
            if fill:
                style.update(bg_color=fill, font_color="#000000")
            if _blank(row[c]):
                if fill:
                    self.ws.write_blank(r, c, None, self.formats.get(**style))
                continue
            write_value(self.ws, r, c, row[c], self.formats.get(**style))
        base = self.copier.width
        for k, column in enumerate(self.copier.computed):
            label = column.label(lang)
            self.ws.write_string(r, base + k, label, self.formats.header(computed=True))
            width = max(column.width, len(label) * (2 if lang == "zh" else 1) + 2)
            self.ws.set_column(base + k, base + k, width, self.computed_formats[k][None])

    def finish(self, n_rows: int) -> None:
        self.writer.add_dropdowns(last_row=max(n_rows - 1, self.header_index + DROPDOWN_SPARE_ROWS))
