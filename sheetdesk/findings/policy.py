"""Findings about the policy sheets (SPEC §3): cells that cannot be read, rows given
twice, windows that do not fit. Any error means nothing is computed from the policy."""

from sheetdesk.findings.registry import declare

# A cell of a policy sheet that cannot be read as its type, or is out of bounds;
# `problem` says why (and, for a number, the range it must fall in).
for _code, _en, _zh in (
    ("policy.bad_number", "A whole number that cannot be read, or is out of its range.", "整数无法读取或超出范围。"),
    (
        "policy.bad_value",
        "A choice that is not one of the column's (start_from, request type, fault level, hold reason, yes/no, "
        "holiday kind, country, visit kind, plan period), or a setting's value that cannot be read.",
        "不是该列可选值之一（起算日、服务类别、故障级别、暂停原因、是/否、节假日类型、国家、巡检类型、适用期间），"
        "或设置项的值无法读取。",
    ),
    (
        "policy.bad_duration",
        "A duration that cannot be read (write 30min, 4h, 1.5h, 2d), or is longer than a year.",
        "时长无法读取（应写作 30min、4h、1.5h、2d），或超过一年。",
    ),
    (
        "policy.bad_interval",
        "A maintenance interval that cannot be read (write 1m, 3m, 6m, 1y or a number of days), or is longer "
        "than 100 years.",
        "维护周期无法读取（应写作 1m、3m、6m、1y 或天数），或超过 100 年。",
    ),
    (
        "policy.bad_calendar",
        "A calendar name that no Calendar row defines (24x7 is built in; rows without a name are business), "
        "or a Calendar row naming 24x7.",
        "日历名称在工作时间表中没有定义（全天日历为内置；未填名称的行属于默认的工作时间日历），或工作时间表中的行使用了全天日历的名称。",
    ),
    ("policy.bad_weekday", "A weekday that cannot be read (Mon…Sun, 周一…周日, 1…7, Mon-Fri).", "无法读取的星期。"),
    (
        "policy.bad_time",
        "A time of day that cannot be read, or a window starting at 24:00.",
        "无法读取的时间，或时段从 24:00 开始。",
    ),
    (
        "policy.bad_date",
        "A holiday date that cannot be read (every form the registers take is accepted).",
        "无法读取的节假日日期。",
    ),
    (
        "policy.bad_percent",
        "A percentage that cannot be read or is outside 0%–100%.",
        "无法读取或不在 0%–100% 之间的百分比。",
    ),
    (
        "policy.unknown_setting",
        "A setting other than callback_days, callback_rate_target, satisfaction_target, country.",
        "未知的设置项。",
    ),
):
    declare(_code, "error", "{field}: {problem}", "{field}：{problem}", explain_en=_en, explain_zh=_zh)

declare(
    "policy.no_header",
    "error",
    "{sheet}: no header row with {labels}",
    "{sheet}：找不到含有 {labels} 的表头行",
    explain_en="A policy sheet without a header row naming its required columns (English or Chinese labels).",
    explain_zh="政策表中没有列出必填列（中文或英文列名）的表头行。",
)
declare(
    "policy.missing_value",
    "error",
    "{field} is blank{note}",
    "{field}为空{note}",
    explain_en="A required cell of a policy row is blank.",
    explain_zh="政策表某行的必填单元格为空。",
)
declare(
    "policy.duplicate_row",
    "error",
    "{what} is given twice (first in row {first_row})",
    "{what}重复（首次出现在第 {first_row} 行）",
    explain_en="A category, SLA row (same type, level and conditions), pause reason, holiday date (of one "
    "calendar) or setting appears a second time.",
    explain_zh="同一产品类别、服务时限行（类别、级别和条件都相同）、暂停原因、节假日日期（同一日历）或设置项出现了两次。",
)
declare(
    "policy.duplicate_default",
    "error",
    "{what} is given twice (first in row {first_row})",
    "{what}重复（首次出现在第 {first_row} 行）",
    explain_en="Two default (*) rows in the Warranty or Pauses sheet, or two * levels without conditions for one "
    "request type.",
    explain_zh="质保政策或暂停规则中有两个默认（*）行，或同一服务类别有两个不带条件的 * 级别。",
)
declare(
    "policy.bad_window",
    "error",
    "end equals start: the window is empty (write 00:00-24:00 for a whole day)",
    "结束时间等于开始时间，时段为空（全天请写 00:00-24:00）",
    explain_en="A working window that ends when it starts.",
    explain_zh="工作时段的结束时间等于开始时间。",
)
declare(
    "policy.overlapping_windows",
    "error",
    "this window overlaps the window in row {other_row}",
    "该时段与第 {other_row} 行的时段重叠",
    explain_en="Two working windows of one day overlap (a night window may not run into the next day's first).",
    explain_zh="同一天的两个工作时段重叠（夜班时段不能延伸到次日第一个时段中）。",
)
declare(
    "policy.no_windows",
    "error",
    "{sheet}: no working windows (a business calendar needs at least one row)",
    "{sheet}：没有任何工作时段（工作日历至少需要一行）",
    explain_en="A Calendar sheet with a header and no rows.",
    explain_zh="工作时间表只有表头，没有任何时段。",
)
declare(
    "policy.long_night_window",
    "warning",
    "{start}-{end} crosses midnight and lasts {hours}h; swap start and end if a day window was meant",
    "{start}-{end} 跨过午夜，长 {hours} 小时；如本意是白天时段，请交换开始和结束时间",
    explain_en="A window crossing midnight that lasts over 12 hours: start and end may be swapped.",
    explain_zh="跨午夜且超过 12 小时的时段：开始和结束时间可能填反了。",
)
declare(
    "policy.unknown_sheet",
    "error",
    "unknown policy sheet key {key}",
    "未知的政策表 {key}",
    explain_en="A caller passed a policy sheet key that is not a declared policy sheet.",
    explain_zh="调用方传入的政策表不是已定义的政策表之一。",
)
declare(
    "policy.no_sheets",
    "warning",
    "{file} has no policy sheet ({sheets}); the built-in policy is used",
    "{file} 中没有政策表（{sheets}）；使用内置政策",
    explain_en="A --policy workbook without any policy sheet.",
    explain_zh="--policy 指定的工作簿中没有任何政策表。",
)
declare(
    "policy.ambiguous_sla",
    "warning",
    "this SLA row and row {row} are as specific as each other and both apply to ticket {ticket}; row {row} is used",
    "此服务时限行与第 {row} 行同样具体，且都适用于报修单 {ticket}；采用第 {row} 行",
    explain_en="Two SLA rows with as many conditions (and both naming the level, or both *) match one repair: the "
    "first is used; add a condition to the one meant, or merge them. Told once per pair of rows.",
    explain_zh="两条条件数相同（且都指定级别或都为 *）的服务时限行适用于同一报修：采用前一行；"
    "请给应适用的那行加条件，或合并两行。每对行只提示一次。",
)
