"""The policy sheets of SPEC §3, declared like the registers."""

from __future__ import annotations

from sheetdesk.schema import enums as E
from sheetdesk.schema.fields import Field, Register

WARRANTY = Register(
    key="warranty",
    en="Warranty",
    zh="质保政策",
    aliases=("保修政策",),
    description_en="Warranty windows per product category; row * is the default.",
    description_zh="按产品类别设置的保修期限；* 行为默认值。",
    fields=(
        Field("category", "category", "产品类别", required=True),
        Field("return_days", "return_days", "退货天数", "integer", min_value=0),
        Field("exchange_days", "exchange_days", "换货天数", "integer", min_value=0),
        Field("free_months", "free_months", "免费保修月数", "integer", min_value=0),
        Field(
            "paid_months",
            "paid_months",
            "有偿保修月数",
            "integer",
            min_value=0,
            hint_en="Blank = lifetime",
            hint_zh="空白即终身",
        ),
        Field("start_from", "start_from", "起算日", "enum", enum=E.START_FROM),
        Field("replace_after_repairs", "replace_after_repairs", "换机维修次数", "integer", min_value=0),
    ),
)

SLA = Register(
    key="sla",
    en="SLA",
    zh="服务时限",
    aliases=("Service Levels",),
    description_en="Targets per request type and fault level; * matches any level.",
    description_zh="按服务类别和故障级别设置的时限；* 匹配任意级别。",
    fields=(
        Field("request_type", "request_type", "服务类别", "enum", required=True, enum=E.REQUEST_TYPE),
        Field("fault_level", "fault_level", "故障级别", required=True),
        Field("response", "response", "响应时限", "duration"),
        Field("plan", "plan", "方案时限", "duration"),
        Field("on_site", "on_site", "到场时限", "duration"),
        Field("resolve", "resolve", "修复时限", "duration"),
        Field("calendar", "calendar", "日历", "enum", enum=E.CALENDAR_KIND),
        Field("loaner_after", "loaner_after", "备用机时限", "duration"),
    ),
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
    ),
)

HOLIDAYS = Register(
    key="holidays",
    en="Holidays",
    zh="节假日",
    description_en="Holidays (no work) and make-up workdays (调休).",
    description_zh="节假日（不上班）和调休上班日。",
    fields=(
        Field("date", "date", "日期", "date", required=True),
        Field("kind", "kind", "类型", "enum", required=True, enum=E.HOLIDAY_KIND),
        Field("name", "name", "名称"),
    ),
)

SETTINGS = Register(
    key="settings",
    en="Settings",
    zh="设置",
    description_en="callback_days, callback_rate_target, satisfaction_target, country.",
    description_zh="回访天数、回访率目标、满意度目标、国家（节假日）。",
    fields=(
        Field("setting", "setting", "设置项", required=True),
        Field("value", "value", "值", "any"),
    ),
)

POLICY_SHEETS: tuple[Register, ...] = (WARRANTY, SLA, CALENDAR, HOLIDAYS, SETTINGS)
POLICY_BY_KEY = {r.key: r for r in POLICY_SHEETS}
