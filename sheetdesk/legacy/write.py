"""Write an import: the register sheet, Rejects and the Import Report.

The register sheet is a standard sheet (`RegisterSheetWriter`), so the file
goes straight into `sheetdesk validate` / `check`. Rejects holds each
rejected row's original values under the source's headers, tagged with their
source column letter ("单号 (A)") so that no reader mistakes the sheet for a
register. The Import Report says where the table was found, where each
column went and why, which columns were left in notes with their nearest
keys, every row above the header, every decision and every warning. Every
label is in the output language (`result.lang`). The write is atomic.
A log of more than `CONSTANT_MEMORY_ROWS` records is written as `check`
writes a large register: streamed (xlsxwriter's constant-memory mode), its
rows as sheet XML directly (`write_columns(whole_rows=True)`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from sheetdesk.i18n import Msg
from sheetdesk.io.annotate import CONSTANT_MEMORY_ROWS
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.typed_columns import Column, write_columns
from sheetdesk.io.xlsx import (
    EXCEL_MAX_CELL_CHARS,
    Formats,
    RegisterSheetWriter,
    display_value,
    new_workbook,
    write_value,
)
from sheetdesk.legacy.result import ImportResult, describe
from sheetdesk.legacy.texts import GOES_KEEP, GOES_SKIP
from sheetdesk.report import column_letter
from sheetdesk.schema import Field

REJECTS = Msg("Rejects", "未导入")
REPORT = Msg("Import Report", "导入报告")
SOURCE_ROW = Msg("Source row", "源文件行号")
REASON = Msg("Reason", "原因")
TITLE_MAPPING = Msg("Mapping", "列对应")
TITLE_ABOVE = Msg("Rows above the header (titles, summaries: not data)", "表头上方的行（标题、汇总：不是数据）")
TITLE_DECISIONS = Msg("Decisions", "处理说明")
TITLE_WARNINGS = Msg("Warnings", "警告")
FACTS = {
    "source": Msg("Source file", "源文件"),
    "format": Msg("Format", "格式"),
    "sheet": Msg("Sheet", "工作表"),
    "header": Msg("Header row(s)", "表头行"),
    "kind": Msg("Kind", "登记表类型"),
    "lang": Msg("Output language", "输出语言"),
    "read": Msg("Rows read", "读取行数"),
    "above": Msg("Rows above the header", "表头上方行数"),
    "written": Msg("Rows written", "写入行数"),
    "rejected": Msg("Rows rejected", "未导入行数"),
}
REJECTED_BY = Msg("  rejected: {code}", "  未导入：{code}")
MAPPING_HEADER = (
    Msg("Source column", "源列"),
    Msg("Letter", "列号"),
    Msg("Goes to", "对应到"),
    Msg("Confidence", "把握"),
    Msg("Evidence", "依据"),
    Msg("Sample values", "示例值"),
    Msg("Nearest keys (unmapped)", "最接近的列（未对应）"),
)
CARRIED = Msg(" (carried down)", "（沿用上行）")
DAY_FIRST = Msg("; dates read day-first", "；日期按日在前读取")
MONTH_FIRST = Msg("; dates read month-first", "；日期按月在前读取")
DECISION_HEADER = (Msg("Decision", "类别"), Msg("What was decided", "说明"))
WARNING_HEADER = (
    Msg("Code", "代码"),
    Msg("Source row", "源文件行号"),
    Msg("Cell", "单元格"),
    Msg("Column", "列"),
    Msg("Message", "说明"),
    Msg("Value", "值"),
)
ABOVE_HEADER = (Msg("Source row", "源文件行号"), Msg("Values", "内容"))


def write_import(result: ImportResult, out: str | Path, *, constant_memory: bool | None = None) -> Path:
    """Write the import's workbook; `constant_memory` None: streamed when the log is large."""
    out = Path(out)
    lang = result.lang
    if constant_memory is None:
        constant_memory = max(len(result.records), len(result.rejects)) > CONSTANT_MEMORY_ROWS
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp, constant_memory=constant_memory)
        formats = Formats(wb)
        ws = wb.add_worksheet(result.register.name(lang))
        writer = RegisterSheetWriter(wb, formats, ws, result.register, lang)
        writer.write_header()
        _write_records(ws, formats, result)
        writer.add_dropdowns(max(len(result.records) + 200, 1000))
        _write_rejects(wb.add_worksheet(REJECTS.render(lang)), formats, result)
        _write_report(wb.add_worksheet(REPORT.render(lang)), formats, result)
        wb.close()
    result.output = out
    return out


