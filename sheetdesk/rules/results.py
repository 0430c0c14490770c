"""What `check` works out per sale and per repair, typed, and their JSON rows (SPEC §5).

`SaleResult` and `RepairResult` hold the rules' own results (warranty terms,
SLA targets, callback); `row()` flattens one into the SPEC's JSON item, in
the order of `SALE_FIELDS` / `REPAIR_FIELDS`. The computed columns of the
annotated workbook read the same rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sheetdesk.rules.callbacks import CallbackResult
from sheetdesk.rules.sla import SlaResult
from sheetdesk.rules.warranty import RepairWarranty, SaleWarranty
from sheetdesk.schema.statuses import SLA_TARGET_KEYS, WarrantyStatus

__all__ = ["REPAIR_FIELDS", "SALE_FIELDS", "RepairResult", "SaleResult"]

_TARGET_FIELDS = tuple((f"{k}_due", f"{k}_status", f"{k}_over_minutes", f"{k}_held_minutes") for k in SLA_TARGET_KEYS)

SALE_FIELDS: tuple[str, ...] = ("serial_no", "warranty_status", "start", "free_until", "paid_until", "next_visit_due")
REPAIR_FIELDS: tuple[str, ...] = (
    "ticket_no", "warranty_status", "billable", "expected_fee", "replacement_eligible", "loaner_required",
    "sla_rule", *(name for names in _TARGET_FIELDS for name in names),
    "callback_due", "callback_status",
)  # fmt: skip


@dataclass(slots=True)
class SaleResult:
    """One sale: its warranty as of the check's date (None when the sale date is missing)."""

    serial_no: Any
    warranty: SaleWarranty | None
    next_visit_due: dt.date | None = None  # the earliest planned visit still to make (None: no plan, or none)

    @property
    def warranty_status(self) -> WarrantyStatus | None:
        return self.warranty.status if self.warranty else None

    def row(self) -> dict[str, Any]:
        w = self.warranty
        if w is None:
            return {"serial_no": self.serial_no, "warranty_status": None, "start": None, "free_until": None,
                    "paid_until": None, "next_visit_due": self.next_visit_due}  # fmt: skip
        return {"serial_no": self.serial_no, "warranty_status": w.status, "start": w.start,
                "free_until": w.free_until, "paid_until": w.paid_until,
                "next_visit_due": self.next_visit_due}  # fmt: skip


@dataclass(slots=True)
class RepairResult:
    """One repair-log row: warranty, SLA targets and callback.

    All three are None for a row without reported_at (nothing can be
    measured from it), so its JSON fields are null.
    """

    ticket_no: Any
    warranty: RepairWarranty | None
    sla: SlaResult | None
    callback: CallbackResult | None

    @property
    def warranty_status(self) -> WarrantyStatus | None:
        return self.warranty.status if self.warranty else None

    @property
    def callback_due(self) -> dt.datetime | None:
        return self.callback.due if self.callback else None

    def row(self) -> dict[str, Any]:
        w, sla, call = self.warranty, self.sla, self.callback
        row: dict[str, Any] = {
            "ticket_no": self.ticket_no,
            "warranty_status": w.status if w else None,
            "billable": w.billable if w else None,
            "expected_fee": w.expected_fee if w else None,
            "replacement_eligible": w.replacement_eligible if w else None,
            "loaner_required": sla.loaner_required if sla else None,
            "sla_rule": sla.rule.row if sla and sla.rule else None,
        }
        if sla is None:
            for due, status, over, held in _TARGET_FIELDS:
                row[due] = row[status] = row[over] = row[held] = None
        else:
            for (due, status, over, held), key in zip(_TARGET_FIELDS, SLA_TARGET_KEYS, strict=True):
                t = sla.targets[key]
                row[due], row[status], row[over], row[held] = t.due, t.status, t.over_minutes, t.held_minutes
        row["callback_due"] = call.due if call else None
        row["callback_status"] = call.status if call else None
        return row
