"""No other branch's data anywhere in a branch file: every part of the zip, read as text."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from sheetdesk.branches import SplitResult, split_master
from tests.branches.master import BRANCHES, referenced_serials, tokens_of, unassigned_tokens, write_master


def all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(name).decode("utf-8", errors="replace") for name in zf.namelist())


def test_no_branch_file_contains_another_branchs_data(split: SplitResult) -> None:
    assert len(split.files) == len(BRANCHES)
    for f in split.files:
        text = all_text(f.path)
        # The file's own data is there (so the search below looks at the right text).
        own = tokens_of(f.branch)
        assert own and all(token in text for token in own), f.branch
        foreign: set[str] = set(unassigned_tokens())
        for other in BRANCHES:
            if other != f.branch:
                foreign |= tokens_of(other)
        foreign -= referenced_serials(f.branch)  # a serial the branch itself repaired is its data too
        leaked = sorted(token for token in foreign if token in text)
        assert leaked == [], f"{f.path.name} leaks {leaked}"


def test_document_properties_name_only_the_branch(split: SplitResult, master: Path) -> None:
    for f in split.files:
        with zipfile.ZipFile(f.path) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8")
            names = zf.namelist()
        assert f.branch.replace("/", "/") in core
        assert master.stem not in core and "总部" not in all_text(f.path)
        assert not any("externalLink" in n or "definedName" in n for n in names)
        # The only names are Excel's own for the filter and the printed titles, on the file's own sheets.
        with zipfile.ZipFile(f.path) as zf:
            workbook = zf.read("xl/workbook.xml").decode("utf-8")
        defined = re.findall(r'<definedName name="([^"]+)"[^>]*>([^<]*)</definedName>', workbook)
        own = set(openpyxl.load_workbook(f.path, read_only=True).sheetnames)
        for name, ref in defined:
            assert name in ("_xlnm._FilterDatabase", "_xlnm.Print_Titles"), name
            assert "[" not in ref and {part.split("!")[0].strip("'") for part in ref.split(",")} <= own, ref


def test_a_ticket_in_two_branches_sends_its_callbacks_to_neither(tmp_path: Path) -> None:
    """Issue #11: B's callback (caller, comments) went into A's file through A's row of the same ticket."""
    sales = [["SN-A", "P", "M", None, dt.datetime(2024, 1, 1), "Cust A", None, None, "Alpha"],
             ["SN-B", "P", "M", None, dt.datetime(2024, 1, 1), "Cust B", None, None, "Beta"]]
    repairs = [["T-1", "SN-A", dt.datetime(2024, 2, 1, 9), "Repair", None, "A's fault", None, "Tech A", None, None],
               ["t-1 ", "SN-B", dt.datetime(2024, 2, 2, 9), "Repair", None, "B's fault", None, "Tech B", None, None]]
    callbacks = [["T-1", dt.datetime(2024, 2, 5, 10), "Caller of B", "Satisfied", "B's secret comment"]]
    master = write_master(tmp_path / "m.xlsx", sales=sales, repairs=repairs, callbacks=callbacks, notes_sheet=False)
    result = split_master(master, tmp_path / "out")
    for f in result.files:
        text = all_text(f.path)
        assert "Caller of B" not in text and "B's secret comment" not in text, f.branch
    assert "B's fault" not in all_text(next(f.path for f in result.files if f.branch == "Alpha"))
    ambiguous = [i for i in result.report.errors if i.code == "split.ambiguous_branch"]
    assert [(i.sheet, i.row) for i in ambiguous] == [("Callbacks", 2)]
    assert not result.valid


def test_a_repair_without_branch_on_a_serial_sold_by_two_branches_goes_nowhere(tmp_path: Path) -> None:
    sales = [["SN-1", "P", "M", None, dt.datetime(2024, 1, 1), "Cust A", None, None, "Alpha"],
             ["ＳＮ-1", "P", "M", None, dt.datetime(2024, 1, 2), "Cust B", None, None, "Beta"]]
    repairs = [["T-9", "sn-1", dt.datetime(2024, 2, 1, 9), "Repair", None, "whose fault?", None, "Tech X", None,
                None]]
    master = write_master(tmp_path / "m.xlsx", sales=sales, repairs=repairs, callbacks=[], notes_sheet=False)
    result = split_master(master, tmp_path / "out")
    for f in result.files:
        assert "whose fault?" not in all_text(f.path), f.branch
    assert [(i.code, i.sheet, i.row) for i in result.report.errors] == [
        ("split.duplicate_key", "Sales", 4), ("split.ambiguous_branch", "Repairs", 2)]
