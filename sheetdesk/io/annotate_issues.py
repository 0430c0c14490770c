"""The `Issues` sheet of the annotated workbook: one row per issue, each
with a hyperlink to its cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.io.xlsx import DATE_FORMAT, DATETIME_FORMAT, EXCEL_MAX_ROWS, SEVERITY_FILL, Formats, write_value
from sheetdesk.report import Issue

# Excel stops following hyperlinks past this many per worksheet.
EXCEL_MAX_LINKS = 65_530

COLUMNS = (  # key, English, Chinese, width
    ("severity", "Severity", "级别", 10),
    ("code", "Code", "代码", 22),
    ("sheet", "Sheet", "工作表", 16),
    ("cell", "Cell", "单元格", 9),
    ("column", "Column", "列", 18),
    ("value", "Value", "值", 20),
    ("message", "Message", "说明", 80),
    ("file", "File", "文件", 24),
)
SEVERITY_LABELS = {"en": {"error": "error", "warning": "warning"}, "zh": {"error": "错误", "warning": "警告"}}


def internal_link(sheet: str, cell: str) -> str:
    """`internal:'Repairs'!D7`; a quote in the sheet name is doubled."""
    return "internal:'" + sheet.replace("'", "''") + "'!" + cell


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
    for c, (_key, en, zh, width) in enumerate(COLUMNS):
        ws.write_string(0, c, zh if lang == "zh" else en, header)
        ws.set_column(c, c, width, formats.get(text_wrap=True, valign="top") if c == 6 else None)
    ws.freeze_panes(1, 0)
    severity = SEVERITY_LABELS.get(lang, SEVERITY_LABELS["en"])
    sev_formats = {s: formats.get(bg_color=fill) for s, fill in SEVERITY_FILL.items()}
    link_format = formats.get(font_color="#0563C1", underline=1)
    value_formats: dict[str, Any] = {
        "datetime": formats.get(num_format=DATETIME_FORMAT),
        "date": formats.get(num_format=DATE_FORMAT),
    }
    shown = issues[: EXCEL_MAX_ROWS - 2]
    links = 0
    file_names: dict[str, str] = {}
    for n, issue in enumerate(shown, start=1):
        ws.write_string(n, 0, severity.get(issue.severity, issue.severity), sev_formats.get(issue.severity))
        ws.write_string(n, 1, issue.code)
        if issue.sheet:
            ws.write_string(n, 2, issue.sheet)
        place = issue.cell or (f"A{issue.row}" if issue.row else "A1")
        text = issue.cell or (f"row {issue.row}" if issue.row else "")
        sheet = target(issue)
        if sheet is not None and links < EXCEL_MAX_LINKS:
            ws.write_url(n, 3, internal_link(sheet, place), link_format, text or sheet, tip=f"Go to {sheet}!{place}")
            links += 1
        elif text:
            ws.write_string(n, 3, text)
        label = column_label(issue)
        if label:
            ws.write_string(n, 4, label)
        _write_value(ws, n, 5, issue.value, value_formats)
        ws.write_string(n, 6, issue.text(lang))
        if issue.file:
            name = file_names.get(issue.file)
            if name is None:
                name = file_names[issue.file] = Path(issue.file).name
            ws.write_string(n, 7, name)
    if len(shown) < len(issues):
        ws.write_string(
            len(shown) + 1,
            6,
            f"… {len(issues) - len(shown):,} more issues do not fit in an Excel sheet; run with --json to see them all",
        )
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
        ws.write_string(r, c, str(value))
    else:
        write_value(ws, r, c, value)
