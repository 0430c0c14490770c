"""Warranty per sale and per repair (SPEC §4 Warranty). Pure functions.

Findings (fee problems, a repair before its sale) are returned as plain
`Finding` records; the caller turns them into `Issue`s at the right cell.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sheetdesk.links import match_key
from sheetdesk.rules.finding import Finding, beyond_calendar
from sheetdesk.rules.policy import WarrantyRule
from sheetdesk.schema.enums import EXCLUDED_CAUSES
from sheetdesk.schema.statuses import BILLABLE, IN_WARRANTY, WarrantyStatus

__all__ = [
    "Finding",
    "RepairFacts",
    "RepairWarranty",
    "SaleWarranty",
    "Terms",
    "WarrantyStatus",
    "add_months",
    "assess_repairs",
    "repair_assessment",
    "sale_warranty",
    "warranty_status",
    "warranty_terms",
]

# Only these request types count as earlier repairs of a problem (blank = repair).
COUNTED_REQUEST_TYPES = frozenset({None, "repair"})


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; a day that does not exist clips to month end (Jan 31 + 1 = Feb 28/29).

    ValueError when the result would be outside years 1..9999. (Called for every planned visit of
    every unit, so the month's length is looked up, not asked of `calendar`.)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = 29 if month == 1 and _cal.isleap(year) else _MONTH_DAYS[month]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Terms:
    start: dt.date
    free_until: dt.date | None  # None only when beyond the calendar
    paid_until: dt.date | None  # None = lifetime (or beyond the calendar)
    beyond: bool = False  # an end falls after 9999-12-31: left blank, and it never passes


def _later(day: dt.date | None, months: int, days: int = 0) -> dt.date | None:
    """`add_months` then `days`; None when that is after 9999-12-31 (or `day` is)."""
    if day is None:
        return None
    try:
        return add_months(day, months) + dt.timedelta(days=days)
    except (ValueError, OverflowError):
        return None


def warranty_terms(sale_date: dt.date, acceptance_date: dt.date | None, rule: WarrantyRule) -> Terms:
    """start, free_until (inclusive) and paid_until (inclusive; None = lifetime).

    Both ends are counted from the start, each clipped to month end once:
    free_until = start + free_months − 1 day, paid_until = start +
    (free_months + paid_months) − 1 day (so a February clip of free_until is
    not carried into paid_until).
    """
    start = acceptance_date if acceptance_date and rule.start_from == "acceptance" else sale_date
    free_until = _later(start, rule.free_months, -1)
    paid_until = None if rule.paid_months is None else _later(start, rule.free_months + rule.paid_months, -1)
    beyond = free_until is None or (rule.paid_months is not None and paid_until is None)
    return Terms(start, free_until, paid_until, beyond)


def warranty_status(on: dt.date, sale_date: dt.date, terms: Terms, rule: WarrantyRule) -> WarrantyStatus:
    """Status on date `on`; first match wins: return, exchange, free, paid, expired."""
    days = (on - sale_date).days
    if days <= rule.return_days:
        return "return"
    if days <= rule.exchange_days:
        return "exchange"
    if terms.free_until is None or on <= terms.free_until:
        return "free"
    if terms.paid_until is None or on <= terms.paid_until:
        return "paid"
    return "expired"


@dataclass(frozen=True)
class SaleWarranty:
    """A sale's warranty as of a date (the `sales` rows of SPEC §5 JSON)."""

    status: WarrantyStatus
    start: dt.date
    free_until: dt.date | None
    paid_until: dt.date | None
    findings: tuple[Finding, ...] = ()


def sale_warranty(
    sale_date: dt.date, acceptance_date: dt.date | None, rule: WarrantyRule, as_of: dt.date
) -> SaleWarranty:
    """Terms of one sale and its status on `as_of` (a date; pass `as_of.date()`)."""
    terms = warranty_terms(sale_date, acceptance_date, rule)
    status = warranty_status(as_of, sale_date, terms, rule)
    findings = (beyond_calendar("sale_date", "warranty"),) if terms.beyond else ()
    return SaleWarranty(status, terms.start, terms.free_until, terms.paid_until, findings)


