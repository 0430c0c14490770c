from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import openpyxl
import pytest
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from sheetdesk.branches import SplitResult, read_provenance, split_master
from sheetdesk.branches.canonical import fingerprint
from sheetdesk.branches.names import branch_file_names, safe_stem
from sheetdesk.bulk import collector_paused
from sheetdesk.errors import OutputError
from sheetdesk.io.load import load_dataset
from sheetdesk.io.reader import read_workbook
from tests.branches.master import BEIJING, EAST, SOUTH, write_master


def keys(path: Path) -> dict[str, list[str]]:
    ds = load_dataset([path])
    out = {}
    for reg in ("sales", "repairs", "callbacks"):
        table = ds.tables[reg]
        first = "serial_no" if reg == "sales" else "ticket_no"
        out[reg] = [str(v) for v in table.values[first]]
    return out


def test_one_file_per_branch_with_safe_names(split: SplitResult, tmp_path: Path) -> None:
    assert [f.branch for f in split.files] == [BEIJING, SOUTH, EAST]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        ["北京分公司.xlsx", "华南_深圳.xlsx", "East Office.xlsx"])


def test_each_file_holds_only_its_branch_rows(files: dict[str, Path]) -> None:
    assert keys(files[BEIJING]) == {"sales": ["SN-B01", "SN-B02"], "repairs": ["T-B01", "T-B02"],
                                    "callbacks": ["T-B01"]}
    # T-S02 names 华南/深圳 in its own Branch column although East Office sold the unit.
    assert keys(files[SOUTH]) == {"sales": ["SN-S01", "SN-S02"], "repairs": ["T-S01", "T-S02"], "callbacks": []}
    assert keys(files[EAST]) == {"sales": ["SN-E01"], "repairs": ["T-E01"], "callbacks": ["T-E01"]}


def test_rows_without_branch_go_nowhere_and_are_errors(split: SplitResult) -> None:
    assert split.unassigned == 1
    [issue] = split.report.errors
    assert (issue.code, issue.sheet, issue.cell) == ("split.no_branch", "Sales", "I8")
    assert "SN-X01" in issue.message
    assert not split.valid


def test_other_sheets_are_not_distributed_but_named(split: SplitResult) -> None:
    assert [i.sheet for i in split.report.warnings if i.code == "split.sheet_not_distributed"] == ["Notes"]


def test_branch_file_look_worklist_and_provenance(files: dict[str, Path], split: SplitResult) -> None:
    wb = openpyxl.load_workbook(files[SOUTH])
    assert wb.sheetnames == ["Sales", "Repairs", "Callbacks", "Worklist", "_sheetdesk"]
    assert wb["_sheetdesk"].sheet_state == "veryHidden"
    repairs = wb["Repairs"]
    assert repairs.freeze_panes == "B2"  # below the header, right of the ticket number
    lists = [dv.formula1 for dv in repairs.data_validations.dataValidation if dv.type == "list"]
    assert '"Repair,Complaint,Consultation,Maintenance"' in lists
    assert repairs["A2"].number_format == "@"

    worklist = wb["Worklist"]
    assert worklist.protection.sheet is True
    assert worklist.auto_filter.ref == "A1:L3" and worklist.freeze_panes == "A2"
    rows = list(worklist.iter_rows(values_only=True))
    assert rows[0] == ("Due", "Status", "Item", "What to do", "Ticket No", "Serial No", "Branch", "Technician",
                       "Customer", "Contact", "Phone", "Row")
    # Sorted by due (resolved + 3 days, end of day); the customer of a unit another branch sold stays blank.
    assert [r[:6] for r in rows[1:]] == [
        (dt.datetime(2024, 3, 6, 23, 59, 59), "Overdue", "Callback", "Callback overdue: call the customer", "T-S01",
         "SN-S01"),
        (dt.datetime(2024, 3, 8, 23, 59, 59), "Overdue", "Callback", "Callback overdue: call the customer", "T-S02",
         "SN-E01"),
    ]  # fmt: skip
    assert rows[1][6:11] == (SOUTH, "Tech Sun", "Shenzhen Medical Center", "Chen Jie", "13900000003")
    assert rows[2][8] is None and rows[2][7] == "Tech Qian"
    # each line links to its row in this file's Repairs sheet
    assert [(r[11].value, r[11].hyperlink.location) for r in worklist.iter_rows(min_row=2)] == [
        ("Repairs row 2", "'Repairs'!A2"), ("Repairs row 3", "'Repairs'!A3")]

    prov = read_provenance(read_workbook(files[SOUTH]))
    assert prov is not None
    assert (prov.branch, prov.split_id, prov.master_fingerprint) == (SOUTH, split.split_id, split.master_fingerprint)
    assert sorted(prov.rows) == [("repairs", "t-s01"), ("repairs", "t-s02"), ("sales", "sn-s01"),
                                 ("sales", "sn-s02")]  # keys as matched: folded
    ds = load_dataset([files[SOUTH]])
    sale = ds.tables["sales"].record(0)
    assert prov.get("sales", "sn-s01") == fingerprint(ds.tables["sales"].register, sale)


