import datetime as dt
import json
from typing import Any

from sheetdesk.io.policy_source import default_policy
from sheetdesk.report import json_value
from sheetdesk.rules.evaluate import REPAIR_FIELDS, evaluate

D = dt.datetime
d = dt.date

SALES: list[dict[str, Any]] = [
    {"serial_no": "0001", "model": "X1", "category": None, "sale_date": d(2025, 1, 2),
     "acceptance_date": d(2025, 1, 10), "branch": "Beijing"},
    {"serial_no": "0002", "model": "X2", "sale_date": d(2023, 1, 2), "branch": "Shanghai"},
    {"serial_no": "0003", "model": "X2", "sale_date": None, "branch": "Shanghai"},
]  # fmt: skip
REPAIRS: list[dict[str, Any]] = [
    {"ticket_no": "T1", "serial_no": "0001", "reported_at": D(2025, 3, 3, 15), "request_type": "repair",
     "fault_level": "III", "fault_category": "Power", "responded_at": D(2025, 3, 4, 10),
     "resolved_at": D(2025, 3, 5, 10), "technician": "Li", "fee_charged": 20},
    {"ticket_no": "T2", "serial_no": "0002", "reported_at": D(2025, 3, 3, 22), "fault_level": "I",
     "cause": "water", "parts_cost": 100, "labor_cost": 50, "resolved_at": D(2025, 3, 4, 3), "loaner": "no"},
    {"ticket_no": "T3", "serial_no": "9999", "reported_at": D(2027, 1, 4, 10), "fault_level": "IV", "branch": "Xian"},
    {"ticket_no": "T4", "serial_no": "0001", "reported_at": None},
]  # fmt: skip
CALLBACKS = [
    {"ticket_no": "T1", "callback_at": D(2025, 3, 7, 9), "satisfaction": "satisfied"},
    {"ticket_no": "T1", "callback_at": D(2025, 3, 20, 9), "satisfaction": "dissatisfied"},
]


def test_evaluate_registers() -> None:
    ev = evaluate(SALES, REPAIRS, CALLBACKS, default_policy(), as_of=D(2027, 1, 5, 12))
    assert [s["warranty_status"] for s in ev.sale_rows] == ["paid", "paid", None]
    assert ev.sale_rows[0]["free_until"] == d(2026, 1, 9)
    t1, t2, t3, t4 = ev.repair_rows
    assert list(t1) == list(REPAIR_FIELDS)
    assert (t1["warranty_status"], t1["billable"], t1["expected_fee"]) == ("free", False, 0)
    assert (t1["response_due"], t1["response_status"], t1["resolve_status"]) == (D(2025, 3, 4, 11), "met", "met")
    assert (t1["callback_due"], t1["callback_status"]) == (D(2025, 3, 8, 23, 59, 59), "done")
    assert (t2["warranty_status"], t2["billable"], t2["expected_fee"]) == ("excluded", True, 150)
    assert (t2["resolve_due"], t2["resolve_status"], t2["resolve_over_minutes"]) == (D(2025, 3, 4, 2), "breached", 60)
    assert t2["loaner_required"] is True and t2["callback_status"] == "missing"
    assert (t3["warranty_status"], t3["billable"], t3["response_status"]) == ("unknown", False, "overdue")
    assert all(t4[k] is None for k in REPAIR_FIELDS if k != "ticket_no")  # no reported_at: nothing measured
    found = [(f.register, f.index, f.finding.code) for f in ev.findings]
    assert found == [
        ("repairs", 0, "repair.fee_not_billable"),
        ("repairs", 1, "repair.fee_missing"),
        ("repairs", 2, "calendar.uncovered_year"),
    ]
    k = ev.kpis
    assert list(k["by_branch"]) == ["Beijing", "Shanghai", "Xian"]  # blank branch: the sale's branch
    assert k["overall"]["satisfaction"]["rated"] == 1  # the earliest rated callback counts
    assert k["overall"]["billing"] == {"billable_repairs": 1, "expected": 150.0, "charged": 20.0, "difference": -130.0}
    json.dumps({"sales": ev.sale_rows, "repairs": ev.repair_rows, "kpis": k}, default=json_value)
