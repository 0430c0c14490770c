"""Small workbooks for the `check` tests, built with xlsxwriter, and readers of the output."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.cli import main
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS
from tests.helpers.books import write_book  # noqa: F401  (re-exported for the tests here)

D, T = dt.date, dt.datetime

SALES = ["Serial No", "Product", "Model", "Category", "Sale Date", "Acceptance Date", "Customer", "Branch"]
REPAIRS = ["Ticket No", "Serial No", "Reported At", "Request Type", "Fault Level", "Fault Category",
           "Fault Description", "Responded At", "Plan Submitted At", "On Site At", "Resolved At", "Technician",
           "Cause", "Parts Cost", "Labor Cost", "Fee Charged", "Loaner Provided"]
CALLBACKS = ["Ticket No", "Callback At", "Caller", "Satisfaction", "Escalated To"]
# The built-in SLA sheet, header first (the tests change one target of it).
SLA_HEADER, *DEFAULT_SLA = DEFAULT_POLICY_ROWS["sla"]


def sla_sheet(level_ii_resolve: str) -> list[list[Any]]:
    """The default SLA sheet with level II's resolve target changed."""
    rows = [list(r) for r in DEFAULT_SLA]
    rows[1][5] = level_ii_resolve
    return [SLA_HEADER, *rows]


def sale(serial: str, sold: D = D(2025, 1, 10), category: str = "pump") -> list[Any]:
    return [serial, "Infusion Pump", "P-100", category, sold, None, "City Hospital", "Beijing"]


def repair(ticket: str, serial: str, reported: T, level: str | None = "II", *, kind: str = "Repair",
           responded: T | None = None, plan: T | None = None, on_site: T | None = None,
           resolved: T | None = None, cause: str = "Quality", parts: float = 0, labor: float = 0,
           fee: float | None = None, category: str = "power", loaner: str | None = None) -> list[Any]:
    return [ticket, serial, reported, kind, level, category, "No power", responded, plan, on_site, resolved,
            "Wang", cause, parts, labor, fee, loaner]


def callback(ticket: str, at: T, satisfaction: str = "Satisfied", escalated: str | None = None) -> list[Any]:
    return [ticket, at, "Zhao", satisfaction, escalated]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str | Path) -> dict[str, Any]:
    code, out, err = run(*args, "--json")
    assert code in (0, 1), err
    document: dict[str, Any] = json.loads(out)
    return document


def header_row(ws: Worksheet, first_label: str) -> int:
    """The row number whose column A holds `first_label` (the register's header)."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == first_label:
            return int(row[0].row)
    raise AssertionError(f"no header row starting with {first_label!r} in {ws.title}")


def columns_by_label(ws: Worksheet, header: int) -> dict[str, int]:
    """Header label -> 1-based column, for the header row."""
    return {str(c.value): int(c.column) for c in ws[header] if c.value is not None}


def fill_of(cell: Any) -> str | None:
    """'FFC7CE' for a cell filled with #FFC7CE, None when not filled."""
    if cell.fill is None or cell.fill.fill_type != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("xl/charts/chart") and n.endswith(".xml"))


def load(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)
