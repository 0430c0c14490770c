"""Findings about the registers' cells and rows (validation)."""

from sheetdesk.findings.registry import declare  # noqa: F401

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