@dataclass(frozen=True)
class RepairFacts:
    """What the warranty rules need from one repair-log row."""

    reported_at: dt.datetime
    cause: str | None = None
    fault_category: str | None = None
    parts_cost: float | None = None
    labor_cost: float | None = None
    fee_charged: float | None = None
    ticket_no: str | None = None
    request_type: str | None = None  # blank = repair


@dataclass(frozen=True)
class RepairWarranty:
    status: WarrantyStatus
    window_status: WarrantyStatus  # status by dates alone (before the cause exclusion)
    billable: bool  # status in (paid, expired, excluded); False for unknown
    expected_fee: float  # parts_cost + labor_cost when billable, else 0
    replacement_eligible: bool
    findings: tuple[Finding, ...] = ()


def _fee_findings(
    status: WarrantyStatus, billable: bool, expected: float, charged: float | None
) -> tuple[Finding, ...]:
    if status == "unknown":
        return ()  # without the sale the fee cannot be judged; the unknown serial is flagged already
    if charged is not None and charged < 0:
        return ()  # one finding per problem: validation flags the negative fee (range.negative)
    if not billable and charged:
        return (Finding("repair.fee_not_billable", "fee_charged", {"fee": f"{charged:g}"}),)
    if billable and expected > 0 and not charged:  # nothing to charge when the costs come to 0
        return (Finding("repair.fee_missing", "fee_charged", {"expected": f"{expected:g}"}),)
    return ()


def repair_assessment(
    facts: RepairFacts,
    sale_date: dt.date | None,
    terms: Terms | None,
    rule: WarrantyRule,
    earlier_same_problem: int | None = None,
) -> RepairWarranty:
    """One repair: status (with `excluded` / `unknown`), billable, expected fee, findings.

    `sale_date`/`terms` are None when the serial is not in the register.
    `earlier_same_problem` is the count used for replacement eligibility
    (see `assess_repairs`, which computes it for a serial's repairs).
    """
    findings: list[Finding] = []
    on = facts.reported_at.date()
    window: WarrantyStatus
    if sale_date is None or terms is None:
        window = "unknown"
    else:
        window = warranty_status(on, sale_date, terms, rule)
        if on < sale_date:
            findings.append(Finding("repair.before_sale", "reported_at", {"reported": on, "sale_date": sale_date}))
    excluded = facts.cause in EXCLUDED_CAUSES
    status: WarrantyStatus = "excluded" if excluded else window
    billable = status in BILLABLE
    cost = float((facts.parts_cost or 0) + (facts.labor_cost or 0))
    expected = cost if billable else 0.0
    findings.extend(_fee_findings(status, billable, expected, facts.fee_charged))
    eligible = earlier_same_problem is not None and earlier_same_problem >= rule.replace_after_repairs
    return RepairWarranty(status, window, billable, expected, eligible, tuple(findings))


def assess_repairs(
    repairs: Sequence[RepairFacts],
    sale_date: dt.date | None,
    acceptance_date: dt.date | None,
    rule: WarrantyRule,
) -> list[RepairWarranty]:
    """All repairs of one serial -> one result each, in the order given.

    Repairs are considered in reported_at order (stable for equal times).

    replacement_eligible: at least `replace_after_repairs` *earlier* repairs
    (earlier rows in this order) of the same fault_category (matched with
    `match_key`: case, width and spaces folded; blank never matches) that
    were `repair` rows (blank request type; complaints, consultations and
    maintenance do not count), were not excluded and fell inside the free
    period (date status return, exchange or free). False when the serial is
    unknown (no free period is known).
    """
    terms = None if sale_date is None else warranty_terms(sale_date, acceptance_date, rule)
    counts: dict[str, int] = {}
    out: list[RepairWarranty | None] = [None] * len(repairs)
    order = sorted(range(len(repairs)), key=lambda i: repairs[i].reported_at)
    for i in order:
        facts = repairs[i]
        problem = match_key(facts.fault_category)
        earlier = None if terms is None else (counts.get(problem, 0) if problem else 0)
        result = repair_assessment(facts, sale_date, terms, rule, earlier)
        out[i] = result
        counted = facts.request_type in COUNTED_REQUEST_TYPES
        if problem and counted and result.status != "excluded" and result.window_status in IN_WARRANTY:
            counts[problem] = counts.get(problem, 0) + 1
    return [r for r in out if r is not None]
