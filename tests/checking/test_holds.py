"""`sheetdesk check` with a Holds register, end to end: JSON, the annotated sheets and the Summary, in
English and Chinese. Every expected value is worked out by hand in the comments.

Built-in policy: level II on 24x7 (resolve 8h), level III on business hours Mon–Fri 09:00–17:00 with
China's holidays (resolve 3 working days); every hold reason pauses the resolve target only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.io.xlsx import STATUS_FILL
from sheetdesk.schema import HOLDS, Register
from sheetdesk.schema import REPAIRS as REPAIRS_REGISTER
from sheetdesk.schema import SALES as SALES_REGISTER
from sheetdesk.schema.computed import STATUS_LABELS
from tests.checking.books import REPAIRS, SALES, T, columns_by_label, fill_of, repair, run_json, sale, write_book
from tests.helpers.labels import header

AS_OF = "2025-10-10T09:00"
BLUE = STATUS_FILL["paused"].lstrip("#").upper()


def in_lang(register: Register, labels: list[str], lang: str) -> list[str]:
    """An English header of the test books in `lang`."""
    by_en = {f.en: f for f in register.fields}
    return [by_en[label].label(lang) for label in labels]


def build(path: Path, lang: str = "en") -> Path:
    parts, customer = ("待料", "待客户确认") if lang == "zh" else ("Waiting for parts", "Waiting for customer")
    return write_book(path, {
        "Sales": [in_lang(SALES_REGISTER, SALES, lang), sale("SN-1")],
        "Repairs": [
            in_lang(REPAIRS_REGISTER, REPAIRS, lang),
            # T-1: level III reported Tue 09-30 10:00; 3 working days = Oct 9, 10, 11 (Sat, make-up) -> Oct 11
            # 10:00. Held Sep 30 15:00 to Oct 9 10:00 = 2h + (holiday) + 1h = 3h: due Oct 11 13:00.
            repair("T-1", "SN-1", T(2025, 9, 30, 10), "III", responded=T(2025, 9, 30, 11),
                   on_site=T(2025, 9, 30, 14), resolved=T(2025, 10, 11, 12, 30)),
            # T-2: level II reported Thu 10-09 09:00, due 17:00. On hold since 12:00, still at Fri 09:00:
            # 21h held, due Fri 14:00: paused.
            repair("T-2", "SN-1", T(2025, 10, 9, 9), "II", responded=T(2025, 10, 9, 9, 30),
                   plan=T(2025, 10, 9, 10), on_site=T(2025, 10, 9, 10, 30)),
            # T-3: level II reported Thu 10-09 08:00, due 16:00. On hold from 17:00 (after the due time),
            # open: 17h since the due time, 16h of them on hold -> overdue by 60 minutes.
            repair("T-3", "SN-1", T(2025, 10, 9, 8), "II", responded=T(2025, 10, 9, 8, 30),
                   plan=T(2025, 10, 9, 9), on_site=T(2025, 10, 9, 9, 30)),
        ],
        "Holds": [
            header(HOLDS, lang=lang),
            ["T-1", T(2025, 9, 30, 15), T(2025, 10, 9, 10), parts, "main board ordered"],
            ["T-2", T(2025, 10, 9, 12), None, parts, None],
            ["T-3", T(2025, 10, 9, 17), None, customer, None],
        ],
    })


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("holds")
    book = build(folder / "holds.xlsx")
    out = folder / "out.xlsx"
    document = run_json(book, "--as-of", AS_OF, "-o", out)
    return {"doc": document, "book": openpyxl.load_workbook(out), "repairs": {r["ticket_no"]: r for r in document["repairs"]}}


def test_resolve_targets_pause_and_move(checked: dict[str, Any]) -> None:
    r = checked["repairs"]
    got = {t: (r[t]["resolve_due"], r[t]["resolve_status"], r[t]["resolve_over_minutes"], r[t]["resolve_held_minutes"])
           for t in r}  # fmt: skip
    assert got == {
        "T-1": ("2025-10-11T13:00:00", "met", 0, 180),
        "T-2": ("2025-10-10T14:00:00", "paused", None, 21 * 60),
        "T-3": ("2025-10-09T16:00:00", "overdue", 60, 16 * 60),
    }
    # The other targets are not paused by default: held 0 (null where there is no target).
    assert (r["T-1"]["response_held_minutes"], r["T-1"]["plan_held_minutes"]) == (0, None)
    assert checked["doc"]["valid"] is True and checked["doc"]["stats"]["rows"]["holds"] == 3


def test_kpis_count_paused_apart_and_hold_time_by_reason(checked: dict[str, Any]) -> None:
    kpis = checked["doc"]["kpis"]
    # met T-1, overdue T-3, paused T-2: compliance 1 / (1 + 0 + 1), the paused ticket left out.
    assert kpis["overall"]["compliance"]["resolve"] == {
        "met": 1, "breached": 0, "overdue": 1, "pending": 0, "paused": 1, "rate": 0.5
    }  # fmt: skip
    # Per hold, on its ticket's calendar, to the resolution or as-of: T-1 3h (business), T-2 21h, T-3 16h.
    assert kpis["holds"] == {
        "by_reason": {
            "waiting_parts": {"holds": 2, "tickets": 2, "running": 1, "minutes": 24 * 60, "average_minutes": 720},
            "waiting_customer": {"holds": 1, "tickets": 1, "running": 1, "minutes": 16 * 60, "average_minutes": 960},
        },
        "total": {"holds": 3, "tickets": 3, "running": 2, "minutes": 40 * 60, "average_minutes": 800},
    }


def test_the_repair_sheet_shows_paused_in_blue_and_the_time_held_in_words(checked: dict[str, Any]) -> None:
    ws = checked["book"]["Repairs"]
    cols = columns_by_label(ws, 1)
    assert "Response Held" not in cols and "SLA Rule (row)" not in cols  # nothing pauses it; no conditions
    status, held, over = (ws.cell(r, cols[c]) for r in (3,) for c in ("Resolve Status", "Resolve Held", "Resolve Over"))
    assert (status.value, fill_of(status), held.value, over.value) == (STATUS_LABELS["paused"][0], BLUE, "21h", None)
    assert ws.cell(2, cols["Resolve Held"]).value == "3h"  # working hours on a business-hours target
    assert ws.cell(4, cols["Resolve Over"]).value == "1h"


def test_the_holds_sheet_gets_each_holds_time(checked: dict[str, Any]) -> None:
    ws = checked["book"]["Holds"]
    assert [c.value for c in ws[1]][-1] == "Time Held"
    assert [ws.cell(r, 6).value for r in (2, 3, 4)] == ["3h", "21h", "16h"]


def test_the_summary_has_hold_time_by_reason_and_its_chart(checked: dict[str, Any]) -> None:
    ws = checked["book"]["Summary"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[0] == "Hold time by reason")
    assert rows[start + 1][:6] == ["Reason", "Holds", "Tickets", "Still on hold", "Hours held", "Hours per hold"]
    assert rows[start + 2][:6] == ["Waiting for parts", 2, 2, 1, 24, 12]  # the costliest first
    assert rows[start + 3][:6] == ["Waiting for customer", 1, 1, 1, 16, 16]
    assert rows[start + 4][:6] == ["Total", 3, 3, 2, 40, 13.3]
    assert len(ws._charts) == 4


def test_in_chinese(tmp_path: Path) -> None:
    book = build(tmp_path / "holds.zh.xlsx", "zh")
    out = tmp_path / "out.xlsx"
    document = run_json(book, "--as-of", AS_OF, "-o", out)  # Chinese headers: a Chinese workbook
    assert {r["ticket_no"]: r["resolve_status"] for r in document["repairs"]} == {
        "T-1": "met", "T-2": "paused", "T-3": "overdue"
    }  # fmt: skip
    wb = openpyxl.load_workbook(out)
    holds = wb["Holds"]
    assert holds.cell(1, 6).value == "暂停时长" and holds.cell(3, 6).value == "21小时"
    summary = wb["汇总"]
    text = [[c.value for c in row] for row in summary.iter_rows()]
    start = next(i for i, row in enumerate(text) if row[0] == "按暂停原因的暂停时长")
    assert text[start + 1][:6] == ["暂停原因", "暂停次数", "报修单数", "仍在暂停", "暂停小时数", "平均每次小时数"]
    assert [text[start + 2][0], text[start + 3][0], text[start + 4][0]] == ["待料", "待客户确认", "合计"]


def test_a_workbook_without_holds_has_no_hold_columns_sheet_rows_or_kpis(tmp_path: Path) -> None:
    book = write_book(tmp_path / "plain.xlsx", {"Sales": [SALES, sale("SN-1")],
                                                 "Repairs": [REPAIRS, repair("T-1", "SN-1", T(2025, 9, 30, 10), "III")]})
    out = tmp_path / "out.xlsx"
    document = run_json(book, "--as-of", AS_OF, "-o", out)
    assert "holds" not in document["kpis"] and "holds" not in document["stats"]["rows"]
    assert document["repairs"][0]["resolve_held_minutes"] == 0
    labels = [c.value for c in openpyxl.load_workbook(out)["Repairs"][1]]
    assert not any(str(label).endswith("Held") for label in labels)
    summary = [c.value for row in openpyxl.load_workbook(out)["Summary"].iter_rows() for c in row]
    assert "Hold time by reason" not in summary
