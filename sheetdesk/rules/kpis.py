"""KPIs (SPEC §4 KPIs) aggregated from per-repair result records. Pure.

Input: one mapping per repair-log row with these keys (missing keys = None):
`ticket_no, serial_no, model, branch, technician, fault_level, fault_category,
warranty_status, billable, expected_fee, fee_charged, resolved_at,
response_status, plan_status, on_site_status, resolve_status,
callback_due, callback_status, satisfaction`.
Output: plain dicts, lists, numbers and strings (JSON-serialisable).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sheetdesk.rules.policy import SLA_TARGETS, Settings

__all__ = ["compute_kpis", "group_kpis", "monthly_callbacks", "repeat_repairs", "rate"]

Record = Mapping[str, Any]
IN_WARRANTY = ("return", "exchange", "free")
WARRANTY_STATUSES = ("return", "exchange", "free", "paid", "expired", "excluded", "unknown")
_COUNTED = ("met", "breached", "overdue")


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator rounded to 4 places; None when nothing to count."""
    return None if denominator == 0 else round(numerator / denominator, 4)


def _meets(value: float | None, target: float) -> bool | None:
    return None if value is None else value >= target - 1e-9


def _money(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def group_kpis(records: Iterable[Record], settings: Settings) -> dict[str, Any]:
    """KPIs of one group of repairs (all of them, one branch, one level...)."""
    rows = list(records)
    compliance: dict[str, dict[str, Any]] = {}
    for key, _ in SLA_TARGETS:
        c = Counter(r.get(f"{key}_status") for r in rows)
        counts = {s: c.get(s, 0) for s in ("met", "breached", "overdue", "pending")}
        compliance[key] = {**counts, "rate": rate(counts["met"], sum(counts[s] for s in _COUNTED))}

    cb = Counter(r.get("callback_status") for r in rows)
    due = cb["done"] + cb["late"] + cb["missing"]
    called = cb["done"] + cb["late"]
    warranty_rows = [r for r in rows if r.get("warranty_status") in IN_WARRANTY]
    cbw = Counter(r.get("callback_status") for r in warranty_rows)
    due_w = cbw["done"] + cbw["late"] + cbw["missing"]

    sat = Counter(r.get("satisfaction") for r in rows if r.get("satisfaction"))
    rated = sum(sat.values())
    happy = sat["satisfied"] + sat["basically_satisfied"]

    callback_rate = rate(called, due)
    satisfaction_rate = rate(happy, rated)
    ws = Counter(r.get("warranty_status") for r in rows)
    billable = [r for r in rows if r.get("billable")]
    expected = round(sum(_money(r.get("expected_fee")) for r in billable), 2)
    charged = round(sum(_money(r.get("fee_charged")) for r in rows), 2)
    return {
        "repairs": len(rows),
        "resolved": sum(1 for r in rows if r.get("resolved_at") is not None),
        "compliance": compliance,
        "callbacks": {
            "due": due,
            "done": cb["done"],
            "late": cb["late"],
            "missing": cb["missing"],
            "pending": cb["pending"],
            "rate": callback_rate,
            "rate_in_warranty": rate(cbw["done"] + cbw["late"], due_w),
            "on_time_rate": rate(cb["done"], due),
            "target": settings.callback_rate_target,
            "meets_target": _meets(callback_rate, settings.callback_rate_target),
        },
        "satisfaction": {
            "rated": rated,
            "satisfied": sat["satisfied"],
            "basically_satisfied": sat["basically_satisfied"],
            "dissatisfied": sat["dissatisfied"],
            "rate": satisfaction_rate,
            "target": settings.satisfaction_target,
            "meets_target": _meets(satisfaction_rate, settings.satisfaction_target),
        },
        "warranty_status": {s: ws.get(s, 0) for s in WARRANTY_STATUSES},
        "billing": {
            "billable_repairs": len(billable),
            "expected": expected,
            "charged": charged,
            "difference": round(charged - expected, 2),
        },
    }


def _by(records: list[Record], key: str, settings: Settings) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        value = r.get(key)
        groups["" if value is None else str(value)].append(r)
    return {k: group_kpis(v, settings) for k, v in sorted(groups.items())}


def repeat_repairs(records: Iterable[Record]) -> list[dict[str, Any]]:
    """Per (model, fault_category): repairs, serials, serials repaired more than once
    for it, and the repeat repairs (every repair after a serial's first)."""
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in records:
        category = " ".join(str(r.get("fault_category") or "").split())
        if not category:
            continue
        groups[(str(r.get("model") or ""), category)][str(r.get("serial_no") or "")] += 1
    out: list[dict[str, Any]] = []
    for (model, category), per_serial in groups.items():
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
    return value.strftime("%Y-%m") if isinstance(value, (dt.date, dt.datetime)) else None


def monthly_callbacks(records: Iterable[Record]) -> list[dict[str, Any]]:
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
        resolved = _month(r.get("resolved_at"))
        if resolved:
            month_row(resolved)["resolved"] += 1
        due = _month(r.get("callback_due"))
        status = r.get("callback_status")
        if not due or status not in ("done", "late", "missing", "pending"):
            continue
        row = month_row(due)
        row["callbacks_due"] += 1
        row[status] += 1
        if r.get("satisfaction") in ("satisfied", "basically_satisfied", "dissatisfied"):
            row[r["satisfaction"]] += 1
    out = [months[m] for m in sorted(months)]
    for row in out:
        row["callback_rate"] = rate(row["done"] + row["late"], row["done"] + row["late"] + row["missing"])
        row["on_time_rate"] = rate(row["done"], row["done"] + row["late"] + row["missing"])
        rated = row["satisfied"] + row["basically_satisfied"] + row["dissatisfied"]
        row["satisfaction_rate"] = rate(row["satisfied"] + row["basically_satisfied"], rated)
    return out


def compute_kpis(records: Iterable[Record], settings: Settings) -> dict[str, Any]:
    """The KPI document: overall, by fault level, branch and technician,
    repeat repairs and the monthly callback record."""
    rows = list(records)
    return {
        "targets": {
            "callback_rate": settings.callback_rate_target,
            "satisfaction": settings.satisfaction_target,
        },
        "overall": group_kpis(rows, settings),
        "by_fault_level": _by(rows, "fault_level", settings),
        "by_branch": _by(rows, "branch", settings),
        "by_technician": _by(rows, "technician", settings),
        "repeat_repairs": repeat_repairs(rows),
        "monthly_callbacks": monthly_callbacks(rows),
    }
