"""All rules over whole registers given as plain records (SPEC §4, §5 JSON).

Input: the typed records of each register (`Table.records()`: dicts keyed by
field key, enum values as keys, dates as `date`, datetimes as `datetime`).
Output: per-sale and per-repair dicts with the SPEC §5 JSON fields, the KPI
document, and findings addressed by (register key, record index) so the
caller can place them at the cell with `Table.where(i, finding.column)`.
Still pure: no workbook, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sheetdesk.rules.callbacks import callback_result
from sheetdesk.rules.kpis import compute_kpis
from sheetdesk.rules.policy import Policy
from sheetdesk.rules.sla import evaluate_sla
from sheetdesk.rules.warranty import Finding, RepairFacts, RepairWarranty, assess_repairs, sale_warranty

__all__ = ["REPAIR_FIELDS", "SALE_FIELDS", "Evaluation", "Located", "evaluate"]

Record = Mapping[str, Any]
_EVENTS = ("responded_at", "plan_at", "on_site_at", "resolved_at")

# The per-repair fields of SPEC §5 JSON, in that order.
REPAIR_FIELDS: tuple[str, ...] = (
    "ticket_no", "warranty_status", "billable", "expected_fee", "replacement_eligible", "loaner_required",
    *(f"{t}_{part}" for t in ("response", "plan", "on_site", "resolve") for part in ("due", "status", "over_minutes")),
    "callback_due", "callback_status",
)  # fmt: skip
SALE_FIELDS: tuple[str, ...] = ("serial_no", "warranty_status", "start", "free_until", "paid_until")


@dataclass(frozen=True)
class Located:
    """A finding on one record: `register` is sales/repairs/callbacks, `index` the record's position."""

    register: str
    index: int
    finding: Finding


@dataclass
class Evaluation:
    sales: list[dict[str, Any]]
    repairs: list[dict[str, Any]]
    kpis: dict[str, Any]
    findings: list[Located] = field(default_factory=list)
    # Per repair: the calendar its SLA targets run on ("24x7", "business"; None
    # when none applies). Not in the JSON; it tells how over-time reads.
    sla_calendars: list[str | None] = field(default_factory=list)


