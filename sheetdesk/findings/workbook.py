"""Findings about reading and writing workbooks: sheets, parts, cells that cannot be carried."""

from sheetdesk.findings.registry import declare

declare(
    "sheet.computed_beyond_xfd",
    "warning",
    "sheet '{sheet}' already uses columns up to XFD, Excel's last; {count} computed column(s) do not fit "
    "and are not in the annotated sheet: {columns}. They are in the JSON (--json)",
    "工作表“{sheet}”已用到 Excel 的最后一列 XFD；{count} 个计算列放不下，未写入批注工作表：{columns}。"
    "可在 JSON（--json）中查看",
    explain_en="A register sheet so wide that the computed columns (warranty, SLA, callbacks) cannot be "
    "appended after its last column; the ones left out are named.",
    explain_zh="登记表过宽，计算列（保修、时限、回访）无法追加在最后一列之后；列出未写入的计算列。",
)