def _write_records(ws: Worksheet, formats: Formats, result: ImportResult) -> None:
    """The register's rows: only the cells a record has (the columns carry their formats already).

    The same cells `RegisterSheetWriter.write_record` writes, without the blank ones: an
    imported log leaves most optional columns empty, and 200k rows x 23 columns of blanks
    would double the writing time. Written a column plan at a time (`write_columns`): each
    column's cells are nearly all of one kind, so one typed call serves the column.
    """
    register, lang, records = result.register, result.lang, result.records
    columns = []
    for col, f in enumerate(register.fields):
        key = f.key
        values = [record.get(key) for record in records]
        if f.enum is not None:
            labels: dict[Any, Any] = {}
            values = [v if v is None else _label(labels, f, v, lang) for v in values]
        columns.append(Column(col, values, formats.for_field(f), blanks=False))
    cuts = write_columns(ws, 1, len(records), columns, whole_rows=True)
    # Reported in the order the cells of a record were read, as a row-by-row write would.
    order = {i: list(records[i]) for i, _ in cuts}
    cuts.sort(key=lambda cut: (cut[0], order[cut[0]].index(register.fields[cut[1]].key)))
    for i, col in cuts:
        f = register.fields[col]
        row = result.record_rows[i] if i < len(result.record_rows) else None
        result.report.add(
            "import.text_cut",
            {"sheet": result.sheet, "row": row, "column": f.key},
            field=f.title,
            length=f"{len(str(records[i][f.key])):,}",
            limit=f"{EXCEL_MAX_CELL_CHARS:,}",
        )


def _label(labels: dict[Any, Any], f: Field, value: Any, lang: str) -> Any:
    """`display_value` of one enum cell, looked up once per distinct value."""
    key = value if type(value) is str else (type(value), value)
    if key not in labels:
        labels[key] = display_value(f, value, lang)
    return labels[key]


def _write_rejects(ws: Worksheet, formats: Formats, result: ImportResult) -> None:
    lang = result.lang
    header = formats.header()
    ws.write_string(0, 0, SOURCE_ROW.render(lang), header)
    ws.write_string(0, 1, REASON.render(lang), header)
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
        ws.write_string(i, 1, reject.reason_text(lang))
        for col, value in enumerate(reject.values):
            if write_value(ws, i, col + 2, value, _format_for(formats, value)):
                at = {"sheet": result.sheet, "row": reject.row, "col_index": col}
                result.report.add(
                    "import.text_cut",
                    at,
                    field=labels.get(col, column_letter(col)),
                    length=f"{len(str(value)):,}",
                    limit=f"{EXCEL_MAX_CELL_CHARS:,}",
                )


