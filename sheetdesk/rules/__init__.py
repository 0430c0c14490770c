"""The pure rule layer of SPEC §3–§4: policy, calendars, warranty, SLA, callbacks, KPIs.

Nothing here reads or writes a workbook; every function takes plain values.
"""

from sheetdesk.rules.calendar import ServiceCalendar, cn_covered_years, cn_holidays, cn_uncovered_years
from sheetdesk.rules.callbacks import CallbackResult, callback_due, callback_result
from sheetdesk.rules.durations import Duration, format_duration, parse_duration
from sheetdesk.rules.evaluate import REPAIR_FIELDS, SALE_FIELDS, Evaluation, Located, evaluate
from sheetdesk.rules.kpis import compute_kpis
from sheetdesk.rules.policy import (
    DEFAULT_POLICY_ROWS,
    Policy,
    Settings,
    SlaRule,
    WarrantyRule,
    default_policy,
)
from sheetdesk.rules.policy_parse import RawPolicySheet, parse_policy, policy_sheet_key
from sheetdesk.rules.sla import SlaResult, TargetResult, evaluate_sla, sla_result
from sheetdesk.rules.warranty import (
    RepairFacts,
    RepairWarranty,
    Terms,
    add_months,
    assess_repairs,
    sale_warranty,
    warranty_status,
    warranty_terms,
)

__all__ = [
    "REPAIR_FIELDS",
    "SALE_FIELDS",
    "Evaluation",
    "Located",
    "evaluate",
    "sale_warranty",
    "DEFAULT_POLICY_ROWS",
    "CallbackResult",
    "Duration",
    "Policy",
    "RawPolicySheet",
    "RepairFacts",
    "RepairWarranty",
    "ServiceCalendar",
    "Settings",
    "SlaResult",
    "SlaRule",
    "TargetResult",
    "Terms",
    "WarrantyRule",
    "add_months",
    "assess_repairs",
    "callback_due",
    "callback_result",
    "cn_covered_years",
    "cn_holidays",
    "cn_uncovered_years",
    "compute_kpis",
    "default_policy",
    "evaluate_sla",
    "format_duration",
    "parse_duration",
    "parse_policy",
    "policy_sheet_key",
    "sla_result",
    "warranty_status",
    "warranty_terms",
]
