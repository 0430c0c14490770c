"""`collect` keeps every master cell it does not change (issue #11, break 1).

A master built the way clerks build them: a column with a blank header, one
whose header is a number, a second column with the same header, a row with
content only outside the template's columns, a sheet of its own called
`_sheetdesk`, a date column holding a time of day. After split -> one edit
in a branch -> collect, every cell of the master is in the merged workbook at
the same address with the same value, except the one cell the branch changed.

Text longer than Excel's 32,767 characters (a CSV master can hold it; the
xlsx reader already stops at the limit) cannot be written to xlsx: split and
collect name the cell in a warning, collect exits 1, and a branch returning
the cut text unchanged does not cut the master's.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from sheetdesk.branches import collect, split_master
from sheetdesk.cli import main
from tests.branches.edit import Editor

LONG = "长" * 40_000  # more than Excel's 32,767 characters a cell
SALES_ROWS: list[list[Any]] = [
    # Serial No | (blank) | Product | Model | 2024 | Customer | Customer | Sale Date | Branch | Notes
    ["Serial No", None, "Product", "Model", 2024, "Customer", "Customer", "Sale Date", "Branch", "Notes"],
    ["SN-1", "kept in a blank-header column", "Pump", "P-1", 7, "Harbor Dental", "second customer column",
     dt.datetime(2024, 5, 1, 14, 30), "East", "a note"],
    ["SN-2", None, "Pump", "P-1", 8.5, "Futian Lab", None, dt.datetime(2024, 5, 2), "South", "short note"],
    [None, "a row with content only outside the template", None, None, 99, None, "also outside", None, None,
     None],
    ["SN-3", None, "Monitor", "M-1", None, "Peking Clinic", None, dt.datetime(2024, 5, 3, 9, 15), "East", None],
]
OWN_SHEET = [["a clerk's own sheet called _sheetdesk"], ["keep me", 42]]


def write_odd_master(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sales"
    for row in SALES_ROWS:
        ws.append(row)
    repairs = wb.create_sheet("Repairs")
    repairs.append(["Ticket No", "Serial No", "Reported At", "Fault Description", None, "Technician"])
    repairs.append(["T-1", "SN-1", dt.datetime(2024, 6, 1, 9, 0), "Leak", "kept", "Tech Sun"])
    own = wb.create_sheet("_sheetdesk")
    for row in OWN_SHEET:
        own.append(row)
    wb.save(path)
    return path


def cells(path: Path) -> dict[str, dict[str, Any]]:
    """sheet -> cell address -> value, for every non-empty cell of every sheet."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, dict[str, Any]] = {}
    for ws in wb.worksheets:
        out[ws.title] = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    return out


def test_collect_keeps_every_master_cell_it_does_not_change(tmp_path: Path) -> None:
    master = write_odd_master(tmp_path / "master.xlsx")
    split = split_master(master, tmp_path / "out")
    east = next(f.path for f in split.files if f.branch == "East")
    with Editor(east) as ed:
        ed.set("sales", "SN-3", "customer", "Peking Clinic Group")
    out = tmp_path / "merged.xlsx"
    result = collect(master, [east], out)

    assert result.counts["updated"] == 1
    before, after = cells(master), cells(out)
    assert set(before) <= set(after)  # every sheet, the clerk's own `_sheetdesk` included
    assert after["_sheetdesk"] == before["_sheetdesk"]
    expected = dict(before["Sales"])
    expected["F5"] = "Peking Clinic Group"  # the one cell the branch changed
    assert after["Sales"] == expected
    assert after["Repairs"] == before["Repairs"]
    assert after["Sales"]["H2"] == dt.datetime(2024, 5, 1, 14, 30)  # the time of day is kept
    assert result.valid, result.report.issues


