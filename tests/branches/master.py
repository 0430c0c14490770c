"""A small master workbook with three branches, built the way a clerk would (openpyxl).

Branches: 北京分公司 (Chinese), 华南/深圳 (a slash) and East Office. One repair
is made by 华南/深圳 on a unit East Office sold (its own Branch column wins);
one sale has no branch (it must go nowhere).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from sheetdesk.schema import CALLBACKS as CALLBACKS_REG
from sheetdesk.schema import REPAIRS as REPAIRS_REG
from sheetdesk.schema import SALES as SALES_REG

BEIJING, SOUTH, EAST = "北京分公司", "华南/深圳", "East Office"
BRANCHES = (BEIJING, SOUTH, EAST)

SALES_HEADER = ["serial_no", "product", "model", "category", "sale_date", "customer", "contact", "phone", "branch"]
SALES = [
    ["SN-B01", "Monitor", "M-100", "device", dt.datetime(2023, 5, 10), "Capital Hospital", "Wang Lei",
     "13800000001", BEIJING],
    ["SN-B02", "Monitor", "M-100", "device", dt.datetime(2023, 6, 1), "Peking Clinic", "Li Na", "13800000002", BEIJING],
    ["SN-S01", "Pump", "P-20", "device", dt.datetime(2023, 7, 3), "Shenzhen Medical Center", "Chen Jie",
     "13900000003", SOUTH],
    ["SN-S02", "Pump", "P-20", "device", dt.datetime(2023, 8, 8), "Futian Lab", "Zhou Min", "13900000004", SOUTH],
    ["SN-E01", "Scanner", "S-9", "device", dt.datetime(2023, 9, 9), "Harbor Dental", "Alice Smith",
     "15000000005", EAST],
    ["SN-X01", "Scanner", "S-9", "device", dt.datetime(2023, 9, 10), "Nowhere Trading", "Nobody Known",
     "15000000006", None],
]

REPAIRS_HEADER = ["ticket_no", "serial_no", "reported_at", "request_type", "fault_level", "fault_description",
                  "resolved_at", "technician", "labor_cost", "branch"]
REPAIRS = [
    ["T-B01", "SN-B01", dt.datetime(2024, 3, 1, 9, 0), "Repair", "II", "No display", dt.datetime(2024, 3, 1, 15, 0),
     "Tech Zhao", 100, None],
    ["T-B02", "SN-B02", dt.datetime(2024, 3, 2, 9, 0), "Repair", "III", "Flicker", dt.datetime(2024, 3, 4, 11, 0),
     "Tech Zhao", 0, None],
    ["T-S01", "SN-S01", dt.datetime(2024, 3, 3, 10, 0), "Repair", "II", "Leak", dt.datetime(2024, 3, 3, 18, 0),
     "Tech Sun", 50.5, None],
    ["T-S02", "SN-E01", dt.datetime(2024, 3, 5, 8, 0), "Repair", "I", "Noise", dt.datetime(2024, 3, 5, 11, 30),
     "Tech Qian", None, SOUTH],
    ["T-E01", "SN-E01", dt.datetime(2024, 3, 6, 14, 0), "Complaint", None, "Late delivery", None, "Tech Kelly",
     None, None],
]

CALLBACKS_HEADER = ["ticket_no", "callback_at", "caller", "satisfaction", "comments"]
CALLBACKS = [
    ["T-B01", dt.datetime(2024, 3, 2, 10, 0), "Caller Ma", "Satisfied", "Quick fix"],
    ["T-E01", dt.datetime(2024, 3, 7, 16, 0), "Caller Bob", "Dissatisfied", "Still waiting"],
]


def write_master(path: Path, *, sales: list[list[Any]] | None = None, repairs: list[list[Any]] | None = None,
                 callbacks: list[list[Any]] | None = None, notes_sheet: bool = True, lang: str = "en") -> Path:
    """The master: headers (and sheet names) in `lang`; a title row above the sales header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for register, header, rows in (
        (SALES_REG, SALES_HEADER, SALES if sales is None else sales),
        (REPAIRS_REG, REPAIRS_HEADER, REPAIRS if repairs is None else repairs),
        (CALLBACKS_REG, CALLBACKS_HEADER, CALLBACKS if callbacks is None else callbacks),
    ):
        sheet = ws if register is SALES_REG else wb.create_sheet()
        sheet.title = register.name(lang)
        if register is SALES_REG:
            sheet.append(["销售台账 2024" if lang == "zh" else "Sales register 2024"])
        sheet.append([register.field(k).label(lang) for k in header])
        for row in rows:
            sheet.append(row)
    if notes_sheet:
        notes = wb.create_sheet("Notes")
        notes.append(["Head office notes"])
        notes.append(["Quarterly review", dt.datetime(2024, 4, 1)])
    wb.save(path)
    return path


def tokens_of(branch: str) -> set[str]:
    """Everything of `branch` that must not appear in another branch's file."""
    serials = {r[0] for r in SALES if r[8] == branch}
    tickets = {r[0] for r in REPAIRS if _repair_branch(r) == branch}
    found = {branch}
    found |= serials | tickets
    found |= {str(r[i]) for r in SALES if r[8] == branch for i in (5, 6, 7)}
    found |= {r[7] for r in REPAIRS if _repair_branch(r) == branch}
    found |= {r[2] for r in CALLBACKS if _ticket_branch(r[0]) == branch}
    return found


def unassigned_tokens() -> set[str]:
    return {str(r[i]) for r in SALES if r[8] is None for i in (0, 5, 6, 7)}


def referenced_serials(branch: str) -> set[str]:
    """Serials named by the branch's own repairs (they are the branch's data too)."""
    return {r[1] for r in REPAIRS if _repair_branch(r) == branch}


def _repair_branch(repair: list[Any]) -> str | None:
    if repair[9]:
        return str(repair[9])
    sale = next((s for s in SALES if s[0] == repair[1]), None)
    return sale[8] if sale else None


def _ticket_branch(ticket: str) -> str | None:
    repair = next((r for r in REPAIRS if r[0] == ticket), None)
    return _repair_branch(repair) if repair else None
