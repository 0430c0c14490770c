"""KPIs (SPEC §4 KPIs) aggregated from per-repair records. Pure.

Input: one `RepairRecord` per repair-log row (its results and what they are
grouped by). Output: plain dicts, lists, numbers and strings
(JSON-serialisable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sheetdesk.rules.policy import Settings
from sheetdesk.schema.statuses import (
    IN_WARRANTY,
    SLA_TARGET_KEYS,
    VISIT_STATUSES,
    WARRANTY_STATUSES,
    CallbackStatus,
    SlaTargetKey,
    TargetStatus,
    WarrantyStatus,
)

__all__ = [
    "NOT_A_REPAIR",
    "HeldTime",
    "RepairRecord",
    "compute_kpis",
    "group_kpis",
    "hold_kpis",
    "monthly_callbacks",
    "rate",
    "repeat_repairs",
    "visit_kpis",
]

# Compliance counts these; pending and paused targets are not decided yet.
_COUNTED = ("met", "breached", "overdue")
_TARGET_COUNTS = ("met", "breached", "overdue", "pending", "paused")


@dataclass(slots=True)
class RepairRecord:
    """One repair as the KPIs count it: its results, and the columns they are grouped by.

    `serial` and `problem` are keys (`sheetdesk.links.match_key`: case,
    width and spaces folded), so that a serial or fault category retyped
    differently is still one serial, one problem; `fault_category` is the
    spelling shown.
    """

    statuses: Mapping[SlaTargetKey, TargetStatus] = field(default_factory=dict)
    warranty_status: WarrantyStatus | None = None
    billable: bool | None = None
    expected_fee: float | None = None
    fee_charged: float | None = None
    resolved_at: dt.datetime | None = None
    callback_due: dt.datetime | None = None
    callback_status: CallbackStatus | None = None
    satisfaction: str | None = None
    serial: str | None = None
    model: Any = None
    fault_category: Any = None
    problem: str | None = None
    branch: Any = None
    technician: Any = None
    request_type: str | None = None  # blank = repair
    fault_level: str | None = None


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded to 4 places; None when nothing to count."""
    return None if denominator == 0 else round(numerator / denominator, 4)


