import datetime as dt
import json
from typing import Any

from sheetdesk.links import match_key
from sheetdesk.rules.kpis import RepairRecord, compute_kpis, group_kpis, rate
from sheetdesk.rules.policy import Settings
from sheetdesk.schema.statuses import SLA_TARGET_KEYS

D = dt.datetime


def rec(**kw: Any) -> RepairRecord:
    """A record from flat keys, as the JSON row reads (`response_status`, `serial_no`...)."""
    base: dict[str, Any] = {"model": "M1", "fault_category": "Power", "plan_status": "n/a", "on_site_status": "n/a"}
    flat = base | kw
    statuses = {k: flat.pop(f"{k}_status") for k in SLA_TARGET_KEYS if f"{k}_status" in flat}
    flat.pop("ticket_no", None)
    serial = flat.pop("serial_no", None)
    return RepairRecord(statuses=statuses, serial=match_key(serial), problem=match_key(flat["fault_category"]), **flat)


RECORDS = [
    rec(ticket_no="T1", serial_no="S1", branch="A", technician="Li", fault_level="I", warranty_status="free",
        billable=False, expected_fee=0, fee_charged=None, resolved_at=D(2025, 3, 3, 15),
        response_status="met", plan_status="breached", resolve_status="met",
        callback_due=D(2025, 3, 6, 23, 59, 59), callback_status="done", satisfaction="satisfied"),
    rec(ticket_no="T2", serial_no="S1", branch="A", technician="Wang", fault_level="III", warranty_status="paid",
        billable=True, expected_fee=100, fee_charged=80, resolved_at=D(2025, 3, 30, 10),
        response_status="breached", resolve_status="met",
        callback_due=D(2025, 4, 2, 23, 59, 59), callback_status="late", satisfaction="basically_satisfied"),
    rec(ticket_no="T3", serial_no="S2", branch="B", technician="Li", fault_level="III", warranty_status="excluded",
        billable=True, expected_fee=50, fee_charged=50, resolved_at=D(2025, 4, 10, 10),
        response_status="met", resolve_status="breached",
        callback_due=D(2025, 4, 13, 23, 59, 59), callback_status="missing", satisfaction=None),
    rec(ticket_no="T4", serial_no="S3", model="M2", fault_category="Screen", branch="B", technician=None,
        fault_level="II", warranty_status="unknown", billable=None, expected_fee=None, fee_charged=None,
        resolved_at=None, response_status="pending", resolve_status="overdue",
        callback_due=None, callback_status="n/a", satisfaction=None),
    rec(ticket_no="T5", serial_no="S1", branch="A", technician="Li", fault_level="I", warranty_status="free",
        billable=False, expected_fee=0, fee_charged=None, resolved_at=D(2025, 4, 20, 10),
        response_status="met", resolve_status="met",
        callback_due=D(2025, 4, 23, 23, 59, 59), callback_status="pending", satisfaction=None),
]  # fmt: skip


def test_rate() -> None:
    assert rate(1, 3) == 0.3333
    assert rate(0, 0) is None


def test_overall() -> None:
    k = group_kpis(RECORDS, Settings())
    assert k["repairs"] == 5 and k["resolved"] == 4
    assert k["compliance"]["response"] == {
        "met": 3, "breached": 1, "overdue": 0, "pending": 1, "paused": 0, "rate": 0.75
    }  # fmt: skip
    assert k["compliance"]["resolve"]["rate"] == 0.6
    assert k["compliance"]["plan"]["rate"] == 0.0
    assert k["compliance"]["on_site"]["rate"] is None  # nothing measured
    cb = k["callbacks"]
    assert (cb["due"], cb["done"], cb["late"], cb["missing"], cb["pending"]) == (3, 1, 1, 1, 1)
    assert (cb["rate"], cb["on_time_rate"], cb["rate_in_warranty"]) == (0.6667, 0.3333, 1.0)
    assert (cb["target"], cb["meets_target"]) == (1.0, False)
    sat = k["satisfaction"]
    assert (sat["rated"], sat["rate"], sat["meets_target"]) == (2, 1.0, True)
    assert k["warranty_status"] == {
        "return": 0, "exchange": 0, "free": 2, "paid": 1, "expired": 0, "excluded": 1, "unknown": 1,
    }  # fmt: skip
    assert k["billing"] == {"billable_repairs": 2, "expected": 150.0, "charged": 130.0, "difference": -20.0}


def test_groups_repeats_and_monthly_record() -> None:
    k = compute_kpis(RECORDS, Settings())
    json.dumps(k)  # JSON-serialisable
    assert list(k["by_branch"]) == ["A", "B"]
    assert k["by_branch"]["A"]["repairs"] == 3
    assert list(k["by_technician"]) == ["", "Li", "Wang"]
    assert k["by_technician"]["Li"]["compliance"]["resolve"]["rate"] == 0.6667
    assert list(k["by_fault_level"]) == ["I", "II", "III"]
    assert k["by_fault_level"]["III"]["compliance"]["response"]["rate"] == 0.5
    assert k["repeat_repairs"] == [
        {
            "model": "M1",
            "fault_category": "Power",
            "repairs": 4,
            "serials": 2,
            "repeat_serials": 1,
            "repeat_repairs": 2,
        },
        {
            "model": "M2",
            "fault_category": "Screen",
            "repairs": 1,
            "serials": 1,
            "repeat_serials": 0,
            "repeat_repairs": 0,
        },
    ]
    march, april = k["monthly_callbacks"]
    assert march == {
        "month": "2025-03", "resolved": 2, "callbacks_due": 1, "done": 1, "late": 0, "missing": 0, "pending": 0,
        "satisfied": 1, "basically_satisfied": 0, "dissatisfied": 0,
        "callback_rate": 1.0, "on_time_rate": 1.0, "satisfaction_rate": 1.0,
    }  # fmt: skip
    assert (april["resolved"], april["callbacks_due"], april["late"], april["missing"], april["pending"]) == (
        2, 3, 1, 1, 1,
    )  # fmt: skip
    assert (april["callback_rate"], april["on_time_rate"]) == (0.5, 0.0)
    assert k["targets"] == {"callback_rate": 1.0, "satisfaction": 0.98}


def test_empty() -> None:
    k = compute_kpis([], Settings())
    assert k["overall"]["callbacks"]["rate"] is None and k["overall"]["callbacks"]["meets_target"] is None
    assert k["monthly_callbacks"] == [] and k["repeat_repairs"] == []