def test_split_names_the_columns_it_does_not_distribute(tmp_path: Path) -> None:
    master = write_odd_master(tmp_path / "master.xlsx")
    split = split_master(master, tmp_path / "out")
    not_distributed = next(i for i in split.report.warnings if i.code == "split.column_not_distributed")
    # the blank-header column B, the numeric header E, the second Customer G (Notes is a declared field)
    assert not_distributed.params["columns"] == "B, E (2024), G (Customer)"
    assert not_distributed.sheet == "Sales"


def write_csv_master(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Serial No", "Product", "Model", "Sale Date", "Customer", "Branch", "Notes"])
        writer.writerow(["SN-1", "Pump", "P-1", "2024-05-01", "Harbor Dental", "East", LONG])
        writer.writerow(["SN-2", "Pump", "P-1", "2024-05-02", "Futian Lab", "East", "short"])
    return path


def test_text_over_excels_limit_is_named_and_never_cut_silently(tmp_path: Path) -> None:
    master = write_csv_master(tmp_path / "master.csv")
    split = split_master(master, tmp_path / "out")
    cut = [i for i in split.report.warnings if i.code == "split.text_cut"]
    assert [(i.sheet, i.cell, i.params["length"]) for i in cut] == [("master", "G2", 40_000)]
    east = split.files[0].path
    with Editor(east) as ed:  # the branch edits another cell of that row, and leaves the cut text
        ed.set("sales", "SN-1", "customer", "Harbor Dental Group")
    result = collect(master, [east], tmp_path / "merged.xlsx")
    assert [(c.outcome, c.field) for c in result.changes] == [("updated", "customer")]
    text_cut = [i for i in result.report.issues if i.code == "collect.text_cut"]
    assert [(i.sheet, i.cell) for i in text_cut] == [("master", "G2")]
    assert not result.valid  # something could not be carried: exit code 1

    cli = CliRunner().invoke(main, ["collect", str(master), str(east), "-o", str(tmp_path / "m2.xlsx"),
                                    "--lang", "en"])
    assert cli.exit_code == 1, cli.output
    assert "master!G2" in cli.output and "32,767" in cli.output


def test_a_streamed_master_is_written_the_same_with_direct_rows(tmp_path: Path, monkeypatch: Any) -> None:
    """A master above `CONSTANT_MEMORY_ROWS` is streamed, its whole rows written as sheet XML
    directly (`annotate_xml`): the same bytes as xlsxwriter's own calls, and read back, the same
    cells as the in-memory workbook. The odd master (blank and numeric headers, a time of day in
    a date column, a clerk's own sheet) and an edit and an added row stand in for a big one."""
    import importlib

    from sheetdesk.io import annotate_xml
    from tests.helpers.direct_rows import record_direct_rows, zip_parts

    collecting = importlib.import_module("sheetdesk.branches.collect")  # the package names a function so

    master = write_odd_master(tmp_path / "master.xlsx")
    split = split_master(master, tmp_path / "out")
    east = next(f.path for f in split.files if f.branch == "East")
    with Editor(east) as ed:
        ed.set("sales", "SN-3", "customer", "Peking Clinic Group")
        ed.set("sales", "SN-1", "notes", None)  # a changed cell emptied: written by value
        ed.add("sales", serial_no="SN-9", product="Pump", customer="New Lab", branch="East")

    direct = record_direct_rows(monkeypatch)
    in_memory = tmp_path / "memory.xlsx"
    collect(master, [east], in_memory)
    assert direct == []  # a small master: in memory, xlsxwriter's calls
    monkeypatch.setattr(collecting, "CONSTANT_MEMORY_ROWS", 0)
    streamed, by_calls = tmp_path / "streamed.xlsx", tmp_path / "calls.xlsx"
    collect(master, [east], streamed)
    assert True in direct  # rows written directly (the emptied cell's row by value, not offered)
    monkeypatch.setattr(annotate_xml, "ENABLED", False)
    collect(master, [east], by_calls)
    assert zip_parts(streamed) == zip_parts(by_calls)
    assert cells(streamed) == cells(in_memory)
    assert cells(streamed)["Sales"]["F5"] == "Peking Clinic Group"