def test_worklist_skips_tickets_with_a_callback(files: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(files[BEIJING])
    rows = list(wb["Worklist"].iter_rows(values_only=True))
    assert [r[4] for r in rows[1:]] == ["T-B02"]


def test_chinese_master_gives_chinese_branch_files(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx", lang="zh")
    result = split_master(master, tmp_path / "分发")
    wb = openpyxl.load_workbook(result.files[0].path)
    assert wb.sheetnames == ["销售登记", "维修记录", "回访记录", "待办清单", "_sheetdesk"]
    assert wb["维修记录"]["A1"].value == "报修单号"
    lists = [dv.formula1 for dv in wb["维修记录"].data_validations.dataValidation if dv.type == "list"]
    assert '"报修,投诉,咨询,维护"' in lists
    assert wb["回访记录"]["D2"].value == "满意"  # enum shown in the master's language
    assert wb.properties.title == "北京分公司 — 分支工作簿"


def test_file_names_are_safe_and_unique() -> None:
    names = branch_file_names(["a/b", "a:b", "A_B", "CON", "..", " .hidden", "北京分公司", "lpt1.x", "x" * 100])
    assert list(names.values()) == ["a_b.xlsx", "a_b_2.xlsx", "A_B_3.xlsx", "CON_.xlsx", "branch.xlsx",
                                    "hidden.xlsx", "北京分公司.xlsx", "lpt1.x_.xlsx", "x" * 60 + ".xlsx"]
    assert safe_stem("天河\t店\n") == "天河 店"
    assert safe_stem("a\x00b") == "a_b"


def test_branches_that_clean_up_alike_get_two_files(tmp_path: Path) -> None:
    sale = ["SN-1", "P", "M", None, dt.datetime(2024, 1, 1), "C1", None, None, "a/b"]
    master = write_master(tmp_path / "m.xlsx", sales=[sale, ["SN-2", *sale[1:5], "C2", None, None, "a:b"]],
                          repairs=[], callbacks=[])
    result = split_master(master, tmp_path / "out")
    assert [(f.branch, f.path.name) for f in result.files] == [("a/b", "a_b.xlsx"), ("a:b", "a_b_2.xlsx")]
    assert keys(result.files[1].path)["sales"] == ["SN-2"]
    assert result.valid


def test_existing_files_need_force_and_nothing_is_half_written(master: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "华南_深圳.xlsx").write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists"):
        split_master(master, out)
    assert sorted(p.name for p in out.iterdir()) == ["华南_深圳.xlsx"]  # checked before writing any
    split_master(master, out, force=True)
    assert (out / "华南_深圳.xlsx").read_bytes()[:2] == b"PK"


def test_written_branch_files_are_freed_while_the_collector_is_paused(master: Path, tmp_path: Path) -> None:
    # The CLI pauses the cyclic collector during a split: each branch file's cells must still
    # be freed once it is written, not held until the end (five files at head-office scale).
    gc.collect()
    with collector_paused():
        result = split_master(master, tmp_path / "out")
        alive = [o for o in gc.get_objects() if isinstance(o, (Workbook, Worksheet))]
    assert len(result.files) == 3
    assert alive == []
