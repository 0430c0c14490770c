"""Findings about reading and writing workbooks: sheets, parts, cells that cannot be carried."""

from sheetdesk.findings.registry import declare  # noqa: F401

# -- the annotated copy (validate -o, check -o) ------------------------------

declare(
    "cell.truncated",
    "warning",
    "text of {length} characters cut to Excel's limit of {limit}",
    "文本长 {length} 个字符，已截断为 Excel 单元格的上限 {limit} 个字符",
    explain_en="A cell's text is longer than an Excel cell holds (32,767 characters); the copy keeps its beginning.",
    explain_zh="单元格文本超过 Excel 单元格的容量（32,767 个字符）；副本只保留开头部分。",
)
declare(
    "sheet.truncated",
    "warning",
    "sheet '{sheet}' has {count} {what}; only the first {limit} fit in an Excel sheet",
    "工作表“{sheet}”有 {count} {what}，Excel 工作表只能容纳前 {limit} {what}",
    explain_en="An input sheet has more rows or columns than an Excel sheet holds; the copy keeps the first ones.",
    explain_zh="输入的工作表行数或列数超过 Excel 工作表的上限；副本只保留前面的部分。",
)
declare(
    "sheet.merge_not_carried",
    "warning",
    "sheet '{sheet}': the merged range {range} covers {cells} cells; it is not merged in the copy (its value is kept)",
    "工作表“{sheet}”：合并区域 {range} 含 {cells} 个单元格，副本中不再合并（其值保留）",
    explain_en="A merged range so large (whole rows or columns) that it is not merged again in the copy.",
    explain_zh="合并区域过大（整行或整列），副本中不再合并。",
)
