"""Workbooks for the reliability tests: a small valid master and hostile text.

`write_master` writes all three registers (English headers, two branches)
plus a free-form `Notes` sheet, with xlsxwriter and every string written as
a string, so that text such as `=HYPERLINK(...)` reaches sheetdesk as text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.helpers.books import write_book  # noqa: F401  (re-exported for the tests here)

T = dt.datetime
D = dt.date
AS_OF = "2025-06-01"

# Text a spreadsheet would run as a formula if it were written as one.
HOSTILE_TEXT = ('=HYPERLINK("http://x","y")', "+86 138 0013 8000", "-5", "@SUM(A1)", "=1+1", "=cmd|' /C calc'!A0")

SALES_HEADER = ["Serial No", "Product", "Model", "Category", "Sale Date", "Acceptance Date", "Customer",
                "Contact", "Phone", "Postcode", "Branch", "Notes"]
REPAIRS_HEADER = ["Ticket No", "Serial No", "Reported At", "Channel", "Request Type", "Fault Level",
                  "Fault Category", "Fault Description", "Responded At", "On Site At", "Resolved At",
                  "Technician", "Cause", "Action", "Parts Cost", "Labor Cost", "Fee Charged", "Loaner Provided",
                  "Customer Signed", "Branch", "Notes"]
CALLBACKS_HEADER = ["Ticket No", "Callback At", "Caller", "Satisfaction", "Comments", "Escalated To", "Notes"]


def sale(serial: str, branch: str = "Beijing", customer: str = "Acme Hospital", notes: str | None = None,
         sold: D = D(2024, 1, 10)) -> list[Any]:
    return [serial, "Infusion Pump", "P-100", "pump", sold, sold + dt.timedelta(days=5), customer, "Li Lei",
            "010-12345678", "100080", branch, notes]


def repair(ticket: str, serial: str, notes: str | None = None, description: str = "No power",
           day: int = 3) -> list[Any]:
    reported = T(2025, 3, day, 9, 0)
    return [ticket, serial, reported, "Phone", "Repair", "II", "power", description,
            reported + dt.timedelta(minutes=30), reported + dt.timedelta(hours=1),
            reported + dt.timedelta(hours=5), "Wang", "Quality", "Replace Part", 20, 50, 0, "No", "Yes", None, notes]


def callback(ticket: str, comments: str = "fine", notes: str | None = None, day: int = 4) -> list[Any]:
    return [ticket, T(2025, 3, day, 10, 0), "Zhao", "Satisfied", comments, None, notes]


def master_sheets(text: tuple[str, ...] = ("plain note",)) -> dict[str, list[list[Any]]]:
    """Registers whose customers, notes, descriptions and comments carry `text`."""
    sales = [SALES_HEADER]
    repairs = [REPAIRS_HEADER]
    callbacks = [CALLBACKS_HEADER]
    for i, value in enumerate(text):
        serial, ticket = f"SN{i:03d}", f"T{i:03d}"
        branch = "Beijing" if i % 2 == 0 else "华南/深圳 [旧]"
        sales.append(sale(serial, branch=branch, customer=value, notes=value))
        repairs.append(repair(ticket, serial, notes=value, description=value, day=3 + i % 20))
        callbacks.append(callback(ticket, comments=value, notes=value, day=4 + i % 20))
    return {
        "Sales": sales,
        "Repairs": repairs,
        "Callbacks": callbacks,
        "Notes": [["Head office notes"], ["Quarterly review", T(2025, 4, 1)], [42, None, "x"]],
    }


def write_master(path: Path, text: tuple[str, ...] = ("plain note",)) -> Path:
    return write_book(path, master_sheets(text))


def write_legacy_repairs(path: Path, text: tuple[str, ...]) -> Path:
    """A legacy repair log (Chinese headers, a title row) whose text columns carry `text`."""
    rows: list[list[Any]] = [["2024年维修登记"], ["报修单号", "出厂编号", "报修时间", "故障描述", "维修人员", "备注"]]
    for i, value in enumerate(text):
        rows.append([f"BX{i:04d}", f"SN{i:03d}", T(2024, 5, 1 + i % 28, 9, 30), value, value, value])
    return write_book(path, {"维修记录": rows})
