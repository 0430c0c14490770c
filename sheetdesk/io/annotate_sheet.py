"""Write one input sheet into the annotated workbook, row by row.

Every value stays at its cell (so "Repairs!D7" in a finding is D7 here too).
A register sheet gets the standard look (header style, widths, dropdowns,
date formats) and its computed columns; any other sheet is carried by value.
Rows are written strictly in order, once each, which is what xlsxwriter's
constant-memory mode needs for 200k-row sheets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.i18n import Msg
from sheetdesk.io.annotate_index import Flagged, SheetIssues, cell_fill, comment_text, worst
from sheetdesk.io.annotate_table import ComputedColumn, TablePlan
from sheetdesk.io.load import Table
from sheetdesk.io.reader import RawSheet
from sheetdesk.io.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    EXCEL_MAX_CELL_CHARS,
    EXCEL_MAX_ROWS,
    SEVERITY_FILL,
    Formats,
    Span,
    write_value,
)
from sheetdesk.progress import Step
from sheetdesk.report import Report, column_letter

EXCEL_MAX_COLS = 16_384
MAX_MERGE_CELLS = 100_000  # a larger merged range (whole columns, A1:XFD1048576) is not carried
PROGRESS_ROWS = 2000  # rows between progress reports
COMMENT_OPTIONS = {"author": "sheetdesk", "x_scale": 2.5, "y_scale": 1.5}
ROWS = Msg("rows", "行")
COLUMNS = Msg("columns", "列")


_PLAIN = frozenset({str, float, int, bool})


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


def _blank(value: Any) -> bool:
    return value is None or value == ""


class SheetCopier:
    """Copies one RawSheet into one worksheet, with fills and comments on
    the cells that have issues."""

    def __init__(
        self,
        wb: Workbook,
        ws: Worksheet,
        formats: Formats,
        sheet: RawSheet,
        file: str,
        issues: SheetIssues,
        report: Report,
        table: Table | None = None,
        computed: Sequence[ComputedColumn] = (),
        lang: str = "en",
        autofilter: Span | None = None,
    ) -> None:
        self.wb, self.ws, self.formats, self.sheet, self.file = wb, ws, formats, sheet, file
        self.lang = lang  # of the comments and the printed pages
        self.autofilter = autofilter  # the input sheet's filter, kept
        self.issues, self.report, self.table = issues, report, table
        self.width = min(sheet.width, EXCEL_MAX_COLS)
        wanted = list(computed) if table is not None else []
        self.computed = wanted[: EXCEL_MAX_COLS - self.width]
        self.left_out = wanted[len(self.computed) :]  # no room after column XFD: named in a warning
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
            self._truncated(n_rows, ROWS, EXCEL_MAX_ROWS)
            n_rows = EXCEL_MAX_ROWS
        if self.sheet.width > EXCEL_MAX_COLS:
            self._truncated(self.sheet.width, COLUMNS, EXCEL_MAX_COLS)
        if self.left_out and self.table is not None:
            self.report.add(
                "sheet.computed_beyond_xfd",
                {"sheet": self.sheet.name, "file": self.file, "row": self.table.location.header_index + 1},
                sheet=self.sheet.name,
                count=len(self.left_out),
                columns=[Msg(c.en, c.zh) for c in self.left_out],
            )
        merges: dict[int, list[tuple[int, int, int, int]]] = {}
        for (r0, c0), (r1, c1) in self.sheet.merged:
            if (r0, c0) != (r1, c1) and r1 < EXCEL_MAX_ROWS and c1 < EXCEL_MAX_COLS:
                if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_MERGE_CELLS:  # xlsxwriter walks every cell of a merge
                    self.report.add(
                        "sheet.merge_not_carried",
                        {"sheet": self.sheet.name, "file": self.file},
                        sheet=self.sheet.name,
                        range=_range(r0, c0, r1, c1),
                        cells=f"{(r1 - r0 + 1) * (c1 - c0 + 1):,}",
                    )
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
        elif self.autofilter is not None:
            r0, c0, r1, c1 = self.autofilter
            self.ws.autofilter(r0, c0, min(r1, EXCEL_MAX_ROWS - 1), min(c1, EXCEL_MAX_COLS - 1))
        if not self.sheet.visible:
            self.ws.hide()

    def _truncated(self, count: int, what: Msg, limit: int) -> None:
        self.report.add(
            "sheet.truncated",
            {"sheet": self.sheet.name, "file": self.file},
            sheet=self.sheet.name,
            count=f"{count:,}",
            what=what,
            limit=f"{limit:,}",
        )

    def write_plain_row(self, r: int, row: list[Any], flagged: Flagged | None) -> Flagged:
        notes: Flagged = {}
        for c in range(min(len(row), self.width)):
            value = row[c]
            fill = cell_fill(flagged, c)
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
            issue = self.report.add(
                "cell.truncated",
                {"sheet": self.sheet.name, "row": r + 1, "col_index": c, "file": self.file},
                length=f"{len(value):,}",
                limit=f"{EXCEL_MAX_CELL_CHARS:,}",
            )
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
            self.ws.write_comment(r, c, comment_text(issues, self.lang), COMMENT_OPTIONS)
