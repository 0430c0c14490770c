"""Validating the Holds register: each mistake a declared finding at its cell, in English and Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sheetdesk.findings import kind_of
from sheetdesk.schema import HOLDS
from sheetdesk.validation import validate_files
from tests.helpers.labels import header
from tests.validation.books import REPAIRS_EN, SALES_EN, repair, sale, write_book

T = dt.datetime


def book(path: Path) -> Path:
    # T1 reported 2025-03-01 09:00, resolved 15:00 (the helper's defaults); T2 still open.
    return write_book(path, {
        "Sales": [SALES_EN, sale("SN001")],
        "Repairs": [REPAIRS_EN, repair("T1"), repair("T2", resolved=None, reported=T(2025, 3, 2, 9))],
        "Holds": [
            header(HOLDS),
            ["T1", T(2025, 3, 1, 10), T(2025, 3, 1, 11), "Waiting for parts", None],  # row 2: fine
            ["T9", T(2025, 3, 1, 10), T(2025, 3, 1, 11), "待料", None],  # row 3: unknown ticket (A3)
            ["t1 ", T(2025, 3, 1, 8), T(2025, 3, 1, 9, 30), "待料", None],  # row 4: before reported (B4)
            ["T2", T(2025, 3, 2, 12), T(2025, 3, 2, 10), "Other", None],  # row 5: until before from (C5)
            ["T2", T(2025, 3, 2, 13), None, "waiting customer", None],  # row 6: open (fine: T2 is open)
            ["T2", T(2025, 3, 2, 15), T(2025, 3, 2, 16), "Other", None],  # row 7: overlaps row 6 (B7)
            ["T1", T(2025, 3, 1, 16), T(2025, 3, 1, 17), "待料", None],  # row 8: after resolved (B8)
            ["T1", T(2025, 3, 1, 12), None, "Waiting for parts", None],  # row 9: open on a resolved ticket (C9)
            ["T2", T(2025, 3, 2, 10), T(2025, 3, 2, 11), "a long lunch", None],  # row 10: unknown reason (D10)
            ["T2", None, None, "Other", None],  # row 11: hold_from is required (B11)
        ],
    })


def test_every_hold_mistake_is_found_at_its_cell(tmp_path: Path) -> None:
    result = validate_files([book(tmp_path / "holds.xlsx")], as_of=T(2025, 6, 1))
    found = [(i.code, i.severity, i.cell) for i in result.report.issues if i.sheet == "Holds"]
    assert found == [
        ("hold.unknown_ticket", "error", "A3"),
        ("hold.before_reported", "error", "B4"),
        ("date.order", "error", "C5"),
        ("hold.overlap", "warning", "B7"),  # row 7 starts while row 6 (same ticket) is still open
        ("hold.after_resolved", "error", "B8"),
        ("hold.open_on_resolved", "error", "C9"),
        ("value.enum", "error", "D10"),
        ("required", "error", "B11"),
    ]
    messages = {i.code: i.text("en") for i in result.report.issues}
    assert messages["hold.unknown_ticket"] == "Ticket No 'T9' is not in the repair log ('Repairs')"
    assert messages["hold.before_reported"] == (
        "Hold From 2025-03-01 08:00 is before the ticket's Reported At 2025-03-01 09:00 ('Repairs' row 2); "
        "only the time after it is counted"
    )
    assert messages["hold.overlap"] == (
        "this hold overlaps the hold in row 6 on the same ticket; the time they share is counted once"
    )
    assert messages["hold.open_on_resolved"] == (
        "Hold Until is blank but the ticket was resolved (Resolved At 2025-03-01 15:00, 'Repairs' row 2); "
        "the hold pauses nothing until you write when it ended"
    )
    zh = {i.code: i.text("zh") for i in result.report.issues}
    assert zh["hold.after_resolved"] == (
        "暂停开始 2025-03-01 16:00 晚于该报修单的修复时间 2025-03-01 15:00（'Repairs' 第 2 行）；该暂停不起作用"
    )


def test_a_hold_on_a_ticket_held_twice_in_a_row_is_no_overlap(tmp_path: Path) -> None:
    path = write_book(tmp_path / "ok.xlsx", {
        "Repairs": [REPAIRS_EN, repair("T1")],
        "Holds": [header(HOLDS), ["T1", T(2025, 3, 1, 10), T(2025, 3, 1, 11), "待料", None],
                  ["T1", T(2025, 3, 1, 11), T(2025, 3, 1, 12), "待客户确认", None]],
    })  # fmt: skip
    result = validate_files([path], as_of=T(2025, 6, 1))
    assert [i.code for i in result.report.issues] == []


@pytest.mark.parametrize(
    "code",
    ["hold.unknown_ticket", "hold.before_reported", "hold.overlap", "hold.after_resolved", "hold.open_on_resolved"],
)
def test_every_hold_finding_is_declared_in_both_languages(code: str) -> None:
    kind = kind_of(code)
    assert kind.message.en and kind.message.zh and kind.explanation.en and kind.explanation.zh
