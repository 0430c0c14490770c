"""The pure rule layer of SPEC §3–§4: the policy model, calendars, warranty, SLA, callbacks, KPIs.

Nothing here reads or writes a workbook, parses a cell or matches a key
itself: every function takes typed values (the policy sheets are read by
`sheetdesk.io.policy_source`, the registers linked by `sheetdesk.links`).
"""

from sheetdesk.rules.calendar import ServiceCalendar, cn_covered_years, cn_holidays, cn_uncovered_years
from sheetdesk.rules.callbacks import CallbackResult, callback_due, callback_result
from sheetdesk.rules.durations import Duration, format_duration, parse_duration
from sheetdesk.rules.evaluate import Evaluation, evaluate
from sheetdesk.rules.finding import Finding, Located
from sheetdesk.rules.kpis import RepairRecord, compute_kpis
from sheetdesk.rules.policy import Policy, Settings, SlaRule, WarrantyRule
from sheetdesk.rules.policy_build import PolicyRows, build_policy
from sheetdesk.rules.results import REPAIR_FIELDS, SALE_FIELDS, RepairResult, SaleResult
from sheetdesk.rules.sla import SlaResult, TargetResult, evaluate_sla, sla_result
from sheetdesk.rules.warranty import (
    RepairFacts,
    RepairWarranty,
    SaleWarranty,
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
    "CallbackResult",
    "Duration",
    "Evaluation",
    "Finding",
    "Located",
    "Policy",
    "PolicyRows",
    "RepairFacts",
    "RepairRecord",
    "RepairResult",
    "RepairWarranty",
    "SaleResult",
    "SaleWarranty",
    "ServiceCalendar",
    "Settings",
    "SlaResult",
    "SlaRule",
    "TargetResult",
    "Terms",
    "WarrantyRule",
    "add_months",
    "assess_repairs",
    "build_policy",
    "callback_due",
    "callback_result",
    "cn_covered_years",
    "cn_holidays",
    "cn_uncovered_years",
    "compute_kpis",
    "evaluate",
    "evaluate_sla",
    "format_duration",
    "parse_duration",
    "sale_warranty",
    "sla_result",
    "warranty_status",
    "warranty_terms",
]
