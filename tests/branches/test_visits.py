"""The Visits register travels with its units: split sends each visit to its unit's branch,
collect brings new and changed visits back; a master without Visits gives files without it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from sheetdesk.branches import collect, split_master
from sheetdesk.io.load import load_dataset
from sheetdesk.schema import VISITS
from tests.branches.edit import Editor
from tests.branches.master import BEIJING, EAST, SOUTH, write_master

T = dt.datetime
VISIT_ROWS = [
    ["SN-B01", "Inspection", T(2024, 4, 1, 10), "Tech Zhao", "Normal"],
    ["SN-S01", "Return Visit", T(2024, 4, 2, 10), "Tech Sun", "Normal"],
    ["SN-E01", "Phone Visit", T(2024, 4, 3, 10), "Tech Kelly", "Customer Absent"],
    ["SN-Q99", "Inspection", T(2024, 4, 4, 10), "Tech Zhao", "Normal"],  # a serial nobody sold: no branch
]


def with_visits(path: Path) -> Path:
    master = write_master(path)
    wb = openpyxl.load_workbook(master)
    ws = wb.create_sheet(VISITS.en)
    ws.append([VISITS.field(k).en for k in ("serial_no", "kind", "visit_at", "technician", "result")])
    for row in VISIT_ROWS:
        ws.append(row)
    wb.save(master)
    return master


def visit_keys(path: Path) -> list[str]:
    table = load_dataset([path]).tables.get("visits")
    return [] if table is None else [str(v) for v in table.values["serial_no"]]


def test_each_visit_goes_to_its_units_branch(tmp_path: Path) -> None:
    result = split_master(with_visits(tmp_path / "master.xlsx"), tmp_path / "out", now=T(2024, 5, 1))
    files = {f.branch: f.path for f in result.files}
    assert {b: visit_keys(p) for b, p in files.items()} == {BEIJING: ["SN-B01"], SOUTH: ["SN-S01"], EAST: ["SN-E01"]}
    assert openpyxl.load_workbook(files[BEIJING]).sheetnames == ["Sales", "Repairs", "Callbacks", "Visits", "Worklist",
                                                                 "_sheetdesk"]  # fmt: skip
    assert {f.branch: f.counts["visits"] for f in result.files} == {BEIJING: 1, SOUTH: 1, EAST: 1}
    unsent = [i for i in result.report.errors if i.sheet == "Visits"]
    assert [(i.code, i.cell) for i in unsent] == [("split.no_branch", "A5")]
    assert "not in the sales register" in unsent[0].message


def test_a_master_without_visits_gives_files_without_them(tmp_path: Path) -> None:
    result = split_master(write_master(tmp_path / "master.xlsx"), tmp_path / "out", now=T(2024, 5, 1))
    assert "Visits" not in openpyxl.load_workbook(result.files[0].path).sheetnames
    assert "visits" not in result.files[0].counts


def test_visits_come_back(tmp_path: Path) -> None:
    master = with_visits(tmp_path / "master.xlsx")
    split = split_master(master, tmp_path / "out", now=T(2024, 5, 1))
    south = next(f.path for f in split.files if f.branch == SOUTH)
    with Editor(south) as ed:
        ed.set("visits", "SN-S01", "technician", "Tech Sun Jr")
        ed.add("visits", serial_no="SN-S02", kind="保养", visit_at=T(2024, 4, 20, 9), technician="Tech Sun",
               result="Normal")  # fmt: skip
        ed.add("visits", serial_no="SN-B01", kind="Inspection", visit_at=T(2024, 4, 21, 9), result="Normal")
    result = collect(master, [south], tmp_path / "merged.xlsx")
    # a visit is matched by serial + kind + time (the kind written 保养 is maintenance)
    assert [(c.outcome, c.key, c.field) for c in result.changes] == [
        ("updated", "SN-S01 | return_visit | 2024-04-02T10:00:00", "technician"),
        ("added", "SN-S02 | maintenance | 2024-04-20T09:00:00", None),
        ("rejected", "SN-B01 | inspection | 2024-04-21T09:00:00", None),  # another branch's unit
    ]
    merged = load_dataset([tmp_path / "merged.xlsx"]).tables["visits"]
    assert [str(s) for s in merged.values["serial_no"]] == ["SN-B01", "SN-S01", "SN-E01", "SN-Q99", "SN-S02"]
    assert merged.values["technician"][1] == "Tech Sun Jr"