def _format_for(formats: Formats, value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return formats.for_type("datetime")
    if isinstance(value, dt.date):
        return formats.for_type("date")
    if isinstance(value, dt.time):
        return formats.for_type("time")
    return None


def _write_report(ws: Worksheet, formats: Formats, result: ImportResult) -> None:
    lang = result.lang
    bold = formats.get(bold=True)
    title = formats.get(bold=True, font_size=14)
    header = formats.header()
    wrap = formats.get(text_wrap=True, valign="top")
    for col, width in enumerate((24, 10, 30, 11, 60, 40, 40)):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, REPORT.render(lang), title)
    counts = result.counts()
    facts: list[tuple[str, Any]] = [
        (FACTS["source"].render(lang), str(result.source)),
        (FACTS["format"].render(lang), result.format + (f" ({result.encoding})" if result.encoding else "")),
        (FACTS["sheet"].render(lang), result.sheet),
        (FACTS["header"].render(lang), ", ".join(map(str, result.header_rows))),
        (FACTS["kind"].render(lang), result.register.name(lang)),
        (FACTS["lang"].render(lang), result.lang),
        (FACTS["read"].render(lang), counts["read"]),
        (FACTS["above"].render(lang), counts["above_header"]),
        (FACTS["written"].render(lang), counts["written"]),
        (FACTS["rejected"].render(lang), counts["rejected"]),
    ]
    for code, n in sorted(result.reject_counts().items()):
        facts.append((REJECTED_BY.render(lang, code=code), n))
    row = 2
    for name, value in facts:
        ws.write_string(row, 0, name, bold)
        write_value(ws, row, 1, value)
        row += 1

    row += 1
    ws.write_string(row, 0, TITLE_MAPPING.render(lang), title)
    row += 1
    for col, heading in enumerate(MAPPING_HEADER):
        ws.write_string(row, col, heading.render(lang), header)
    for c in result.columns:
        row += 1
        if c.target.is_field:
            goes = describe(c.target, result.register, lang)
        else:
            goes = (GOES_KEEP if c.target.is_keep else GOES_SKIP).render(lang)
        order = "" if c.dayfirst is None else (DAY_FIRST if c.dayfirst else MONTH_FIRST).render(lang)
        ws.write_string(row, 0, c.label, wrap)
        ws.write_string(row, 1, c.letter)
        ws.write_string(row, 2, f"{goes} [{c.target}]" + (CARRIED.render(lang) if c.carry_down else ""))
        ws.write_number(row, 3, round(c.confidence, 2))
        ws.write_string(row, 4, c.explain(lang) + order, wrap)
        ws.write_string(row, 5, " | ".join(c.samples), wrap)
        if c.candidates:
            nearest = "; ".join(f"{x.target} {x.score:.2f} ({x.evidence.render(lang)})" for x in c.candidates)
            ws.write_string(row, 6, nearest, wrap)

    if result.above:
        row += 2
        ws.write_string(row, 0, TITLE_ABOVE.render(lang), title)
        row += 1
        for col, heading in enumerate(ABOVE_HEADER):
            ws.write_string(row, col, heading.render(lang), header)
        for number, values in result.above:
            row += 1
            ws.write_number(row, 0, number)
            shown = " | ".join(str(v) for v in values if v not in (None, ""))
            write_value(ws, row, 1, shown)

    row += 2
    ws.write_string(row, 0, TITLE_DECISIONS.render(lang), title)
    row += 1
    ws.write_string(row, 0, DECISION_HEADER[0].render(lang), header)
    ws.merge_range(row, 1, row, 4, DECISION_HEADER[1].render(lang), header)
    for d in result.decisions:
        row += 1
        ws.write_string(row, 0, d.code)
        ws.merge_range(row, 1, row, 4, d.text(lang), wrap)

    row += 2
    ws.write_string(row, 0, TITLE_WARNINGS.render(lang), title)
    row += 1
    for col, heading in enumerate(WARNING_HEADER):
        ws.write_string(row, col, heading.render(lang), header)
    for issue in result.report.issues:
        row += 1
        ws.write_string(row, 0, issue.code)
        write_value(ws, row, 1, issue.row)
        write_value(ws, row, 2, issue.cell)
        write_value(ws, row, 3, issue.column)
        ws.write_string(row, 4, issue.text(lang), wrap)
        write_value(ws, row, 5, None if issue.value is None else str(issue.value))
