"""Write an import: the register sheet, Rejects and the Import Report.

The register sheet is a standard sheet (`RegisterSheetWriter`), so the file
goes straight into `sheetdesk validate` / `check`. Rejects holds each
rejected row's original values under the source's headers, tagged with their
source column letter ("单号 (A)") so that no reader mistakes the sheet for a
register. The write is atomic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.xlsx import EXCEL_MAX_CELL_CHARS, Formats, RegisterSheetWriter, new_workbook, write_value
from sheetdesk.legacy.result import ImportResult
from sheetdesk.report import column_letter

REJECTS = "Rejects"
REPORT = "Import Report"


def write_import(result: ImportResult, out: str | Path) -> Path:
    out = Path(out)
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp)
        formats = Formats(wb)
        ws = wb.add_worksheet(result.register.name(result.lang))
        writer = RegisterSheetWriter(wb, formats, ws, result.register, result.lang)
        writer.write_header()
        for i, record in enumerate(result.records, start=1):
            for key in writer.write_record(i, record):  # text longer than a cell holds: cut, and said so
                result.report.warning(
                    "import.text_cut",
                    f"{key}: text of {len(str(record[key])):,} characters "
                    f"cut to Excel's limit of {EXCEL_MAX_CELL_CHARS:,}",
                    sheet=result.sheet,
                    row=result.record_rows[i - 1] if i <= len(result.record_rows) else None,
                    column=key,
                )
        writer.add_dropdowns(max(len(result.records) + 200, 1000))
        _write_rejects(wb.add_worksheet(REJECTS), formats, result)
        _write_report(wb.add_worksheet(REPORT), formats, result)
        wb.close()
    result.output = out
    return out


def _write_rejects(ws: Worksheet, formats: Formats, result: ImportResult) -> None:
    header = formats.header()
    ws.write_string(0, 0, "Source row", header)
    ws.write_string(0, 1, "Reason", header)
    columns = sorted(result.columns, key=lambda c: c.index)
    width = max([c.index for c in columns] + [len(r.values) - 1 for r in result.rejects] + [0]) + 1
    labels = {c.index: c.label for c in columns}
    for col in range(width):
        letter = column_letter(col)
        label = labels.get(col, letter)
        ws.write_string(0, col + 2, f"{label} ({letter})" if label != letter else letter, header)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 1, 60)
    ws.set_column(2, width + 1, 14)
    ws.freeze_panes(1, 2)
    for i, reject in enumerate(result.rejects, start=1):
        ws.write_number(i, 0, reject.row)
        ws.write_string(i, 1, reject.reason)
        for col, value in enumerate(reject.values):
            if write_value(ws, i, col + 2, value, _format_for(formats, value)):
                result.report.warning(
                    "import.text_cut",
                    f"rejected row {reject.row}: text of {len(str(value)):,} "
                    f"characters cut to Excel's limit of {EXCEL_MAX_CELL_CHARS:,} in Rejects",
                    sheet=result.sheet,
                    row=reject.row,
                    col_index=col,
                )


def _format_for(formats: Formats, value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return formats.for_type("datetime")
    if isinstance(value, dt.date):
        return formats.for_type("date")
    if isinstance(value, dt.time):
        return formats.for_type("time")
    return None


def _write_report(ws: Worksheet, formats: Formats, result: ImportResult) -> None:
    bold = formats.get(bold=True)
    title = formats.get(bold=True, font_size=14)
    header = formats.header()
    wrap = formats.get(text_wrap=True, valign="top")
    ws.set_column(0, 0, 24)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 28)
    ws.set_column(3, 3, 11)
    ws.set_column(4, 4, 60)
    ws.set_column(5, 5, 40)
    ws.write_string(0, 0, "Import Report", title)
    counts = result.counts()
    facts: list[tuple[str, Any]] = [
        ("Source file", str(result.source)),
        ("Format", result.format + (f" ({result.encoding})" if result.encoding else "")),
        ("Sheet", result.sheet),
        ("Header row(s)", ", ".join(map(str, result.header_rows))),
        ("Kind", result.kind),
        ("Output language", result.lang),
        ("Rows read", counts["read"]),
        ("Rows written", counts["written"]),
        ("Rows rejected", counts["rejected"]),
    ]
    for code, n in sorted(result.reject_counts().items()):
        facts.append((f"  rejected: {code}", n))
    row = 2
    for name, value in facts:
        ws.write_string(row, 0, name, bold)
        write_value(ws, row, 1, value)
        row += 1

    row += 1
    ws.write_string(row, 0, "Mapping", title)
    row += 1
    for col, name in enumerate(("Source column", "Letter", "Goes to", "Confidence", "Evidence", "Sample values")):
        ws.write_string(row, col, name, header)
    for c in result.columns:
        row += 1
        goes = (
            c.target.describe(result.register, result.lang)
            if c.target.is_field
            else ("notes as 'label: value'" if c.target.is_keep else "skipped")
        )
        ws.write_string(row, 0, c.label, wrap)
        ws.write_string(row, 1, c.letter)
        ws.write_string(row, 2, f"{goes} [{c.target}]" + (" (carried down)" if c.carry_down else ""))
        ws.write_number(row, 3, round(c.confidence, 2))
        ws.write_string(row, 4, c.evidence + _order_text(c.dayfirst), wrap)
        ws.write_string(row, 5, " | ".join(c.samples), wrap)

    row += 2
    ws.write_string(row, 0, "Decisions", title)
    row += 1
    ws.write_string(row, 0, "Decision", header)
    ws.merge_range(row, 1, row, 4, "What was decided", header)
    for d in result.decisions:
        row += 1
        ws.write_string(row, 0, d.code)
        ws.merge_range(row, 1, row, 4, d.message, wrap)

    row += 2
    ws.write_string(row, 0, "Warnings", title)
    row += 1
    for col, name in enumerate(("Code", "Source row", "Cell", "Column", "Message", "Value")):
        ws.write_string(row, col, name, header)
    for issue in result.report.issues:
        row += 1
        ws.write_string(row, 0, issue.code)
        write_value(ws, row, 1, issue.row)
        write_value(ws, row, 2, issue.cell)
        write_value(ws, row, 3, issue.column)
        ws.write_string(row, 4, issue.message, wrap)
        write_value(ws, row, 5, None if issue.value is None else str(issue.value))


def _order_text(dayfirst: bool | None) -> str:
    if dayfirst is None:
        return ""
    return "; dates read day-first" if dayfirst else "; dates read month-first"
