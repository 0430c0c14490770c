"""Holds travel with their ticket: split sends each to its ticket's branch, collect brings them back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from sheetdesk.branches import collect, split_master
from sheetdesk.schema import HOLDS
from tests.branches.edit import Editor, read_sheet
from tests.branches.master import BEIJING, EAST, REPAIRS, SOUTH, write_master

T = dt.datetime
DUPLICATED = ["T-DUP", "SN-B01", T(2024, 3, 8, 9), "Repair", "II", "Twice", None, "Tech Zhao", None, BEIJING]
DUPLICATED_SOUTH = ["T-DUP", "SN-S01", T(2024, 3, 8, 9), "Repair", "II", "Twice", None, "Tech Sun", None, SOUTH]


def master_with_holds(path: Path) -> Path:
    write_master(path, repairs=[*REPAIRS, DUPLICATED, DUPLICATED_SOUTH])
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(HOLDS.en)
    ws.append([f.en for f in HOLDS.fields])
    ws.append(["T-B01", T(2024, 3, 1, 10), T(2024, 3, 1, 12), "Waiting for parts", "board"])  # Beijing's repair
    ws.append(["t-s02 ", T(2024, 3, 5, 9), T(2024, 3, 5, 10), "Waiting for customer", None])  # South's (own branch)
    ws.append(["T-E01", T(2024, 3, 6, 15), None, "Other", None])  # East's complaint, still on hold
    ws.append(["T-X99", T(2024, 3, 6, 15), None, "Other", None])  # no such ticket: no branch
    ws.append(["T-DUP", T(2024, 3, 8, 10), None, "Other", None])  # a ticket two branches share: no branch
    wb.save(path)
    return path


def test_each_hold_goes_to_its_tickets_branch_and_the_rest_is_reported(tmp_path: Path) -> None:
    master = master_with_holds(tmp_path / "master.xlsx")
    result = split_master(master, tmp_path / "out")
    files = {f.branch: f for f in result.files}
    tickets = {b: sorted(r["Ticket No"] for r in read_sheet(f.path, HOLDS.en)) for b, f in files.items()}
    assert tickets == {BEIJING: ["T-B01"], SOUTH: ["t-s02"], EAST: ["T-E01"]}
    assert {b: f.counts["holds"] for b, f in files.items()} == {BEIJING: 1, SOUTH: 1, EAST: 1}
    found = [(i.code, i.sheet, i.cell) for i in result.report.issues if i.sheet == HOLDS.en]
    assert found == [("split.no_branch", "Holds", "A5"), ("split.ambiguous_branch", "Holds", "A6")]
    texts = {i.cell: i.text("en") for i in result.report.issues if i.sheet == HOLDS.en}
    assert "its ticket T-X99 is not in the repair log" in texts["A5"]


def test_a_master_without_holds_sends_none(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx")
    result = split_master(master, tmp_path / "out")
    for f in result.files:
        assert HOLDS.en not in openpyxl.load_workbook(f.path).sheetnames
        assert "holds" not in f.counts


def test_collect_adds_a_branchs_new_hold_and_rejects_one_on_another_branchs_ticket(tmp_path: Path) -> None:
    master = master_with_holds(tmp_path / "master.xlsx")
    files = {f.branch: f.path for f in split_master(master, tmp_path / "out").files}
    with Editor(files[BEIJING]) as book:
        book.add("holds", ticket_no="T-B02", hold_from=T(2024, 3, 2, 13), hold_until=T(2024, 3, 3, 10),
                 reason="待料")  # fmt: skip
        book.add("holds", ticket_no="T-S01", hold_from=T(2024, 3, 3, 12), reason="待料")  # South's ticket
    result = collect(master, [files[BEIJING]], tmp_path / "merged.xlsx")
    assert sorted((c.outcome, c.key) for c in result.changes if c.register == "holds") == [
        ("added", "T-B02 | 2024-03-02T13:00:00"),
        ("rejected", "T-S01 | 2024-03-03T12:00:00"),
    ]
    merged = sorted(r["Ticket No"] for r in read_sheet(tmp_path / "merged.xlsx", HOLDS.en))
    assert merged == ["T-B01", "T-B02", "T-DUP", "T-E01", "T-X99", "t-s02 "]


def test_collect_into_a_master_without_holds_writes_no_holds_sheet(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx")
    files = [f.path for f in split_master(master, tmp_path / "out").files]
    collect(master, files, tmp_path / "merged.xlsx")
    assert HOLDS.en not in openpyxl.load_workbook(tmp_path / "merged.xlsx").sheetnames
