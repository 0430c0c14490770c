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
