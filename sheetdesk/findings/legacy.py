"""Findings of `import` (legacy logs): cells and rows the import could not read as written."""

from sheetdesk.findings.registry import declare

declare(
    "import.value_unread",
    "warning",
    "{column}: '{value}' does not read as {what} for {field}; left blank, the value is kept in notes",
    "{column}：“{value}”无法读作{field}的{what}；留空，原值保留在备注中",
    explain_en="A mapped cell whose value is not of its column's type (a date column holding `未恢复`); it is not "
    "guessed.",
    explain_zh="已对应列中的值不是该列的类型（例如日期列中写着“未恢复”）；不做猜测。",
)
declare(
    "import.ditto_without_value",
    "warning",
    "'same as above' with nothing above it",
    "“同上”但上面没有值",
    explain_en="A ditto marker (同上, 〃, do) in the first row of its column: there is no value to repeat.",
    explain_zh="“同上”类标记（同上、〃、do）出现在该列第一行：没有可沿用的值。",
)
declare(
    "import.date_order",
    "warning",
    "{column}: {order}",
    "{column}：{order}",
    explain_en="A date column whose day/month order cannot be decided from its values; its ambiguous dates are "
    "left blank until a mapping file sets `dayfirst`.",
    explain_zh="无法从值判断日/月顺序的日期列；其有歧义的日期留空，直到映射文件设置 `dayfirst`。",
)
declare(
    "import.time_without_date",
    "warning",
    "{column}: a time without a date cannot make {field}; kept in notes",
    "{column}：只有时间没有日期，无法构成{field}；保留在备注中",
    explain_en="A time-of-day column whose row has no date to go with it.",
    explain_zh="时刻列所在行没有可搭配的日期。",
)
declare(
    "import.end_before_start",
    "warning",
    "{field} {end} is before {start_field} {start} on the same day and more than 12 hours after it on the next; "
    "kept as written",
    "{field} {end} 早于同日的{start_field} {start}，且按次日算超过 12 小时；按原样保留",
    explain_en="An end time earlier than the start that is not a night shift; validate reports the order.",
    explain_zh="结束时间早于开始时间且不是夜班；validate 会报告时间顺序。",
)
declare(
    "import.text_cut",
    "warning",
    "{field}: text of {length} characters cut to Excel's limit of {limit}",
    "{field}：{length} 个字符的文本截断到 Excel 上限 {limit}",
    explain_en="A cell longer than Excel allows (32,767 characters); the Rejects sheet or register keeps the start.",
    explain_zh="单元格超过 Excel 上限（32,767 个字符）；未导入表或登记表保留开头部分。",
)
declare(
    "import.date_swapped",
    "warning",
    "{column}: {stored} breaks the column's date order and reads as {swapped} with day and month exchanged "
    "(Excel swapped them); read as {swapped}",
    "{column}：{stored} 打乱了该列的日期顺序，日和月对调后为 {swapped}（Excel 曾对调日月）；按 {swapped} 读取",
    explain_en="A true date cell in a day-first (or month-first) column with day and month <= 12, far from the dates "
    "around it while its swapped date fits them: Excel read the typed text in the other order.",
    explain_zh="日在前（或月在前）列中的真日期单元格，日和月都不大于 12，与前后日期相差很远而对调后正好吻合："
    "Excel 按另一种顺序读取了输入的文本。",
)
declare(
    "import.nothing_imported",
    "error",
    "no row was imported from {rows} data rows below the header on row {header}: {hint}",
    "表头（第 {header} 行）下方的 {rows} 个数据行一行也未导入：{hint}",
    explain_en="Every data row was rejected or had nothing in a mapped column: the header or the mapping is wrong.",
    explain_zh="所有数据行都被拒绝或对应列为空：表头或列对应有误。",
)
