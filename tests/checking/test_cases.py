"""Hand-worked cases through `sheetdesk check` on a small workbook: every expected value worked out by hand.

Default policy: 5x8 Mon-Fri 09:00-17:00 with China's holidays (country CN),
level I/II on 24x7, level III on business hours, callbacks within 3 days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import chinese_calendar
import openpyxl
import pytest

from tests.checking.books import (
    CALLBACKS,
    REPAIRS,
    SALES,
    D,
    T,
    callback,
    columns_by_label,
    fill_of,
    repair,
    run,
    run_json,
    sale,
    write_book,
)

LATE_AS_OF, EARLY_AS_OF = "2025-10-21T09:00", "2025-10-20T17:00"
RED, AMBER, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"


def build(path: Path) -> Path:
    done = dict(responded=T(2025, 5, 6, 9, 30), plan=T(2025, 5, 6, 10, 0), on_site=T(2025, 5, 6, 10, 30),
                resolved=T(2025, 5, 6, 15, 0), category="display")
    return write_book(path, {
        "Sales": [SALES, sale("SN-A", sold=D(2025, 3, 1)), sale("SN-B")],
        "Repairs": [
            REPAIRS,
            # A: 4 days after the sale (return window) but dropped -> excluded, billable, fee = parts + labour
            repair("T-A", "SN-A", T(2025, 3, 5, 10, 0), "II", responded=T(2025, 3, 5, 10, 30),
                   plan=T(2025, 3, 5, 12, 0), on_site=T(2025, 3, 5, 11, 0), resolved=T(2025, 3, 5, 15, 0),
                   cause="Drop", parts=120, labor=80, fee=200),
            # B: level I on 24x7, Saturday 22:10 + 4h = Sunday 02:10; resolved 05:47 -> 217 minutes late
            repair("T-B", "SN-B", T(2025, 4, 12, 22, 10), "I", responded=T(2025, 4, 12, 22, 40),
                   plan=T(2025, 4, 12, 23, 30), resolved=T(2025, 4, 13, 5, 47), category="pump"),
            # C: level III, Tuesday 2025-09-30 16:30, the last working day before National Day (10-01..08)
            repair("T-C", "SN-B", T(2025, 9, 30, 16, 30), "III", responded=T(2025, 10, 9, 10, 0),
                   on_site=T(2025, 10, 9, 16, 0), resolved=T(2025, 10, 11, 17, 30), category="motor"),
            # C2: level III, Friday 2025-09-26 16:30: the next working day is Sunday 09-28 (make-up day)
            repair("T-F", "SN-B", T(2025, 9, 26, 16, 30), "III", responded=T(2025, 9, 28, 11, 0),
                   on_site=T(2025, 9, 29, 10, 0), resolved=T(2025, 9, 30, 11, 0), category="door"),
            # D: open level II ticket: resolve due 10-20 18:00 -> pending at 17:00, overdue next morning
            repair("T-D", "SN-B", T(2025, 10, 20, 10, 0), "II", responded=T(2025, 10, 20, 10, 30),
                   plan=T(2025, 10, 20, 12, 0), on_site=T(2025, 10, 20, 11, 30), category="fan"),
            # E: callbacks due by the end of 2025-05-09 (resolved 05-06 + 3 days)
            repair("T-E1", "SN-B", T(2025, 5, 6, 9, 0), "II", **done),
            repair("T-E2", "SN-B", T(2025, 5, 6, 9, 0), "II", **done),
            repair("T-E3", "SN-B", T(2025, 5, 6, 9, 0), "II", **done),
            repair("T-E4", "SN-B", T(2025, 10, 20, 8, 0), "II", responded=T(2025, 10, 20, 8, 30),
                   plan=T(2025, 10, 20, 9, 0), on_site=T(2025, 10, 20, 9, 30), resolved=T(2025, 10, 20, 12, 0),
                   category="lamp"),
        ],
        "Callbacks": [
            CALLBACKS,
            callback("T-E1", T(2025, 5, 9, 20, 0), "Dissatisfied"),  # on time, but not escalated: error
            callback("T-E2", T(2025, 5, 10, 9, 0), "Dissatisfied", escalated="Manager Liu"),  # late
        ],
    })


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("cases") / "cases.xlsx")


@pytest.fixture(scope="module")
def late(book: Path) -> dict[str, Any]:
    return run_json(book, "--as-of", LATE_AS_OF)


@pytest.fixture(scope="module")
def early(book: Path) -> dict[str, Any]:
    return run_json(book, "--as-of", EARLY_AS_OF)


def ticket(document: dict[str, Any], no: str) -> dict[str, Any]:
    return next(r for r in document["repairs"] if r["ticket_no"] == no)


def test_the_only_finding_is_the_unescalated_dissatisfied_callback(late: dict[str, Any]) -> None:
    found = {(i["severity"], i["code"], i["sheet"], i["cell"]) for i in late["issues"]}
    assert found == {("error", "escalation.missing", "Callbacks", "E2")}
    assert late["valid"] is False and late["as_of"] == "2025-10-21T09:00:00"


def test_excluded_cause_inside_the_return_window_is_billable(late: dict[str, Any]) -> None:
    a = ticket(late, "T-A")
    assert (a["warranty_status"], a["billable"], a["expected_fee"]) == ("excluded", True, 200.0)
    assert a["replacement_eligible"] is False
    sale_a = next(s for s in late["sales"] if s["serial_no"] == "SN-A")
    assert sale_a == {"serial_no": "SN-A", "warranty_status": "free", "start": "2025-03-01",
                      "free_until": "2026-02-28", "paid_until": None, "next_visit_due": None}


def test_level_one_on_24x7_resolved_late(late: dict[str, Any]) -> None:
    b = ticket(late, "T-B")
    assert (b["response_due"], b["response_status"], b["response_over_minutes"]) == ("2025-04-12T23:10:00", "met", 0)
    assert (b["plan_due"], b["plan_status"]) == ("2025-04-12T23:40:00", "met")
    assert b["on_site_status"] == "n/a" and b["on_site_due"] is None and b["on_site_over_minutes"] is None
    assert (b["resolve_due"], b["resolve_status"], b["resolve_over_minutes"]) == ("2025-04-13T02:10:00", "breached", 217)
    assert b["loaner_required"] is True  # loaner_after 4h passed, no loaner given
    assert (b["warranty_status"], b["billable"], b["expected_fee"]) == ("free", False, 0.0)


def test_the_holiday_calendar_is_the_one_assumed() -> None:
    for day in range(1, 9):
        assert chinese_calendar.is_holiday(dt.date(2025, 10, day))
    for makeup in (dt.date(2025, 9, 28), dt.date(2025, 10, 11)):  # Sunday and Saturday, both make-up days
        assert makeup.weekday() >= 5 and chinese_calendar.is_workday(makeup)
    assert dt.date(2025, 9, 30).weekday() == 1 and dt.date(2025, 9, 26).weekday() == 4


def test_level_three_before_national_day(late: dict[str, Any]) -> None:
    c = ticket(late, "T-C")
    # 4h: 16:30-17:00 on 09-30, then 3.5h from 09:00 on 10-09 (10-01..08 are holidays)
    assert (c["response_due"], c["response_status"]) == ("2025-10-09T12:30:00", "met")
    # 1d: the next working day at the same time
    assert (c["on_site_due"], c["on_site_status"], c["on_site_over_minutes"]) == ("2025-10-09T16:30:00", "met", 0)
    # 3d: 10-09 Thu, 10-10 Fri, 10-11 Sat (make-up day); resolved 17:30 = 30 working minutes late
    assert (c["resolve_due"], c["resolve_status"], c["resolve_over_minutes"]) == ("2025-10-11T16:30:00", "breached", 30)
    assert c["plan_status"] == "n/a" and c["loaner_required"] is False


def test_level_three_on_a_friday_uses_the_sunday_make_up_day(late: dict[str, Any]) -> None:
    f = ticket(late, "T-F")
    assert (f["response_due"], f["response_status"]) == ("2025-09-28T12:30:00", "met")
    # due Sunday 09-28 16:30; on site Monday 10:00 = 30 min (16:30-17:00) + 60 min (09:00-10:00)
    assert (f["on_site_due"], f["on_site_status"], f["on_site_over_minutes"]) == ("2025-09-28T16:30:00", "breached", 90)
    assert (f["resolve_due"], f["resolve_status"]) == ("2025-09-30T16:30:00", "met")


def test_open_ticket_is_pending_then_overdue(early: dict[str, Any], late: dict[str, Any]) -> None:
    before, after = ticket(early, "T-D"), ticket(late, "T-D")
    assert before["resolve_due"] == after["resolve_due"] == "2025-10-20T18:00:00"
    assert (before["resolve_status"], before["resolve_over_minutes"]) == ("pending", None)
    assert (after["resolve_status"], after["resolve_over_minutes"]) == ("overdue", 15 * 60)
    assert before["callback_status"] == after["callback_status"] == "n/a"  # not resolved: no callback due
    assert (after["response_status"], after["plan_status"], after["on_site_status"]) == ("met", "met", "met")
    assert after["loaner_required"] is False  # 48h not passed yet
    assert early["as_of"] == "2025-10-20T17:00:00"


def test_callbacks_on_time_late_missing_pending(late: dict[str, Any]) -> None:
    due = "2025-05-09T23:59:59"
    assert [(ticket(late, t)["callback_due"], ticket(late, t)["callback_status"]) for t in ("T-E1", "T-E2", "T-E3")] \
        == [(due, "done"), (due, "late"), (due, "missing")]
    e4 = ticket(late, "T-E4")
    assert (e4["callback_due"], e4["callback_status"]) == ("2025-10-23T23:59:59", "pending")


def test_the_annotated_workbook_shows_the_same_values(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    code, stdout, _ = run(book, "--as-of", LATE_AS_OF, "-o", out)
    assert code == 1 and stdout.splitlines()[0] == "As of 2025-10-21 09:00:00"
    wb = openpyxl.load_workbook(out)
    ws = wb["Repairs"]
    cols = columns_by_label(ws, 1)
    assert min(cols[label] for label in ("Warranty Status", "Resolve Due", "Callback Status")) > len(REPAIRS)
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}

    def cell(t: str, label: str) -> Any:
        return ws.cell(rows[t], cols[label])

    assert cell("T-B", "Resolve Due").value == dt.datetime(2025, 4, 13, 2, 10)
    assert (cell("T-B", "Resolve Status").value, fill_of(cell("T-B", "Resolve Status"))) == ("Breached", RED)
    assert cell("T-B", "Resolve Over").value == "3h 37m"  # 217 minutes in the JSON, on a 24x7 target
    assert (cell("T-B", "Response Status").value, fill_of(cell("T-B", "Response Status"))) == ("Met", GREEN)
    assert (cell("T-D", "Resolve Status").value, fill_of(cell("T-D", "Resolve Status"))) == ("Overdue", RED)
    assert (cell("T-E4", "Callback Status").value, fill_of(cell("T-E4", "Callback Status"))) == ("Pending", AMBER)
    assert (cell("T-E3", "Callback Status").value, fill_of(cell("T-E3", "Callback Status"))) == ("Missing", RED)
    assert (cell("T-A", "Warranty Status").value, cell("T-A", "Billable").value) == ("Excluded (billable)", "Yes")
    assert cell("T-A", "Expected Fee").value == 200
    assert cell("T-B", "Loaner Required").value == "Yes"
    calls = wb["Callbacks"]
    cb = columns_by_label(calls, 1)
    assert [(calls.cell(r, 1).value, calls.cell(r, cb["Callback Due"]).value, calls.cell(r, cb["Callback Status"]).value)
            for r in (2, 3)] == [("T-E1", dt.datetime(2025, 5, 9, 23, 59, 59), "Done"),
                                 ("T-E2", dt.datetime(2025, 5, 9, 23, 59, 59), "Late")]
    assert calls["E2"].comment is not None and fill_of(calls["E2"]) == RED
    sales = wb["Sales"]
    sc = columns_by_label(sales, 1)
    assert sales.cell(2, sc["Free Until"]).value == dt.datetime(2026, 2, 28)
    assert sales.cell(2, sc["Paid Until"]).value == "Lifetime"  # blank paid_months; null in the JSON
