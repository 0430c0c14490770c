"""The policy sheets of SPEC §3, declared like the registers, and the built-in default policy as rows.

The policy reader (`sheetdesk.io.policy_source`) reads a clerk's policy
sheets and `DEFAULT_POLICY_ROWS` with these declarations, through the same
header detection and value parsers as the registers; `workbook_templates/
policy.xlsx` is written from the same rows.

Bounds: a number or duration outside its field's `min_value`..`max_value`
is a policy finding at its cell (the message gives the range). They are
generous for any real policy and keep every date the rules work out inside
the calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sheetdesk.i18n import Msg
from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Choice, Enum, Field, Register
from sheetdesk.schema.statuses import SLA_TARGETS

# The longest SLA target or loaner time a policy may set (a year).
MAX_SLA_DAYS = 365

WARRANTY = Register(
    key="warranty",
    en="Warranty",
    zh="质保政策",
    aliases=("保修政策",),
    description_en="Warranty windows per product category; row * is the default.",
    description_zh="按产品类别设置的保修期限；* 行为默认值。",
    fields=(
        Field("category", "category", "产品类别", required=True),
        Field("return_days", "return_days", "退货天数", "integer", min_value=0, max_value=3650),
        Field("exchange_days", "exchange_days", "换货天数", "integer", min_value=0, max_value=3650),
        Field("free_months", "free_months", "免费保修月数", "integer", min_value=0, max_value=1200),
        Field(
            "paid_months",
            "paid_months",
            "有偿保修月数",
            "integer",
            min_value=0,
            max_value=1200,
            hint_en="Blank = lifetime",
            hint_zh="空白即终身",
        ),
        Field("start_from", "start_from", "起算日", "enum", enum=E.START_FROM),
        Field("replace_after_repairs", "replace_after_repairs", "换机维修次数", "integer", min_value=0, max_value=100),
    ),
)

# An SLA row's level: `*` (any level) or one of the fault levels.
SLA_LEVEL = Enum("sla_level", (Choice("*", "*", "*", ("any", "all", "任意", "全部")), *E.FAULT_LEVEL.choices))

# The columns that make an SLA row apply to some repairs only (SPEC §8): the
# values of the repair's sale. `*` or blank matches anything.
SLA_CONDITIONS: tuple[Field, ...] = (
    Field("customer", "customer", "用户单位", aliases=("客户", "客户名称"), hint_en="* or blank = any",
          hint_zh="* 或空白即任意"),
    Field("contract_no", "contract_no", "合同编号", aliases=("contract", "合同号"), hint_en="* or blank = any",
          hint_zh="* 或空白即任意"),
    Field("category", "category", "产品类别", aliases=("product category", "类别"), hint_en="* or blank = any",
          hint_zh="* 或空白即任意"),
    Field("service_area", "service_area", "服务区域", aliases=("area", "区域"),
          hint_en="本市 / 外省 or a city; * or blank = any", hint_zh="本市 / 外省 或城市；* 或空白即任意"),
)  # fmt: skip
SLA_CONDITION_KEYS: tuple[str, ...] = tuple(f.key for f in SLA_CONDITIONS)

SLA = Register(
    key="sla",
    en="SLA",
    zh="服务时限",
    aliases=("Service Levels",),
    description_en="Targets per request type and fault level (* matches any level), optionally per customer, "
    "contract, product category or service area; the most specific matching row wins.",
    description_zh="按服务类别和故障级别设置的时限（* 匹配任意级别），可再按用户单位、合同、产品类别或服务区域细分；"
    "匹配条件最多的行优先。",
    fields=(
        Field("request_type", "request_type", "服务类别", "enum", required=True, enum=E.REQUEST_TYPE),
        Field("fault_level", "fault_level", "故障级别", required=True, read_as=SLA_LEVEL),
        *(Field(t.key, t.key, f"{t.zh}时限", "duration", max_value=MAX_SLA_DAYS) for t in SLA_TARGETS),
        Field(
            "calendar",
            "calendar",
            "日历",
            hint_en="24x7, business, or a calendar named in the Calendar sheet; blank = business",
            hint_zh="全天、工作时间，或在工作时间表中命名的日历；空白即默认的工作时间日历",
        ),
        Field("loaner_after", "loaner_after", "备用机时限", "duration", max_value=MAX_SLA_DAYS),
        *SLA_CONDITIONS,
    ),
)

# A Pauses row's reason: `*` (any reason) or one of the hold reasons.
PAUSE_REASON = Enum(
    "pause_reason", (Choice("*", "*", "*", ("any", "all", "任意", "全部", "所有")), *E.HOLD_REASON.choices)
)

PAUSES = Register(
    key="pauses",
    en="Pauses",
    zh="暂停规则",
    aliases=("Pause Rules", "Holds Policy", "暂停政策"),
    description_en="Which SLA targets a hold pauses, per hold reason; row * is the default (a blank takes its "
    "value). Built in: every reason pauses resolve only.",
    description_zh="按暂停原因设置暂停哪些服务时限；* 行为默认值（空白取 * 行的值）。内置：任何原因只暂停修复时限。",
    fields=(
        Field("reason", "reason", "暂停原因", "enum", required=True, enum=PAUSE_REASON, aliases=("原因",)),
        *(
            Field(t.key, t.key, f"{t.zh}时限", "yesno", enum=E.YES_NO, aliases=(t.zh, f"暂停{t.zh}"))
            for t in SLA_TARGETS
        ),
    ),
)

# A Calendar or Holidays row's calendar: blank is `business`.
CALENDAR_NAME = Field(
    "calendar",
    "calendar",
    "日历",
    aliases=("calendar name", "日历名称"),
    hint_en="Blank = business; SLA rows name the calendar they run on",
    hint_zh="空白即默认的工作时间日历；服务时限行按名称选用日历",
)

CALENDAR = Register(
    key="calendar",
    en="Calendar",
    zh="工作时间",
    aliases=("Business Hours",),
    description_en="Working windows per weekday; a weekday without rows is not a working day.",
    description_zh="每个工作日的工作时段；没有时段的星期不上班。",
    fields=(
        Field("weekday", "weekday", "星期", "weekday", required=True),
        Field("start", "start", "开始", "time", required=True),
        Field("end", "end", "结束", "time", required=True),
        CALENDAR_NAME,
    ),
)

HOLIDAYS = Register(
    key="holidays",
    en="Holidays",
    zh="节假日",
    description_en="Holidays (no work) and make-up workdays (weekend days worked in exchange for a holiday).",
    description_zh="节假日（不上班）和调休上班日。",
    fields=(
        Field("date", "date", "日期", "date", required=True),
        Field("kind", "kind", "类型", "enum", required=True, enum=E.HOLIDAY_KIND),
        Field("name", "name", "名称"),
        Field(
            "calendar",
            "calendar",
            "日历",
            aliases=("calendar name", "日历名称"),
            hint_en="Blank = business; * = every calendar",
            hint_zh="空白即默认的工作时间日历；* 即所有日历",
        ),
    ),
)

COUNTRY = Enum("country", (Choice("CN", "CN", "中国", ("China", "CHN", "PRC")),))

# The value of each setting, read as its own type (the Settings sheet's `value` column holds them all).
SETTING_VALUES: tuple[Field, ...] = (
    Field(
        "callback_days", "callback_days", "回访天数", "integer", min_value=0, max_value=365,
        aliases=("回访期限", "回访时限"),
    ),
    Field("callback_rate_target", "callback_rate_target", "回访率目标", "percent", aliases=("回访率",)),
    Field(
        "satisfaction_target", "satisfaction_target", "满意度目标", "percent", aliases=("满意率目标", "满意度")
    ),
    Field("country", "country", "国家", "enum", enum=COUNTRY, aliases=("国家地区", "节假日国家")),
)  # fmt: skip
SETTING_BY_KEY = {f.key: f for f in SETTING_VALUES}
SETTING = Enum("setting", tuple(Choice(f.key, f.en, f.zh, f.aliases) for f in SETTING_VALUES))

SETTINGS = Register(
    key="settings",
    en="Settings",
    zh="设置",
    description_en="callback_days, callback_rate_target, satisfaction_target, country.",
    description_zh="回访天数、回访率目标、满意度目标、国家（节假日）。",
    fields=(
        Field("setting", "setting", "设置项", required=True, read_as=SETTING),
        Field("value", "value", "值", "any"),
    ),
)

MAINTENANCE = Register(
    key="maintenance",
    en="Maintenance",
    zh="维护计划",
    aliases=("Maintenance Plan", "Service Plan", "巡检计划", "保养计划"),
    description_en="Planned visits per product category and kind; * is the default. Empty = no plan.",
    description_zh="按产品类别和巡检类型设置的计划巡检；* 为默认。为空即无计划。",
    fields=(
        Field("category", "category", "产品类别", required=True, hint_en="* = every category",
              hint_zh="* 即所有类别"),
        Field("kind", "kind", "巡检类型", "enum", required=True, enum=E.VISIT_KIND),
        Field("every", "every", "周期", "interval", required=True, hint_en="1m, 3m, 6m, 1y or days",
              hint_zh="1m、3m、6m、1y 或天数"),
        Field("first_within", "first_within", "首次期限", "interval",
              hint_en="After the warranty start; blank = one period", hint_zh="自保修起始日起；空白即一个周期"),
        Field("during", "during", "适用期间", "enum", enum=E.PLAN_DURING, hint_en="Blank = warranty",
              hint_zh="空白即保修期内"),
        Field("grace_days", "grace_days", "宽限天数", "integer", min_value=0, max_value=365,
              hint_en="Days after the due date a visit is still on time", hint_zh="到期后仍算按时的天数"),
    ),
)  # fmt: skip

POLICY_SHEETS: tuple[Register, ...] = (WARRANTY, SLA, PAUSES, CALENDAR, HOLIDAYS, SETTINGS, MAINTENANCE)
POLICY_BY_KEY = {r.key: r for r in POLICY_SHEETS}

_T = dt.time

# The built-in policy (SPEC §3), as a policy workbook holds it: a header row of
# field keys, then the rows. It is read like a clerk's policy workbook.
DEFAULT_POLICY_ROWS: dict[str, list[list[Any]]] = {
    "warranty": [
        [f.key for f in WARRANTY.fields],
        ["*", 7, 15, 12, None, "acceptance", 2],
    ],
    "sla": [
        [f.key for f in SLA.fields],
        ["repair", "I", "1h", "1.5h", None, "4h", "24x7", "4h"],
        ["repair", "II", "2h", "3h", "2h", "8h", "24x7", "48h"],
        ["repair", "III", "4h", None, "1d", "3d", "business", None],
        ["repair", "IV", "1d", None, None, "7d", "business", None],
        ["complaint", "*", "12h", None, None, "2d", "business", None],
        ["consultation", "*", "1d", None, None, None, "business", None],
    ],
    "pauses": [
        [f.key for f in PAUSES.fields],
        ["*", "no", "no", "no", "yes"],
    ],
    "calendar": [
        [f.key for f in CALENDAR.fields],
        *[[day, _T(9, 0), _T(17, 0)] for day in ("Mon", "Tue", "Wed", "Thu", "Fri")],
    ],
    "holidays": [
        [f.key for f in HOLIDAYS.fields],
    ],
    "settings": [
        [f.key for f in SETTINGS.fields],
        ["callback_days", 3],
        ["callback_rate_target", "100%"],
        ["satisfaction_target", "98%"],
        ["country", "CN"],
    ],
    # No plan by default: no visits are scheduled and nothing is reported about them.
    "maintenance": [
        [f.key for f in MAINTENANCE.fields],
    ],
}

# A plan taken from the service plans sheetdesk serves: 保修期内每年至少回访二次，第一次在交工后
# 半年内; 每月硬件检查与维护、每季度软件升级、每半年数据备份 (for equipment such as medical
# devices); 定期电话询访. The policy template shows it beside the empty Maintenance sheet, as an
# example a clerk copies from: it is not in force. A category is given in both languages.
EXAMPLE_MAINTENANCE_ROWS: list[list[Any]] = [
    [Msg("*", "*"), "return_visit", "6m", "6m", "warranty", 15],
    [Msg("*", "*"), "phone_visit", "3m", "1m", "lifetime", 7],
    [Msg("Medical Equipment", "医疗设备"), "inspection", "1m", "1m", "warranty", 5],
    [Msg("Medical Equipment", "医疗设备"), "upgrade", "3m", "3m", "paid", 10],
    [Msg("Medical Equipment", "医疗设备"), "maintenance", "6m", "6m", "paid", 10],
]
