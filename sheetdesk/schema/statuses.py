"""The names the rules give their results, declared once: the SLA targets,
warranty statuses, target statuses and callback statuses.

The rules, the JSON, the computed columns, the Summary and the docs import
these; none spells them out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from sheetdesk.i18n import Msg

__all__ = [
    "BILLABLE",
    "CALLBACK_STATUSES",
    "IN_WARRANTY",
    "SLA_TARGETS",
    "SLA_TARGET_KEYS",
    "TARGET_STATUSES",
    "WARRANTY_STATUSES",
    "CallbackStatus",
    "SlaTarget",
    "SlaTargetKey",
    "VISIT_ROW_STATUSES",
    "VISIT_STATUSES",
    "TargetStatus",
    "VisitRowStatus",
    "VisitStatus",
    "WarrantyStatus",
]

SlaTargetKey = Literal["response", "plan", "on_site", "resolve"]


@dataclass(frozen=True)
class SlaTarget:
    """One SLA target: its key, the repair-log column that stops its clock, its labels."""

    key: SlaTargetKey
    event: str
    en: str
    zh: str

    @property
    def title(self) -> Msg:
        return Msg(self.en, self.zh)


SLA_TARGETS: tuple[SlaTarget, ...] = (
    SlaTarget("response", "responded_at", "Response", "响应"),
    SlaTarget("plan", "plan_at", "Plan", "方案"),
    SlaTarget("on_site", "on_site_at", "On site", "到场"),
    SlaTarget("resolve", "resolved_at", "Resolve", "修复"),
)
SLA_TARGET_KEYS: tuple[SlaTargetKey, ...] = get_args(SlaTargetKey)
assert SLA_TARGET_KEYS == tuple(t.key for t in SLA_TARGETS)

WarrantyStatus = Literal["return", "exchange", "free", "paid", "expired", "excluded", "unknown"]
WARRANTY_STATUSES: tuple[WarrantyStatus, ...] = get_args(WarrantyStatus)
# Inside the free period by dates alone; a repair in it is not billed (unless excluded).
IN_WARRANTY: frozenset[WarrantyStatus] = frozenset({"return", "exchange", "free"})
BILLABLE: frozenset[WarrantyStatus] = frozenset({"paid", "expired", "excluded"})

# `paused`: no event yet, on hold at as-of, and not overdue with the held time counted.
TargetStatus = Literal["met", "breached", "overdue", "pending", "paused", "n/a"]
TARGET_STATUSES: tuple[TargetStatus, ...] = get_args(TargetStatus)

CallbackStatus = Literal["done", "late", "missing", "pending", "n/a"]
CALLBACK_STATUSES: tuple[CallbackStatus, ...] = get_args(CallbackStatus)

# A planned visit (one occurrence of a maintenance plan), and what became of a
# recorded visit: it fulfilled an occurrence (done or late), it fell where no
# occurrence was open (extra), no plan covers its unit and kind (unplanned), or
# the customer was absent (not_counted).
VisitStatus = Literal["done", "late", "missing", "due", "upcoming"]
VISIT_STATUSES: tuple[VisitStatus, ...] = get_args(VisitStatus)
VisitRowStatus = Literal["done", "late", "extra", "unplanned", "not_counted"]
VISIT_ROW_STATUSES: tuple[VisitRowStatus, ...] = get_args(VisitRowStatus)
