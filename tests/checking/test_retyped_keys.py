"""A serial, a ticket or a fault category retyped in another case, in full-width
characters or with stray spaces is the same key in validate, check, the KPIs
and the JSON (SPEC §8: matched with case, width and spaces folded, everywhere).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.io.load import load_dataset
from sheetdesk.schema import CALLBACKS, REPAIRS, SALES
from tests.helpers.books import write_book
from tests.helpers.cli import run_json
from tests.helpers.labels import header

D, T = dt.date, dt.datetime
AS_OF = "2025-12-01T12:00"

# The key as typed in the register, and three ways a clerk retypes it.
SERIAL, TICKET, CATEGORY = "SN 25A0001", "BX-001", "Display Panel"
RETYPED = {
    "case": ("sn 25a0001", "bx-001", "DISPLAY PANEL"),
    "width": ("ＳＮ　２５Ａ０００１", "ＢＸ－００１", "Ｄｉｓｐｌａｙ　Ｐａｎｅｌ"),
    "spaces": ("  SN   25A0001 ", " BX-001  ", "display  panel "),
}

SALE_KEYS = ("serial_no", "product", "model", "category", "sale_date", "customer", "branch")
REPAIR_KEYS = ("ticket_no", "serial_no", "reported_at", "fault_level", "fault_category", "fault_description",
               "responded_at", "resolved_at", "cause", "parts_cost", "labor_cost", "fee_charged", "branch")  # fmt: skip
CALLBACK_KEYS = ("ticket_no", "callback_at", "satisfaction")


def repair(ticket: str, serial: str, reported: T, category: str, fee: float | None = None) -> list[Any]:
    resolved = reported + dt.timedelta(hours=3)
    return [ticket, serial, reported, "II", category, "No picture", reported + dt.timedelta(minutes=30), resolved,
            "Quality", 100, 50, fee, None]  # fmt: skip


def book(path: Path, serial: str, ticket: str, category: str) -> Path:
    """One sale in Beijing; four repairs of it on the same problem, the last two with the key retyped,
    the first with a fee charged; a callback on the first ticket, retyped."""
    return write_book(path, {
        "Sales": [header(SALES, *SALE_KEYS), [SERIAL, "Monitor", "M-1", "display", D(2025, 1, 6), "City Hospital",
                                             "Beijing"]],
        "Repairs": [
            header(REPAIRS, *REPAIR_KEYS),
            repair(TICKET, serial, T(2025, 2, 3, 10), CATEGORY, fee=80),
            repair("BX-002", SERIAL, T(2025, 3, 3, 10), CATEGORY),
            repair("BX-003", serial, T(2025, 4, 1, 10), category),
            repair("BX-004", serial, T(2025, 5, 5, 10), category),
        ],
        "Callbacks": [header(CALLBACKS, *CALLBACK_KEYS), [ticket, T(2025, 2, 4, 9), "Satisfied"]],
    })  # fmt: skip


@pytest.fixture(params=sorted(RETYPED))
def retyped(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    serial, ticket, category = RETYPED[request.param]
    return book(tmp_path / f"{request.param}.xlsx", serial, ticket, category)


def test_validate_links_them(retyped: Path) -> None:
    doc = run_json("validate", retyped)
    assert [i["code"] for i in doc["issues"]] == []


def test_check_links_serial_ticket_and_category(retyped: Path) -> None:
    doc = run_json("check", retyped, "--as-of", AS_OF)
    assert {i["code"] for i in doc["issues"]} == {"repair.fee_not_billable"}  # the fee is judged: the sale is known
    first, second, third, fourth = doc["repairs"]
    assert [r["warranty_status"] for r in doc["repairs"]] == ["free"] * 4
    assert (first["billable"], first["callback_status"]) == (False, "done")
    # Two earlier repairs of the same problem in the free period: the third and fourth may be replaced.
    assert [r["replacement_eligible"] for r in doc["repairs"]] == [False, False, True, True]
    assert (second["callback_status"], third["callback_status"], fourth["callback_status"]) == ("missing",) * 3
    kpis = doc["kpis"]
    assert list(kpis["by_branch"]) == ["Beijing"]  # every repair takes its sale's branch
    assert kpis["overall"]["satisfaction"]["rated"] == 1
    assert kpis["overall"]["warranty_status"]["unknown"] == 0
    assert kpis["repeat_repairs"] == [{"model": "M-1", "fault_category": CATEGORY, "repairs": 4, "serials": 1,
                                       "repeat_serials": 1, "repeat_repairs": 3}]  # fmt: skip


def test_the_dataset_links_them(retyped: Path) -> None:
    links = load_dataset([retyped]).links
    assert links.repair_sale.parent_of == (0, 0, 0, 0)
    assert links.repair_sale.children_of == ((0, 1, 2, 3),)
    assert links.callback_repair.parent_of == (0,)
    assert links.callback_repair.children_of == ((0,), (), (), ())
    assert links.repair_branch == ("Beijing",) * 4
    assert links.callback_branch == ("Beijing",)


def test_a_different_key_is_still_unknown(tmp_path: Path) -> None:
    path = book(tmp_path / "other.xlsx", "SN 25A0002", "BX-009", "Display")
    doc = run_json("check", path, "--as-of", AS_OF)
    found = sorted((i["code"], i["cell"]) for i in doc["issues"])
    assert found == [("serial.unknown", "B2"), ("serial.unknown", "B4"), ("serial.unknown", "B5"),
                     ("ticket.unknown", "A2")]  # fmt: skip
    assert [r["warranty_status"] for r in doc["repairs"]] == ["unknown", "free", "unknown", "unknown"]


def test_the_annotated_callbacks_sheet_finds_the_retyped_ticket(retyped: Path, tmp_path: Path) -> None:
    out = tmp_path / "checked.xlsx"
    assert run_json("check", retyped, "--as-of", AS_OF, "-o", out)["valid"] is False  # the fee on a covered repair
    ws = openpyxl.load_workbook(out)[CALLBACKS.en]
    header = [c.value for c in ws[1]]
    due, status = ws.cell(2, header.index("Callback Due") + 1).value, ws.cell(2, header.index("Callback Status") + 1).value
    assert (due, status) == (dt.datetime(2025, 2, 6, 23, 59, 59), "Done")
