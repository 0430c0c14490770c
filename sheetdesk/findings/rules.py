"""Findings of the rules: warranty, fees, SLA calendars, callbacks."""

from sheetdesk.findings.registry import declare
from sheetdesk.i18n import Msg

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
BEYOND_WHAT = {
    "response": Msg("The response due time", "响应期限"),
    "plan": Msg("The plan due time", "方案期限"),
    "on_site": Msg("The on-site due time", "到场期限"),
    "resolve": Msg("The resolve due time", "修复期限"),
    "loaner": Msg("The time a loaner is due", "备用机提供期限"),
    "callback": Msg("The callback due date", "回访期限"),
    "warranty": Msg("The end of the warranty", "保修截止日期"),
}
