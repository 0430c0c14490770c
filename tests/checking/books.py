"""Small workbooks for the `check` tests, built with xlsxwriter, and readers of the output."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.schema import CALLBACKS as CALLBACKS_REGISTER
from sheetdesk.schema import REPAIRS as REPAIRS_REGISTER
from sheetdesk.schema import SALES as SALES_REGISTER
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS
from tests.helpers import cli
from tests.helpers.books import write_book  # noqa: F401  (re-exported for the tests here)
from tests.helpers.labels import header

D, T = dt.date, dt.datetime

# The columns the `check` tests fill, as a clerk's English header (the declared labels).
SALES = header(SALES_REGISTER, "serial_no", "product", "model", "category", "sale_date", "acceptance_date", "customer",
               "branch")  # fmt: skip
REPAIRS = header(REPAIRS_REGISTER, "ticket_no", "serial_no", "reported_at", "request_type", "fault_level",
                 "fault_category", "fault_description", "responded_at", "plan_at", "on_site_at", "resolved_at",
                 "technician", "cause", "parts_cost", "labor_cost", "fee_charged", "loaner")  # fmt: skip
CALLBACKS = header(CALLBACKS_REGISTER, "ticket_no", "callback_at", "caller", "satisfaction", "escalated_to")
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
    """`sheetdesk check ARGS...`: exit code, stdout, stderr."""
    result = cli.run("check", *args)
    return result.code, result.stdout, result.stderr


def run_json(*args: str | Path) -> dict[str, Any]:
    document: dict[str, Any] = cli.run_json("check", *args)
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
