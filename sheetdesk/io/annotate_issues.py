"""The Issues sheet (问题清单) of the annotated workbook: one row per issue,
each with a hyperlink to its cell, in the workbook's language.

Long messages wrap, and each row is as tall as its text needs (xlsxwriter
cannot measure text, and LibreOffice does not grow a row written with a
height, so the height is worked out here from the text's width). Printed,
the sheet is one page wide on A4 landscape with its header on every page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.i18n import Msg
from sheetdesk.io.annotate_index import SEVERITY
from sheetdesk.io.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    EXCEL_MAX_ROWS,
    SEVERITY_FILL,
    Formats,
    setup_print,
    write_value,
)
from sheetdesk.report import Issue

# Excel stops following hyperlinks past this many per worksheet.
EXCEL_MAX_LINKS = 65_530

COLUMNS: tuple[tuple[str, Msg, int], ...] = (  # key, header, width in characters
    ("severity", Msg("Severity", "级别"), 9),
    ("code", Msg("Code", "代码"), 22),
    ("sheet", Msg("Sheet", "工作表"), 14),
    ("cell", Msg("Cell", "单元格"), 9),
    ("column", Msg("Column", "列"), 16),
    ("value", Msg("Value", "值"), 20),
    ("message", Msg("Message", "说明"), 70),
    ("file", Msg("File", "文件"), 22),
)
WRAPPED = {"value": 5, "message": 6}  # the columns whose text wraps (0-based)
ROW_TEXT = Msg("row {row}", "第 {row} 行")
GO_TO = Msg("Go to {place}", "转到 {place}")
MORE_ISSUES = Msg(
    "… {count} more issues do not fit in an Excel sheet; run with --json to see them all",
    "… 另有 {count} 条问题超出 Excel 工作表的容量；用 --json 运行可查看全部",
)
LINE_POINTS = 15.0  # one line of 11-point text
MAX_LINES = 12  # a row grows to this many lines; longer text is read in the cell


def internal_link(sheet: str, cell: str) -> str:
    """`internal:'Repairs'!D7`; a quote in the sheet name is doubled."""
    return "internal:'" + sheet.replace("'", "''") + "'!" + cell


def text_width(text: str) -> int:
    """How many character widths `text` takes: Chinese characters count two.

    (A character of 3 UTF-8 bytes is a wide CJK one here; counted without a
    loop over the characters, since an Issues sheet may hold 100k rows.)
    """
    extra = len(text.encode("utf-8", "replace")) - len(text)
    return len(text) + extra // 2


def lines_needed(text: str, width: int) -> int:
    """The lines `text` wraps to in a column `width` characters wide."""
    per_line = max(width - 2, 1)
    return sum(max(1, math.ceil(text_width(part) / per_line)) for part in text.split("\n"))


def write_issues_sheet(
    ws: Worksheet,
    formats: Formats,
    issues: list[Issue],
    lang: str,
    target: Callable[[Issue], str | None],
    column_label: Callable[[Issue], str | None],
) -> None:
    """`target(issue)` names the output sheet an issue points into (None: no
    link); `column_label(issue)` the column's label in that sheet."""
    header = formats.header()
    ws.set_row(0, 24)
    for c, (_key, title, width) in enumerate(COLUMNS):
        ws.write_string(0, c, title.render(lang), header)
        ws.set_column(c, c, width)
    ws.freeze_panes(1, 0)
    setup_print(ws, lang)
    ws.repeat_rows(0)
    ws.fit_to_pages(1, 0)
    severity = {key: word.render(lang) for key, word in SEVERITY.items()}
    sev_formats = {s: formats.get(bg_color=fill, valign="top") for s, fill in SEVERITY_FILL.items()}
    top = formats.get(valign="top")
    wrap = formats.get(text_wrap=True, valign="top")
    link_format = formats.get(font_color="#0563C1", underline=1, valign="top")
    value_formats: dict[str, Any] = {
        "datetime": formats.get(num_format=DATETIME_FORMAT, valign="top", align="left"),
        "date": formats.get(num_format=DATE_FORMAT, valign="top", align="left"),
        "text": wrap,
        "other": top,
    }
    widths = {key: width for key, _, width in COLUMNS}
    shown = issues[: EXCEL_MAX_ROWS - 2]
    links = 0
    file_names: dict[str, str] = {}
    for n, issue in enumerate(shown, start=1):
        message = issue.text(lang)
        lines = lines_needed(message, widths["message"])
        if isinstance(issue.value, str):
            lines = max(lines, lines_needed(issue.value, widths["value"]))
        if lines > 1:  # before the row's cells: constant-memory mode writes rows in order
            ws.set_row(n, LINE_POINTS * min(lines, MAX_LINES) + 3)
        ws.write_string(n, 0, severity.get(issue.severity, issue.severity), sev_formats.get(issue.severity, top))
        ws.write_string(n, 1, issue.code, top)
        if issue.sheet:
            ws.write_string(n, 2, issue.sheet, top)
        place = issue.cell or (f"A{issue.row}" if issue.row else "A1")
        text = issue.cell or (ROW_TEXT.render(lang, row=issue.row) if issue.row else "")
        sheet = target(issue)
        if sheet is not None and links < EXCEL_MAX_LINKS:
            tip = GO_TO.render(lang, place=f"{sheet}!{place}")
            ws.write_url(n, 3, internal_link(sheet, place), link_format, text or sheet, tip=tip[:255])
            links += 1
        elif text:
            ws.write_string(n, 3, text, top)
        label = column_label(issue)
        if label:
            ws.write_string(n, 4, label, top)
        _write_value(ws, n, 5, issue.value, value_formats)
        ws.write_string(n, 6, message, wrap)
        if issue.file:
            name = file_names.get(issue.file)
            if name is None:
                name = file_names[issue.file] = Path(issue.file).name
            ws.write_string(n, 7, name, top)
    if len(shown) < len(issues):
        ws.write_string(len(shown) + 1, 6, MORE_ISSUES.render(lang, count=f"{len(issues) - len(shown):,}"), wrap)
    ws.autofilter(0, 0, max(len(shown), 1), len(COLUMNS) - 1)


def _write_value(ws: Worksheet, r: int, c: int, value: Any, formats: dict[str, Any]) -> None:
    """The cell's value as read: dates as dates, times as text, the rest as is."""
    if value is None or value == "":
        return
    if isinstance(value, dt.datetime):
        write_value(ws, r, c, value, formats["datetime"])
    elif isinstance(value, dt.date):
        write_value(ws, r, c, value, formats["date"])
    elif isinstance(value, (dt.time, dt.timedelta)):
        ws.write_string(r, c, str(value), formats["other"])
    elif isinstance(value, str):
        write_value(ws, r, c, value, formats["text"])
    else:
        write_value(ws, r, c, value, formats["other"])
