"""Findings of the rules: warranty, fees, SLA calendars, callbacks."""

from sheetdesk.findings.registry import declare
from sheetdesk.i18n import Msg
from sheetdesk.schema.statuses import SLA_TARGETS

BEYOND_CALENDAR = declare(
    "date.beyond_calendar",
    "warning",
    "{what} would fall after 9999-12-31, the last date a workbook can hold; it is left blank",
    "{what}将晚于 9999-12-31（工作簿能容纳的最后日期），已留空",
    explain_en="A computed date (an SLA due time, a callback due date, a warranty end) lies beyond "
    "the calendar: a far-future date in the data, or an absurdly long target in the policy. Its status "
    "is still given (nothing can be late for it).",
    explain_zh="计算出的日期（服务时限、回访期限、保修截止）超出日历范围：数据中有极远的未来日期，"
    "或政策中的时限过长。其状态照常给出（不可能逾期）。",
)

# What `date.beyond_calendar` names, by the key the rules pass.
BEYOND_WHAT: dict[str, Msg] = {
    # "on-site": the target's label hyphenated, as an adjective
    **{t.key: Msg(f"The {t.en.lower().replace(' ', '-')} due time", f"{t.zh}期限") for t in SLA_TARGETS},
    "loaner": Msg("The time a loaner is due", "备用机提供期限"),
    "callback": Msg("The callback due date", "回访期限"),
    "warranty": Msg("The end of the warranty", "保修截止日期"),
}

declare(
    "repair.fee_not_billable",
    "error",
    "fee {fee} charged on a repair covered by warranty",
    "保修范围内的维修收取了费用 {fee}",
    explain_en="A fee above 0 on a repair that warranty covers (return, exchange or free, and no excluded cause); "
    "a negative fee is flagged as negative (range.negative) instead.",
    explain_zh="保修范围内（退货期、换货期或免费保修期，且非除外原因）的维修收取了费用；负数费用只报为负数（range.negative）。",
)
declare(
    "repair.fee_missing",
    "warning",
    "no fee charged on a billable repair (expected {expected})",
    "应收费的维修未收费（应收 {expected}）",
    explain_en="A billable repair (paid, expired or excluded) whose costs come to more than 0, with no fee or 0.",
    explain_zh="应收费的维修（有偿保修期、已过保或除外原因）费用合计大于 0，但未填实收费用或为 0。",
)
declare(
    "repair.before_sale",
    "warning",
    "reported {reported} before the sale date {sale_date}",
    "报修日期 {reported} 早于售出日期 {sale_date}",
    explain_en="A repair reported before its serial was sold: a date or serial is probably mistyped.",
    explain_zh="报修日期早于售出日期，可能日期或出厂编号填错。",
)
declare(
    "calendar.uncovered_year",
    "warning",
    "the bundled holiday table does not cover {year}; business-hour SLA dues in {year} ignore that year's "
    "public holidays",
    "内置节假日表不含 {year} 年；{year} 年按工作时间计算的服务时限未考虑当年的法定节假日",
    explain_en="Given once per year, on the first repair concerned, when country = CN and the year is not bundled.",
    explain_zh="国家设为 CN 而内置表不含该年份时，每年只在第一条相关报修上提示一次。",
)
