"""The Visits register: its findings at their cells, and what `check` says of each visit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.checking.workbook import write_checked
from tests.helpers.books import write_book
from tests.helpers.cli import run_json

T = dt.datetime
SALES = [["Serial No", "Product", "Model", "Category", "Sale Date", "Customer", "Branch"],
         ["SN-1", "Pump", "P-20", "Medical", dt.date(2025, 3, 1), "Clinic", "North"]]
REPAIRS = [["Ticket No", "Serial No", "Reported At", "Fault Level", "Fault Description"],
           ["T-1", "SN-1", T(2025, 6, 2, 9), "III", "Leak"]]
VISITS = [
    ["Serial No", "Visit Kind", "Visited At", "Technician", "Result", "Ticket No"],
    ["SN-1", "Inspection", T(2025, 5, 28, 10), "Tech Li", "Normal", None],  # row 2: done (due 06-01)
    ["sn-1 ", "Inspection", T(2025, 5, 30, 10), "Tech Li", "Normal", None],  # 3: the same window: extra
    ["SN-9", "Inspection", T(2025, 6, 2, 10), "Tech Li", "Normal", None],  # 4: unknown serial
    ["SN-1", "Inspection", T(2025, 2, 20, 10), "Tech Li", "Normal", None],  # 5: before the sale
    ["SN-1", "Inspection", T(2025, 6, 25, 10), "Tech Li", "Fault Found", None],  # 6: fault, no ticket: done (07-01)
    ["SN-1", "Inspection", T(2025, 7, 28, 10), "Tech Li", "Customer Absent", None],  # 7: not counted
    ["SN-1", "Return Visit", T(2025, 7, 29, 10), "Tech Li", "Normal", "T-404"],  # 8: unknown ticket; no plan
    ["SN-1", "Inspection", T(2025, 8, 12, 9), "Tech Wu", "Fault Found", "T-1"],  # 9: August's, late (grace 3)
]
PLAN = [["category", "kind", "every", "first_within", "during", "grace_days"],
        ["Medical", "inspection", "1m", "1m", "lifetime", 3]]


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return write_book(tmp_path / "desk.xlsx", {"Sales": SALES, "Repairs": REPAIRS, "Visits": VISITS,
                                               "Maintenance": PLAN})  # fmt: skip


def test_visit_findings_at_their_cells(desk: Path) -> None:
    document = run_json("check", desk, "--as-of", "2025-09-10")
    found = [(i["severity"], i["code"], i["cell"]) for i in document["issues"] if i["sheet"] == "Visits"]
    assert found == [
        ("warning", "visit.unknown_serial", "A4"),
        ("error", "visit.before_sale", "C5"),
        ("warning", "visit.fault_without_ticket", "F6"),
        ("warning", "visit.unknown_ticket", "F8"),
    ]
    messages = {i["code"]: i["message"] for i in document["issues"]}
    assert messages["visit.before_sale"] == ("Visited At 2025-02-20 10:00 is before the unit's Sale Date 2025-03-01 "
                                             "('Sales' row 2)")  # fmt: skip
    assert document["valid"] is False and document["stats"]["rows"]["visits"] == 8


def test_what_check_says_of_each_visit(desk: Path, tmp_path: Path) -> None:
    # Monthly from 2025-03-01, 3 days' grace: due 04-01, 05-01, 06-01, 07-01, 08-01, 09-01, then 10-01;
    # each open from the day after the previous due date, fulfillable late until the next due date.
    # 02-20 is before the first window opens (the start): extra. 05-28 is in the windows of May's (still
    # open, late until 06-01) and June's: June's due date is nearer, so June's. 05-30 then can only be
    # May's, late. Put in date order: May <- 05-28 (late), June <- 05-30 (done). 06-25 -> July's, done.
    # 07-28: the customer was absent, not counted. 08-12 -> August's (due 08-01, on time until 08-04): late.
    # The return visit has no plan (only inspections for Medical).
    result = check_files([desk], as_of=T(2025, 9, 10))
    ev = result.evaluation
    assert ev is not None
    statuses = list(zip(ev.visits.row_status, ev.visits.row_due, strict=True))
    assert statuses == [
        ("late", dt.date(2025, 5, 1)),
        ("done", dt.date(2025, 6, 1)),
        ("unplanned", None),
        ("extra", None),
        ("done", dt.date(2025, 7, 1)),
        ("not_counted", None),
        ("unplanned", None),
        ("late", dt.date(2025, 8, 1)),
    ]
    planned = [(v["occurrence"], v["due"], v["status"], v["visit_at"], v["technician"]) for v in ev.visit_rows]
    assert planned == [
        (1, dt.date(2025, 4, 1), "missing", None, "Tech Li"),  # who last served it by then (the 02-20 visit)
        (2, dt.date(2025, 5, 1), "late", T(2025, 5, 28, 10), "Tech Li"),
        (3, dt.date(2025, 6, 1), "done", T(2025, 5, 30, 10), "Tech Li"),
        (4, dt.date(2025, 7, 1), "done", T(2025, 6, 25, 10), "Tech Li"),
        (5, dt.date(2025, 8, 1), "late", T(2025, 8, 12, 9), "Tech Wu"),
        (6, dt.date(2025, 9, 1), "missing", None, "Tech Wu"),  # whoever last served the unit
        (7, dt.date(2025, 10, 1), "due", None, "Tech Wu"),
    ]
    assert ev.sales[0].next_visit_due == dt.date(2025, 9, 1)  # September's can still be made (until 10-01)
    book = openpyxl.load_workbook(write_checked(result, tmp_path / "out.xlsx"))
    ws = book["Visits"]
    assert [c.value for c in ws[1]][-2:] == ["Plan Status", "Planned Due"]
    assert [ws.cell(r, 7).value for r in range(2, 10)] == [
        "Late", "Done", "No plan", "Extra", "Done", "Not counted (absent)", "No plan", "Late"]
    assert ws["G2"].fill.fgColor.rgb.endswith("FFC7CE") and ws["G3"].fill.fgColor.rgb.endswith("C6EFCE")
    sales = book["Sales"]
    assert [c.value for c in sales[1]][-5:] == ["Warranty Status", "Warranty Start", "Free Until", "Paid Until",
                                                "Next Visit Due"]  # fmt: skip
    assert sales.cell(2, sales.max_column).value == T(2025, 9, 1)
    kpis: dict[str, Any] = result.to_json()["kpis"]["visits"]
    assert kpis["overall"] == {"planned": 7, "done": 2, "late": 2, "missing": 2, "due": 1, "upcoming": 0,
                               "rate": 0.6667, "on_time_rate": 0.3333}  # fmt: skip
    assert kpis["by_technician"]["Tech Wu"] == {"planned": 3, "done": 0, "late": 1, "missing": 1, "due": 1,
                                                "upcoming": 0, "rate": 0.5, "on_time_rate": 0.0}  # fmt: skip
    assert kpis["by_kind"]["inspection"]["planned"] == 7 and list(kpis["by_branch"]) == ["North"]
