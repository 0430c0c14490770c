"""Tickets on hold in `sheetdesk due` and in the branch worklists (tests/due/books.py, `holds=True`):
the hold items and the SLA items worked out by hand, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk import api
from sheetdesk.branches import split_master
from sheetdesk.checking import check_files
from tests.due.books import AS_OF, EXPECTED_WITH_HOLDS, R6_ON_HOLD, R7_OVERDUE, A, B, write_desk
from tests.helpers.cli import run

WHEN = AS_OF.isoformat()
MESSAGE = {
    "en": "On hold since 2026-03-05 14:00 (Waiting for parts): Resolve clock paused; follow it up",
    "zh": "自 2026-03-05 14:00 起暂停（待料）：修复暂停计时，请跟进",
}
STATE = {"en": "Paused (on hold)", "zh": "暂停中"}
KIND = {"en": "Ticket on hold", "zh": "暂停工单"}


def shown(item: dict[str, Any]) -> tuple[Any, ...]:
    return (item["branch"], item["kind"], item["detail"], item["ticket_no"] or item["serial_no"], item["due"],
            item["overdue"], item["technician"])  # fmt: skip


@pytest.fixture(params=["en", "zh"])
def desk(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    return request.param, write_desk(tmp_path / f"desk.{request.param}.xlsx", request.param, holds=True)


def test_a_ticket_on_hold_is_an_item_and_one_overdue_despite_its_hold_is_an_sla_item(desk: tuple[str, Path]) -> None:
    lang, path = desk
    result = run("due", path, "--as-of", WHEN, "--json", "--lang", lang)
    assert result.code == 0, result.stderr
    document = result.json()
    assert [shown(i) for i in document["items"]] == EXPECTED_WITH_HOLDS
    assert document["counts"] == {"items": 13, "overdue": 7, "callback": 2, "sla": 6, "hold": 1, "loaner": 1,
                                  "visit": 2, "warranty": 1}  # fmt: skip
    [held] = [i for i in document["items"] if i["kind"] == "hold"]
    assert (held["status"], held["since"], held["paused"], held["message"]) == (
        "paused", "2026-03-05T14:00:00", ["resolve"], MESSAGE[lang])
    assert (held["customer"], held["sheet"], held["row"]) == ("Peking Clinic", "维修记录" if lang == "zh" else "Repairs",
                                                              7)  # fmt: skip
    # the other items carry no hold
    assert {(i["since"], i["paused"]) for i in document["items"] if i["kind"] != "hold"} == {(None, None)}


def test_the_items_agree_with_check(desk: tuple[str, Path]) -> None:
    """The due time and status of each ticket's resolve target are the ones `check` gives."""
    _, path = desk
    repairs = {r["ticket_no"]: r for r in check_files([path], as_of=AS_OF).to_json()["repairs"]}
    for ticket, expected in (("R6", R6_ON_HOLD), ("R7", R7_OVERDUE)):
        assert (repairs[ticket]["resolve_due"], repairs[ticket]["resolve_status"]) == (
            expected[4], "paused" if expected[1] == "hold" else "overdue")
    assert repairs["R6"]["resolve_held_minutes"] == 19 * 60
    assert repairs["R7"]["resolve_held_minutes"] == (16 + 2) * 60  # the second hold: Mon 15:00-17:00


def test_a_ticket_on_hold_is_listed_whatever_the_horizon(desk: tuple[str, Path]) -> None:
    lang, path = desk
    document = run("due", path, "--as-of", WHEN, "--days", "0", "--json", "--lang", lang).json()
    assert R6_ON_HOLD in [shown(i) for i in document["items"]]  # due 03-11 13:00, after today
    assert R7_OVERDUE in [shown(i) for i in document["items"]]


def test_without_the_holds_sheet_the_tickets_are_overdue(desk: tuple[str, Path]) -> None:
    lang, path = desk
    wb = openpyxl.load_workbook(path)
    del wb["暂停记录" if lang == "zh" else "Holds"]
    wb.save(path)
    items = [shown(i) for i in run("due", path, "--as-of", WHEN, "--json").json()["items"]]
    assert not any(i[1] == "hold" for i in items)
    # without holds: R6 due Mon 03-09 10:00, R7 Thu 03-05 10:00 (the 24 working hours above)
    assert (B, "sla", "resolve", "R7", "2026-03-05T10:00:00", True, "Tech Kelly") in items
    assert (A, "sla", "resolve", "R6", "2026-03-09T10:00:00", True, "Tech Li") in items


def test_terminal_and_workbook_show_the_hold(desk: tuple[str, Path], tmp_path: Path) -> None:
    lang, path = desk
    result = run("due", path, "--as-of", WHEN, "-o", tmp_path / "due.xlsx", "--lang", lang)
    assert result.code == 0, result.stderr
    [line] = [line for line in result.stdout.splitlines() if " R6 " in line]
    assert line.split()[:2] == ["2026-03-11", "13:00"] and STATE[lang] in line and KIND[lang] in line
    assert line.endswith(MESSAGE[lang])
    ws = openpyxl.load_workbook(tmp_path / "due.xlsx").worksheets[0]
    [row] = [r for r in ws.iter_rows(min_row=2) if r[4].value == "R6"]
    assert (row[1].value, row[2].value, row[3].value) == (STATE[lang], KIND[lang], MESSAGE[lang])
    assert row[1].fill.fgColor.rgb == "FFDDEBF7"  # the blue of a paused clock, as in check
    assert row[8].value == "Peking Clinic"


def test_split_worklists_agree_with_due_by_branch(desk: tuple[str, Path], tmp_path: Path) -> None:
    lang, path = desk
    by_branch = api.due([path], as_of=AS_OF, by="branch")
    split = split_master(path, tmp_path / "branches", as_of=AS_OF)
    assert [f.branch for f in split.files] == [A, B]
    for f in split.files:
        group = next(items for key, items in by_branch.groups() if by_branch.group_name(key, lang) == f.branch)
        ws = openpyxl.load_workbook(f.path)["待办清单" if lang == "zh" else "Worklist"]
        lines = [(r[4] or r[5], r[3]) for r in ws.iter_rows(min_row=2, values_only=True)]
        assert lines == [(i.ticket_no or i.serial_no, i.what(lang)) for i in group]
        # and what due lists under the branch is what was worked out by hand
        assert [line[0] for line in lines] == [e[3] for e in EXPECTED_WITH_HOLDS if e[0] == f.branch]
    book = openpyxl.load_workbook(split.files[0].path)
    [row] = [r for r in book["待办清单" if lang == "zh" else "Worklist"].iter_rows(min_row=2) if r[4].value == "R6"]
    assert (row[1].value, row[3].value) == (STATE[lang], MESSAGE[lang])
    # the hold travelled with its ticket, and the line links to R6's row in the branch file
    sheet, at = row[11].hyperlink.location.split("!")
    assert book[sheet.strip("'")][at].value == "R6"
    assert [r[0] for r in book["暂停记录" if lang == "zh" else "Holds"].iter_rows(min_row=2, values_only=True)] == ["R6"]
