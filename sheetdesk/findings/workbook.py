"""Findings about reading and writing workbooks: sheets, parts, cells that cannot be carried."""

from sheetdesk.findings.registry import declare

declare(
    "cell.error_value",
    "warning",
    "the cell holds the error value {value}; it is read as blank",
    "单元格为错误值 {value}，按空白读取",
    explain_en="A formula in the file failed (#N/A, #DIV/0!, #SPILL!, #CALC!, ...); its cell counts as blank.",
    explain_zh="文件中的公式出错（#N/A、#DIV/0!、#SPILL!、#CALC! 等），该单元格按空白处理。",
)
declare(
    "cell.not_a_date",
    "warning",
    "the cell is formatted as a date but holds {value}, which is no date; it is read as that number",
    "单元格设为日期格式，但其值 {value} 不是日期；按该数字读取",
    explain_en="A date-formatted cell holds a negative or non-finite number; it is read as the number, never as an "
    "invented date.",
    explain_zh="设为日期格式的单元格中是负数或非有限数；按数字读取，不会臆造日期。",
)
declare(
    "csv.quote_unclosed",
    "warning",
    "line {line}: a quote opened on this line never closes on it; lines {line}-{last} are read as {count} rows "
    "(the quote kept as text), not joined into one cell",
    "第 {line} 行：本行打开的引号没有在本行闭合；第 {line}-{last} 行按 {count} 行分别读取（引号作为文本保留），"
    "而不是合并为一个单元格",
    explain_en='A stray double quote (such as a description typed `"12 inch screen`) would otherwise swallow the '
    "lines after it into one cell.",
    explain_zh='多余的双引号（例如描述写成 `"12 inch screen`）否则会把其后的行全部吞进一个单元格。',
)
declare(
    "file.read_as",
    "warning",
    "the file is {kind} despite its {suffix} name; it was read as {kind}",
    "文件名后缀为 {suffix}，但内容实际是{kind}；已按{kind}读取",
    explain_en="A file is read by its content, not its name: an .xlsx or a web page's HTML table saved as .xls, "
    "tab-separated text saved as .xls.",
    explain_zh="按内容而非文件名读取：另存为 .xls 的 .xlsx、网页导出的 HTML 表格、制表符分隔的文本等。",
)
declare(
    "xls.codepage",
    "warning",
    "the workbook's text is stored in code page {codepage}; it was decoded as {encoding}",
    "工作簿文本以代码页 {codepage} 存储，已按 {encoding} 解码",
    explain_en="An old .xls written in a DOS or Macintosh code page that the workbook reader does not know; "
    "sheetdesk decodes its text itself.",
    explain_zh="旧版 .xls 使用读取库不支持的 DOS 或 Macintosh 代码页；sheetdesk 自行解码其文本。",
)

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
