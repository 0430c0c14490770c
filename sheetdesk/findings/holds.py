"""Findings about the Holds register (SPEC §8): holds that name no ticket, or whose
times do not fit their ticket's. A hold's own order of times (hold_until before
hold_from) is `date.order`, and an unknown reason `value.enum`, as in any register."""

from sheetdesk.findings.registry import declare

declare(
    "hold.unknown_ticket",
    "error",
    "{field} {value} is not in the repair log ('{log_sheet}')",
    "{field} {value} 在维修记录表（'{log_sheet}'）中查不到",
    explain_en="A hold names a ticket that is not in the repair log (matched ignoring case, width and spaces); "
    "it pauses nothing.",
    explain_zh="暂停记录中的报修单号在维修记录中查不到（比较时不区分大小写、全半角和空格）；该暂停不起作用。",
)
declare(
    "hold.before_reported",
    "error",
    "{field} {value} is before the ticket's {reported_field} {reported} ('{log_sheet}' row {log_row}); "
    "only the time after it is counted",
    "{field} {value} 早于该报修单的{reported_field} {reported}（'{log_sheet}' 第 {log_row} 行）；只计算报修之后的时间",
    explain_en="A hold that starts before its ticket was reported: a date is probably mistyped.",
    explain_zh="暂停开始时间早于报修时间，可能日期填错。",
)
declare(
    "hold.overlap",
    "warning",
    "this hold overlaps the hold in row {other_row} on the same ticket; the time they share is counted once",
    "该暂停与第 {other_row} 行同一报修单的暂停时间重叠；重叠时间只计一次",
    explain_en="Two holds of one ticket overlap: one was entered twice, or one was not closed when the other began.",
    explain_zh="同一报修单的两次暂停时间重叠：可能重复登记，或前一次暂停未填结束时间。",
)
declare(
    "hold.after_resolved",
    "error",
    "{field} {value} is after the ticket was resolved ({resolved_field} {resolved}, '{log_sheet}' row {log_row}); "
    "the hold pauses nothing",
    "{field} {value} 晚于该报修单的{resolved_field} {resolved}（'{log_sheet}' 第 {log_row} 行）；该暂停不起作用",
    explain_en="A hold that starts after its ticket was resolved: a date or ticket is probably mistyped.",
    explain_zh="暂停开始时间晚于修复时间，可能日期或报修单号填错。",
)
declare(
    "hold.open_on_resolved",
    "error",
    "{field} is blank but the ticket was resolved ({resolved_field} {resolved}, '{log_sheet}' row {log_row}); "
    "the hold pauses nothing until you write when it ended",
    "{field}为空，但该报修单已修复（{resolved_field} {resolved}，'{log_sheet}' 第 {log_row} 行）；"
    "填写暂停结束时间之前，该暂停不起作用",
    explain_en="A hold still open on a resolved ticket: when it ended is not known, so it pauses nothing (counting "
    "it to the resolution could hide a breach) until its end is written.",
    explain_zh="已修复的报修单仍有未结束的暂停：结束时间不明，在填写之前该暂停不起作用（若按计到修复时间可能掩盖超时）。",
)