def _key(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def evaluate(
    sales: Sequence[Record],
    repairs: Sequence[Record],
    callbacks: Sequence[Record],
    policy: Policy,
    as_of: dt.datetime,
) -> Evaluation:
    """Warranty per sale (as of `as_of`) and per repair, SLA, callbacks and KPIs.

    A serial listed twice in the register uses its first row (validation
    reports the duplicate). A repair without reported_at gets nulls.
    """
    out = Evaluation([], [None] * len(repairs), {})  # type: ignore[list-item]
    out.sla_calendars = [None] * len(repairs)
    by_serial: dict[str, int] = {}
    for i, sale in enumerate(sales):
        serial = _key(sale.get("serial_no"))
        if serial is not None:
            by_serial.setdefault(serial, i)
        out.sales.append(_sale_row(sale, policy, as_of, out.findings, i))

    calls: dict[str, list[tuple[dt.datetime, str | None]]] = defaultdict(list)
    for cb in callbacks:
        ticket, at = _key(cb.get("ticket_no")), cb.get("callback_at")
        if ticket is not None and isinstance(at, dt.datetime):
            calls[ticket].append((at, cb.get("satisfaction")))

    groups: dict[str | None, list[int]] = defaultdict(list)
    for i, rep in enumerate(repairs):
        groups[_key(rep.get("serial_no"))].append(i)

    records: list[dict[str, Any]] = []
    uncovered: dict[int, int] = {}
    for serial, indexes in groups.items():
        sold = sales[by_serial[serial]] if serial in by_serial else None
        rule = policy.warranty_for(sold.get("category") if sold else None)
        dated = [i for i in indexes if isinstance(repairs[i].get("reported_at"), dt.datetime)]
        facts = [_facts(repairs[i]) for i in dated]
        sale_date = sold.get("sale_date") if sold else None
        results = assess_repairs(facts, sale_date, sold.get("acceptance_date") if sold else None, rule)
        warranty = dict(zip(dated, results, strict=True))
        for i in dated:
            if repairs[i].get("request_type") in UNBILLED_REQUEST_TYPES:
                warranty[i] = _unbilled(warranty[i])
        for i in indexes:
            rep = repairs[i]
            w = warranty.get(i)
            row: dict[str, Any] = {  # built in REPAIR_FIELDS order
                "ticket_no": rep.get("ticket_no"),
                "warranty_status": w.status if w else None,
                "billable": w.billable if w else None,
                "expected_fee": w.expected_fee if w else None,
                "replacement_eligible": w.replacement_eligible if w else None,
                "loaner_required": None,  # its place; the SLA row below sets it
            }
            if w and w.findings:
                out.findings.extend(Located("repairs", i, f) for f in w.findings)
            row.update(_sla_row(rep, policy, as_of, uncovered, i, out.findings, out.sla_calendars))
            call = callback_result(
                rep.get("resolved_at"), calls.get(_key(rep.get("ticket_no")) or "", []),
                policy.settings.callback_days, as_of,
            )  # fmt: skip
            out.findings.extend(Located("repairs", i, f) for f in call.findings)
            row["callback_due"] = call.due
            row["callback_status"] = call.status
            out.repairs[i] = row
            records.append(
                row | {
                    "serial_no": serial,
                    "model": sold.get("model") if sold else None,
                    "branch": rep.get("branch") or (sold.get("branch") if sold else None),
                    "technician": rep.get("technician"),
                    "request_type": rep.get("request_type"),
                    "fault_level": rep.get("fault_level"),
                    "fault_category": rep.get("fault_category"),
                    "fee_charged": _num(rep.get("fee_charged")),
                    "resolved_at": rep.get("resolved_at"),
                    "satisfaction": call.satisfaction,
                }
            )  # fmt: skip
    for year, first in sorted(uncovered.items()):
        message = (
            f"the bundled holiday table does not cover {year}; business-hour SLA dues in {year} "
            "ignore that year's public holidays"
        )
        out.findings.append(
            Located("repairs", first, Finding("warning", "calendar.uncovered_year", "reported_at", message))
        )
    out.findings.sort(key=lambda f: (f.register, f.index))
    out.kpis = compute_kpis(records, policy.settings)
    return out


# Complaints and consultations are not billed: their warranty status is shown,
# but they are never billable and their fees are not judged (docs/rules.md).
UNBILLED_REQUEST_TYPES = frozenset({"complaint", "consultation"})
_FEE_CODES = frozenset({"repair.fee_missing", "repair.fee_not_billable"})


def _unbilled(w: RepairWarranty) -> RepairWarranty:
    kept = tuple(f for f in w.findings if f.code not in _FEE_CODES)
    return replace(w, billable=False, expected_fee=0.0, findings=kept)


def _sale_row(sale: Record, policy: Policy, as_of: dt.datetime, findings: list[Located], i: int) -> dict[str, Any]:
    row: dict[str, Any] = {"serial_no": sale.get("serial_no")}
    sale_date = sale.get("sale_date")
    if not isinstance(sale_date, dt.date):
        return row | {"warranty_status": None, "start": None, "free_until": None, "paid_until": None}
    acceptance = sale.get("acceptance_date")
    w = sale_warranty(
        sale_date, acceptance if isinstance(acceptance, dt.date) else None,
        policy.warranty_for(sale.get("category")), as_of.date(),
    )  # fmt: skip
    findings.extend(Located("sales", i, f) for f in w.findings)
    return row | {"warranty_status": w.status, "start": w.start, "free_until": w.free_until, "paid_until": w.paid_until}


def _facts(rep: Record) -> RepairFacts:
    return RepairFacts(
        reported_at=rep["reported_at"],
        cause=rep.get("cause"),
        fault_category=rep.get("fault_category"),
        parts_cost=_num(rep.get("parts_cost")),
        labor_cost=_num(rep.get("labor_cost")),
        fee_charged=_num(rep.get("fee_charged")),
        ticket_no=rep.get("ticket_no"),
    )


def _sla_row(
    rep: Record,
    policy: Policy,
    as_of: dt.datetime,
    uncovered: dict[int, int],
    i: int,
    findings: list[Located],
    calendars: list[str | None],
) -> dict[str, Any]:
    reported = rep.get("reported_at")
    if not isinstance(reported, dt.datetime):
        empty: dict[str, Any] = {}
        for key in ("response", "plan", "on_site", "resolve"):
            empty |= {f"{key}_due": None, f"{key}_status": None, f"{key}_over_minutes": None}
        return empty | {"loaner_required": None}
    events = {k: v if isinstance(v := rep.get(k), dt.datetime) else None for k in _EVENTS}
    result = evaluate_sla(
        policy, rep.get("request_type"), rep.get("fault_level"), reported, events, as_of, rep.get("loaner")
    )
    for year in result.uncovered_years:
        uncovered.setdefault(year, i)
    findings.extend(Located("repairs", i, f) for f in result.findings)
    calendars[i] = result.calendar
    return result.flat()
