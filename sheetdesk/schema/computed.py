"""The columns `check` appends to the registers, and its status labels.

Declared once, like the registers: the annotated workbook, the JSON and the
docs read these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sheetdesk.schema.fields import FieldType
from sheetdesk.schema.statuses import SLA_TARGETS


@dataclass(frozen=True)
class ComputedField:
    key: str
    en: str
    zh: str
    type: FieldType = "text"
    status: bool = False  # coloured by status (met green, breached red...)
    width: int = 14
    duration: bool = False  # minutes, shown in words (56天11小时30分); the JSON keeps minutes
    labels: Mapping[str, tuple[str, str]] | None = None  # a status column's own labels (else STATUS_LABELS)
    # Shown only when it can say something: "holds" (the workbook has a Holds
    # register and the policy pauses this target), "sla_conditions" (an SLA row
    # has a customer, contract, category or area condition). The JSON always has it.
    only_with: str = ""

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


# Status values as a clerk reads them.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    # warranty
    "return": ("Return window", "退货期"),
    "exchange": ("Exchange window", "换货期"),
    "free": ("Free warranty", "免费保修"),
    "paid": ("Paid repair", "有偿维修期"),
    "expired": ("Expired", "已过保"),
    "excluded": ("Excluded (billable)", "保外(收费)"),
    "unknown": ("Unknown serial", "编号未登记"),
    # SLA targets
    "met": ("Met", "达标"),
    "breached": ("Breached", "超时"),
    "overdue": ("Overdue", "已逾期"),
    "pending": ("Pending", "进行中"),
    "paused": ("Paused (on hold)", "暂停中"),
    "n/a": ("n/a", "不适用"),
    # callbacks
    "done": ("Done", "已回访"),
    "late": ("Late", "逾期回访"),
    "missing": ("Missing", "未回访"),
    # planned visits (their done/late/missing read as VISIT_STATUS_LABELS say)
    "due": ("Due", "待完成"),
    "not_counted": ("Not counted (absent)", "不计（客户不在）"),
}


# A planned visit's status, and what became of a recorded visit, as a clerk reads
# them (done/late/missing here are about visits, not callbacks).
VISIT_STATUS_LABELS: dict[str, tuple[str, str]] = {
    "done": ("Done", "按时完成"),
    "late": ("Late", "逾期完成"),
    "missing": ("Missing", "未完成"),
    "due": ("Due", "待完成"),
    "upcoming": ("Upcoming", "未开始"),
    "extra": ("Extra", "计划外"),
    "unplanned": ("No plan", "无计划"),
    "not_counted": ("Not counted (absent)", "不计（客户不在）"),
}


# A blank paid_months is a lifetime paid warranty: the Paid Until cell says so.
LIFETIME = ("Lifetime", "终身")


def status_label(value: object, lang: str, labels: Mapping[str, tuple[str, str]] | None = None) -> object:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("Yes" if value else "No")
    table = STATUS_LABELS if labels is None else labels
    if isinstance(value, str) and value in table:
        en, zh = table[value]
        return zh if lang == "zh" else en
    return value


TARGET_LABELS: dict[str, tuple[str, str]] = {t.key: (t.en, t.zh) for t in SLA_TARGETS}


def _target_fields() -> tuple[ComputedField, ...]:
    fields: list[ComputedField] = []
    for key, (en, zh) in TARGET_LABELS.items():
        fields += [
            ComputedField(f"{key}_due", f"{en} Due", f"{zh}时限", "datetime", width=17),
            ComputedField(f"{key}_status", f"{en} Status", f"{zh}状态", status=True),
            ComputedField(f"{key}_over_minutes", f"{en} Over", f"{zh}超时", "text", width=14, duration=True),
            ComputedField(
                f"{key}_held_minutes", f"{en} Held", f"{zh}暂停", "text", width=14, duration=True, only_with="holds"
            ),
        ]
    return tuple(fields)


SALES_COMPUTED: tuple[ComputedField, ...] = (
    ComputedField("warranty_status", "Warranty Status", "保修状态", status=True, width=16),
    ComputedField("start", "Warranty Start", "保修起始日", "date"),
    ComputedField("free_until", "Free Until", "免费保修至", "date"),
    ComputedField("paid_until", "Paid Until", "有偿保修至", "date"),
)

REPAIRS_COMPUTED: tuple[ComputedField, ...] = (
    ComputedField("warranty_status", "Warranty Status", "保修状态", status=True, width=16),
    ComputedField("billable", "Billable", "应收费"),
    ComputedField("expected_fee", "Expected Fee", "应收金额", "number"),
    ComputedField("replacement_eligible", "Replacement Eligible", "可换机"),
    ComputedField("loaner_required", "Loaner Required", "需备用机"),
    ComputedField("sla_rule", "SLA Rule (row)", "适用时限规则（行）", "integer", only_with="sla_conditions"),
    *_target_fields(),
    ComputedField("callback_due", "Callback Due", "回访期限", "datetime", width=17),
    ComputedField("callback_status", "Callback Status", "回访状态", status=True),
)

CALLBACKS_COMPUTED: tuple[ComputedField, ...] = (
    ComputedField("callback_due", "Callback Due", "回访期限", "datetime", width=17),
    ComputedField("callback_status", "Callback Status", "回访状态", status=True),
)

# A hold's working time on its ticket's SLA calendar, from reported to resolved (or as-of).
HOLDS_COMPUTED: tuple[ComputedField, ...] = (
    ComputedField("held_minutes", "Time Held", "暂停时长", "text", width=14, duration=True),
)

# Shown on the Sales sheet only when the policy has a maintenance plan.
NEXT_VISIT_DUE = ComputedField("next_visit_due", "Next Visit Due", "下次巡检到期", "date", width=14)

VISITS_COMPUTED: tuple[ComputedField, ...] = (
    ComputedField("visit_status", "Plan Status", "计划状态", status=True, width=16, labels=VISIT_STATUS_LABELS),
    ComputedField("planned_due", "Planned Due", "计划到期日", "date"),
)

COMPUTED_BY_REGISTER = {
    "sales": SALES_COMPUTED,
    "repairs": REPAIRS_COMPUTED,
    "callbacks": CALLBACKS_COMPUTED,
    "holds": HOLDS_COMPUTED,
    "visits": VISITS_COMPUTED,
}
