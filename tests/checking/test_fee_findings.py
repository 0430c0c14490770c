"""One finding per fee problem, through `sheetdesk check` (issue #14 item 4)."""

from __future__ import annotations

from pathlib import Path

from tests.checking.books import CALLBACKS, REPAIRS, SALES, D, T, repair, run_json, sale, write_book


def test_a_negative_fee_is_negative_and_nothing_else(tmp_path: Path) -> None:
    book = write_book(tmp_path / "fees.xlsx", {
        "Sales": [SALES, sale("SN1", D(2025, 1, 10))],
        "Repairs": [REPAIRS,
                    repair("T1", "SN1", T(2025, 3, 1, 10), fee=-20),  # in free warranty
                    repair("T2", "SN1", T(2025, 3, 2, 10), cause="Water", fee=None)],  # excluded, no costs
        "Callbacks": [CALLBACKS],
    })  # fmt: skip
    document = run_json(book, "--as-of", "2025-03-10")
    by_ticket: dict[int, list[str]] = {}
    for issue in document["issues"]:
        if issue["sheet"] == "Repairs":
            by_ticket.setdefault(issue["row"], []).append(issue["code"])
    assert by_ticket.get(2) == ["range.negative"]  # not also repair.fee_not_billable
    assert "repair.fee_missing" not in by_ticket.get(3, [])  # expected fee 0: nothing to charge
    t2 = next(r for r in document["repairs"] if r["ticket_no"] == "T2")
    assert (t2["warranty_status"], t2["billable"], t2["expected_fee"]) == ("excluded", True, 0.0)
