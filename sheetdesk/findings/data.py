"""Findings about the registers' cells and rows (validation)."""

from sheetdesk.findings.registry import declare

declare(
    "required",
    "error",
    "{field} is required but blank",
    "{field}为必填项，但为空",
    explain_en="A required column has a blank cell.",
    explain_zh="必填列中有空白单元格。",
)
declare(
    "duplicate",
    "error",
    "{field} {value} is a duplicate of row {first_row}",
    "{field} {value} 与第 {first_row} 行重复",
    explain_en="A value that must be unique (serial, ticket) appears a second time; the first row is named.",
    explain_zh="应唯一的值（出厂编号、报修单号）再次出现；指明首次出现的行。",
)
declare(
    "range.negative",
    "error",
    "{field} {value} is negative; it must be 0 or more",
    "{field} {value} 为负数，应不小于 0",
    explain_en="A cost or fee below zero.",
    explain_zh="费用或金额小于零。",
)
declare(
    "range.below_min",
    "error",
    "{field} {value} is below the minimum {minimum}",
    "{field} {value} 低于最小值 {minimum}",
    explain_en="A number below the column's declared minimum.",
    explain_zh="数值低于该列规定的最小值。",
)
declare(
    "date.future",
    "warning",
    "{field} {value} is in the future (now is {now})",
    "{field} {value} 晚于当前时间（现在是 {now}）",
    explain_en="A date or time more than a day after now: usually a typo in the year or month.",
    explain_zh="日期或时间比现在晚一天以上，通常是年份或月份输错。",
)
declare(
    "serial.unknown",
    "warning",
    "{field} {value} is not in the sales register ('{sales_sheet}'); its warranty status is unknown",
    "{field} {value} 在销售登记表（'{sales_sheet}'）中查不到，保修状态无法判定",
    explain_en="A repair names a serial that is not in the sales register (matched ignoring case, width and spaces).",
    explain_zh="报修记录中的出厂编号在销售登记中查不到（比较时不区分大小写、全半角和空格）。",
)
declare(
    "ticket.unknown",
    "error",
    "{field} {value} is not in the repair log ('{log_sheet}')",
    "{field} {value} 在维修记录表（'{log_sheet}'）中查不到",
    explain_en="A callback names a ticket that is not in the repair log (matched ignoring case, width and spaces).",
    explain_zh="回访记录中的报修单号在维修记录中查不到（比较时不区分大小写、全半角和空格）。",
)
declare(
    "callback.before_resolved",
    "error",
    "{field} {value} is before the ticket's {resolved_field} {resolved} ('{log_sheet}' row {log_row})",
    "{field} {value} 早于该报修单的{resolved_field} {resolved}（'{log_sheet}' 第 {log_row} 行）",
    explain_en="A callback recorded before its repair was resolved.",
    explain_zh="回访时间早于维修记录中的修复时间。",
)
declare(
    "sheet.no_header",
    "error",
    "sheet '{sheet}' has no {register} header row (expected labels such as {labels})",
    "工作表“{sheet}”中找不到{register}的表头行（应有 {labels} 等列名）",
    explain_en="A sheet named for a register has no row of its column labels among its first rows.",
    explain_zh="以登记表命名的工作表前几行中没有列名行。",
)
declare(
    "sheet.duplicate_register",
    "error",
    "{register} register found twice: '{first_sheet}' in {first_file} and '{sheet}' in {file}; the first is used",
    "{register}出现了两次：{first_file} 中的“{first_sheet}”和 {file} 中的“{sheet}”；使用第一个",
    explain_en="Two sheets (in one file or several) hold the same register; only the first is read.",
    explain_zh="两个工作表（同一文件或不同文件）是同一种登记表；只读取第一个。",
)
declare(
    "column.missing",
    "error",
    "required column '{field}' is missing from the header (row {row})",
    "表头（第 {row} 行）中缺少必填列“{field}”",
    explain_en="A required column is not in the register's header row.",
    explain_zh="登记表的表头行中没有某个必填列。",
)
declare(
    "column.duplicate",
    "warning",
    "column '{header}' repeats '{field}'; only the first is read",
    "列“{header}”与“{field}”重复；只读取第一列",
    explain_en="Two header cells name the same field; the second column is not read.",
    explain_zh="两个表头单元格对应同一字段；第二列不读取。",
)
declare(
    "workbook.uncarried",
    "warning",
    "{file} contains {part}; the annotated copy carries values only, so they are not in the output",
    "{file} 含有{part}；批注副本只保留数值，这些内容不会出现在输出中",
    explain_en="Charts, images, macros or pivot tables of an input cannot be carried into the annotated copy.",
    explain_zh="输入文件中的图表、图片、宏或数据透视表无法带入批注副本。",
)
declare(
    "workbook.no_registers",
    "error",
    "no register sheet ({registers}) found in {files}",
    "在 {files} 中找不到登记表（{registers}）",
    explain_en="None of the files holds a register sheet, by name or by its header.",
    explain_zh="所有文件中都没有登记表（按表名或表头都找不到）。",
)
for _type, _en, _zh in (
    ("date", "a date", "日期"),
    ("datetime", "a date and time", "日期时间"),
    ("number", "a number", "数字"),
    ("integer", "a whole number", "整数"),
    ("enum", "one of the column's choices", "该列的可选值之一"),
    ("yesno", "yes or no", "是或否"),
):
    declare(
        f"value.{_type}",
        "error",
        "{field}: {problem}",
        "{field}：{problem}",
        explain_en=f"A cell that cannot be read as {_en}.",
        explain_zh=f"单元格无法读作{_zh}。",
    )
declare(
    "date.order",
    "error",
    "{field} {value} is before {other} {other_value}",
    "{field} {value} 早于{other} {other_value}",
    explain_en="A date or time before the one it must follow in the same row (acceptance before sale, an "
    "event before the report).",
    explain_zh="同一行中某日期或时间早于它应晚于的那个（验收早于售出、处理时间早于报修时间）。",
)
declare(
    "phone.implausible",
    "warning",
    "{field} {value} is not a plausible phone number (7 to 15 digits expected)",
    "{field} {value} 不像电话号码（应为 7 到 15 位数字）",
    explain_en="A phone number that does not have 7 to 15 digits once spaces, dashes, +86 and an extension are "
    "taken off.",
    explain_zh="去掉空格、连字符、+86 和分机号后不是 7 到 15 位数字的电话号码。",
)
declare(
    "postcode.format",
    "warning",
    "{field} {value} is not 6 digits (a postcode starting with 0 needs the column formatted as text)",
    "{field} {value} 不是 6 位数字（以 0 开头的邮编需要把该列设为文本格式）",
    explain_en="A postcode that is not exactly six digits.",
    explain_zh="邮编不是 6 位数字。",
)
declare(
    "fault_level.missing",
    "error",
    "{field} is required for a repair ({why})",
    "报修必须填写{field}（{why}）",
    explain_en="A repair (request type Repair or blank) without a fault level, or a repair log without the column.",
    explain_zh="报修（服务类别为报修或空白）没有填写故障级别，或维修记录缺少该列。",
)
declare(
    "escalation.missing",
    "error",
    "{field} is {dissatisfied} but {escalated} is blank; name the supervisor it was escalated to",
    "{field}为{dissatisfied}，但{escalated}为空；请填写反映到的主管",
    explain_en="A dissatisfied callback must name the supervisor it was escalated to.",
    explain_zh="不满意的回访必须填写反映到的主管。",
)