def _meets(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target - 1e-9


def _money(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


# A repair's counting tags with (resolved, billable): repairs alike share one.
_Signature = tuple[tuple[str, ...], bool, bool]
_Summary = tuple[_Signature, float, float]  # signature, expected fee, fee charged


def _summary(r: RepairRecord) -> _Summary:
    """One record as its signature plus the money it expects and was charged."""
    statuses = r.statuses
    cb = r.callback_status
    ws = r.warranty_status
    tags = [f"{key}:{statuses.get(key)}" for key in SLA_TARGET_KEYS]
    tags.append(f"cb:{cb}")
    tags.append(f"ws:{ws}")
    if ws in IN_WARRANTY:
        tags.append(f"cbw:{cb}")
    sat = r.satisfaction
    if sat:
        tags.append(f"sat:{sat}")
    billable = bool(r.billable)
    expected = _money(r.expected_fee) if billable else 0.0
    return (tuple(tags), r.resolved_at is not None, billable), expected, _money(r.fee_charged)


class _Group:
    """Running counts of one group; `result` gives its KPI dict.

    Repairs are counted by signature (a few hundred kinds among 200k
    repairs) and the tags are totalled once, at the end.
    """

    __slots__ = ("charged", "expected", "signatures")

    def __init__(self) -> None:
        self.signatures: Counter[_Signature] = Counter()
        self.expected = self.charged = 0.0

    def add(self, summary: _Summary) -> None:
        signature, expected, charged = summary
        self.signatures[signature] += 1
        self.expected += expected
        self.charged += charged

    def totals(self) -> tuple[Counter[str], int, int, int]:
        """Tag counts, repairs, resolved and billable repairs."""
        tags: Counter[str] = Counter()
        repairs = resolved = billable = 0
        for (names, was_resolved, was_billable), n in self.signatures.items():
            for name in names:
                tags[name] += n
            repairs += n
            resolved += n * was_resolved
            billable += n * was_billable
        return tags, repairs, resolved, billable

    def result(self, settings: Settings) -> dict[str, Any]:
        t, repairs, resolved, billable = self.totals()
        compliance: dict[str, dict[str, Any]] = {}
        for key in SLA_TARGET_KEYS:
            counts = {s: t[f"{key}:{s}"] for s in _TARGET_COUNTS}
            compliance[key] = {**counts, "rate": rate(counts["met"], sum(counts[s] for s in _COUNTED))}
        done, late, missing = t["cb:done"], t["cb:late"], t["cb:missing"]
        due = done + late + missing
        due_w = t["cbw:done"] + t["cbw:late"] + t["cbw:missing"]
        callback_rate = rate(done + late, due)
        sat = {s: t[f"sat:{s}"] for s in ("satisfied", "basically_satisfied", "dissatisfied")}
        rated = sum(sat.values())
        satisfaction_rate = rate(sat["satisfied"] + sat["basically_satisfied"], rated)
        expected, charged = round(self.expected, 2), round(self.charged, 2)
        return {
            "repairs": repairs,
            "resolved": resolved,
            "compliance": compliance,
            "callbacks": {
                "due": due,
                "done": done,
                "late": late,
                "missing": missing,
                "pending": t["cb:pending"],
                "rate": callback_rate,
                "rate_in_warranty": rate(t["cbw:done"] + t["cbw:late"], due_w),
                "on_time_rate": rate(done, due),
                "target": settings.callback_rate_target,
                "meets_target": _meets(callback_rate, settings.callback_rate_target),
            },
            "satisfaction": {
                "rated": rated,
                **sat,
                "rate": satisfaction_rate,
                "target": settings.satisfaction_target,
                "meets_target": _meets(satisfaction_rate, settings.satisfaction_target),
            },
            "warranty_status": {s: t[f"ws:{s}"] for s in WARRANTY_STATUSES},
            "billing": {
                "billable_repairs": billable,
                "expected": expected,
                "charged": charged,
                "difference": round(charged - expected, 2),
            },
        }


def group_kpis(records: Iterable[RepairRecord], settings: Settings) -> dict[str, Any]:
    """KPIs of one group of repairs (all of them, one branch, one level...)."""
    group = _Group()
    for r in records:
        group.add(_summary(r))
    return group.result(settings)


def _group_key(value: Any) -> str:
    return "" if value is None else str(value)


# By fault level, a repair without a level groups under "" ("level missing");
# a complaint, consultation or maintenance request, which has no fault level
# of its own, groups under NOT_A_REPAIR, whatever its level cell says.
NOT_A_REPAIR = "not_a_repair"


def _level_group(r: RepairRecord) -> str:
    if r.request_type not in (None, "repair"):
        return NOT_A_REPAIR
    return _group_key(r.fault_level)


def repeat_repairs(records: Iterable[RepairRecord]) -> list[dict[str, Any]]:
    """Per (model, fault_category): repairs, serials, serials repaired more than once
    for it, and the repeat repairs (every repair after a serial's first).

    Categories are one when their keys match (`Display`, `DISPLAY`, `display `);
    the first spelling met is shown.
    """
    groups: dict[tuple[str, str], Counter[str]] = {}
    shown: dict[tuple[str, str], str] = {}
    for r in records:
        if not r.problem:
            continue
        key = (str(r.model or ""), r.problem)
        per_serial = groups.get(key)
        if per_serial is None:
            per_serial = groups[key] = Counter()
            shown[key] = " ".join(str(r.fault_category).split())
        per_serial[r.serial or ""] += 1
    out: list[dict[str, Any]] = []
    for (model, problem), per_serial in groups.items():
        category = shown[(model, problem)]
        repeats = sum(n - 1 for n in per_serial.values() if n > 1)
        out.append(
            {
                "model": model,
                "fault_category": category,
                "repairs": sum(per_serial.values()),
                "serials": len(per_serial),
                "repeat_serials": sum(1 for n in per_serial.values() if n > 1),
                "repeat_repairs": repeats,
            }
        )
    out.sort(key=lambda d: (-d["repeat_repairs"], -d["repairs"], d["model"], d["fault_category"]))
    return out


def _month(value: Any) -> str | None:
    return f"{value.year:04d}-{value.month:02d}" if isinstance(value, dt.date) else None


def monthly_callbacks(records: Iterable[RepairRecord]) -> list[dict[str, Any]]:
    """Per month: repairs resolved that month, and the callbacks due that month
    with their outcome and satisfaction (a callback is counted in its due month)."""
    months: dict[str, dict[str, Any]] = {}
    zero = {
        "resolved": 0,
        "callbacks_due": 0,
        "done": 0,
        "late": 0,
        "missing": 0,
        "pending": 0,
        "satisfied": 0,
        "basically_satisfied": 0,
        "dissatisfied": 0,
    }

    def month_row(m: str) -> dict[str, Any]:
        return months.setdefault(m, {"month": m, **zero})

    for r in records:
        resolved = _month(r.resolved_at)
        if resolved:
            month_row(resolved)["resolved"] += 1
        due = _month(r.callback_due)
        status = r.callback_status
        if not due or status not in ("done", "late", "missing", "pending"):
            continue
        row = month_row(due)
        row["callbacks_due"] += 1
        row[status] += 1
        if r.satisfaction in ("satisfied", "basically_satisfied", "dissatisfied"):
            row[r.satisfaction] += 1
    out = [months[m] for m in sorted(months)]
    for row in out:
        row["callback_rate"] = rate(row["done"] + row["late"], row["done"] + row["late"] + row["missing"])
        row["on_time_rate"] = rate(row["done"], row["done"] + row["late"] + row["missing"])
        rated = row["satisfied"] + row["basically_satisfied"] + row["dissatisfied"]
        row["satisfaction_rate"] = rate(row["satisfied"] + row["basically_satisfied"], rated)
    return out


@dataclass(frozen=True, slots=True)
class HeldTime:
    """One hold as the hold KPIs count it: its reason, its working minutes on the
    ticket's SLA calendar (`calendar`), whether it still runs at as-of, and its ticket."""

    reason: str
    minutes: int
    running: bool
    ticket: Any = None
    calendar: str = "24x7"
    index: int | None = None  # its record in the Holds register


def hold_kpis(holds: Iterable[HeldTime]) -> dict[str, Any]:
    """Hold time by reason, the largest first: holds, tickets, running at as-of,
    working minutes on hold, and the average per hold; and their total."""
    by_reason: dict[str, dict[str, Any]] = {}
    tickets: dict[str, set[Any]] = {}
    all_tickets: set[Any] = set()
    for h in holds:
        row = by_reason.setdefault(h.reason, {"holds": 0, "tickets": 0, "running": 0, "minutes": 0})
        row["holds"] += 1
        row["running"] += h.running
        row["minutes"] += h.minutes
        tickets.setdefault(h.reason, set()).add(h.ticket)
        all_tickets.add(h.ticket)
    total: dict[str, Any] = {"holds": 0, "tickets": len(all_tickets), "running": 0, "minutes": 0}
    for reason, row in by_reason.items():
        row["tickets"] = len(tickets[reason])
        row["average_minutes"] = round(row["minutes"] / row["holds"]) if row["holds"] else None
        for key in ("holds", "running", "minutes"):
            total[key] += row[key]
    total["average_minutes"] = round(total["minutes"] / total["holds"]) if total["holds"] else None
    ordered = dict(sorted(by_reason.items(), key=lambda item: (-item[1]["minutes"], item[0])))
    return {"by_reason": ordered, "total": total}


_GROUPED_BY = ("fault_level", "branch", "technician")


def compute_kpis(records: Iterable[RepairRecord], settings: Settings) -> dict[str, Any]:
    """The KPI document: overall, by fault level, branch and technician,
    repeat repairs and the monthly callback record (one pass per part)."""
    rows = list(records)
    overall = _Group()
    by: dict[str, dict[str, _Group]] = {name: {} for name in _GROUPED_BY}
    for r in rows:
        summary = _summary(r)
        overall.add(summary)
        for name, groups in by.items():
            key = _level_group(r) if name == "fault_level" else _group_key(getattr(r, name))
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group()
            group.add(summary)
    return {
        "targets": {
            "callback_rate": settings.callback_rate_target,
            "satisfaction": settings.satisfaction_target,
        },
        "overall": overall.result(settings),
        **{f"by_{name}": {k: g.result(settings) for k, g in sorted(groups.items())} for name, groups in by.items()},
        "repeat_repairs": repeat_repairs(rows),
        "monthly_callbacks": monthly_callbacks(rows),
    }


class _Planned(Protocol):
    """What visit compliance counts of one planned occurrence (`rules.visits.PlannedVisit`)."""

    @property
    def status(self) -> str: ...

    @property
    def branch(self) -> Any: ...

    @property
    def technician(self) -> Any: ...

    @property
    def occurrence(self) -> Any: ...


def _visit_group(counts: Counter[str]) -> dict[str, Any]:
    """Counts per status; rate = (done + late) / (done + late + missing), on time = done / the same.

    Occurrences still due or upcoming are left out of the rates, as pending callbacks are."""
    done, late, missing = counts["done"], counts["late"], counts["missing"]
    judged = done + late + missing
    return {
        "planned": sum(counts.values()),
        **{s: counts[s] for s in VISIT_STATUSES},
        "rate": rate(done + late, judged),
        "on_time_rate": rate(done, judged),
    }


def visit_kpis(planned: Iterable[_Planned]) -> dict[str, Any]:
    """Visit compliance overall and by branch, technician (who is responsible) and kind."""
    overall: Counter[str] = Counter()
    by: dict[str, dict[str, Counter[str]]] = {"branch": {}, "technician": {}, "kind": {}}
    for p in planned:
        status = p.status
        overall[status] += 1
        for name, key in (("branch", p.branch), ("technician", p.technician), ("kind", p.occurrence.kind)):
            by[name].setdefault(_group_key(key), Counter())[status] += 1
    return {
        "overall": _visit_group(overall),
        **{f"by_{name}": {k: _visit_group(c) for k, c in sorted(groups.items())} for name, groups in by.items()},
    }
