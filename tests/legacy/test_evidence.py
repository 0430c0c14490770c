"""Mapping by evidence, precision first: each case is a wrong value an older import wrote."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl

from sheetdesk.legacy import ImportResult, import_legacy

D = dt.datetime


def write_csv(path: Path, rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def targets(result: ImportResult) -> dict[str, str]:
    return {c.label: str(c.target) for c in result.columns}


def test_free_text_treatment_is_never_a_fault_level(tmp_path: Path) -> None:
    rows = [["工单号", "报修时间", "故障现象", "处理方法"]]
    for i in range(8):
        rows.append([f"G{i}", f"2024-01-0{i + 1} 09:00", "不制冷", f"{i % 3 + 1}、更换故障部件，2、调试后恢复正常运行"])
    result = import_legacy(write_csv(tmp_path / "t.csv", rows), "repairs")
    assert targets(result)["处理方法"] == "keep"
    assert all("fault_level" not in r for r in result.records)


def test_a_region_code_is_not_a_fault_level(tmp_path: Path) -> None:
    rows = [["工单号", "报修时间", "故障描述", "区域"]]
    rows += [[f"G{i}", f"2024-02-{i + 1:02d} 09:00", "漏水", "1" if i % 5 else "4"] for i in range(20)]
    result = import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs")
    assert targets(result)["区域"] == "keep"


def test_an_engine_code_is_not_the_technician(tmp_path: Path) -> None:
    rows = [["RO Number", "Failure Date", "Customer Complaint", "Engine Code", "Enginer"]]
    rows += [[f"RO{i}", f"2024-03-{i + 1:02d}", "Check engine light", "4G63", "TX-2"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "e.csv", rows), "repairs")
    t = targets(result)
    assert t["Engine Code"] == "keep" and t["Enginer"] == "keep"  # a fuzzy spelling alone fills no person
    assert t["RO Number"] == "ticket_no" and t["Failure Date"] == "reported_at"
    assert t["Customer Complaint"] == "fault_description"
    unmapped = next(c for c in result.columns if c.label == "Enginer")
    assert unmapped.candidates and unmapped.candidates[0].target == "technician"  # shown, not taken
    assert any(d.code == "column.unmapped" and d.column == "Enginer" for d in result.decisions)


def test_a_nearly_empty_date_column_does_not_win_over_a_full_one(tmp_path: Path) -> None:
    rows = [["单号", "日期", "开始时间", "故障描述"]]
    for i in range(200):
        rows.append([f"W{i}", "2024-04-01" if i < 2 else "", f"2024-04-{i % 28 + 1:02d} {i % 24:02d}:15", "停机"])
    result = import_legacy(write_csv(tmp_path / "d.csv", rows), "repairs")
    t = targets(result)
    assert t["开始时间"] == "reported_at" and t["日期"] == "keep"
    assert sum(1 for r in result.records if r.get("reported_at")) == 200


def test_the_error_date_wins_over_the_entry_date(tmp_path: Path) -> None:
    rows = [["Case #", "Date", "Error Date", "Description"]]
    rows += [[f"C{i}", f"2024-05-{i + 10:02d}", f"2024-05-{i + 1:02d}", "Paper jam"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "x.csv", rows), "repairs")
    t = targets(result)
    assert t["Error Date"] == "reported_at" and t["Date"] == "keep"
    assert result.records[0]["reported_at"] == D(2024, 5, 1)
    assert any(d.code == "mapping.conflict" and d.column == "Date" for d in result.decisions)


def test_existing_identifiers_are_used_before_generating(tmp_path: Path) -> None:
    for header, ids in (("Work Order ID", ["WO-1001", "WO-1002", "WO-1003"]), ("Case #", ["5001", "5002", "5003"]),
                        ("信息编号", ["XX001", "XX002", "XX003"]), ("Ref", ["R-7", "R-8", "R-9"])):
        rows = [[header, "Opened", "Problem"]] + [[i, f"2024-06-0{n + 1}", "noise"] for n, i in enumerate(ids)]
        result = import_legacy(write_csv(tmp_path / "i.csv", rows), "repairs")
        assert targets(result)[header] == "ticket_no", header
        assert [r["ticket_no"] for r in result.records] == ids
        assert not any(d.code == "tickets.generated" for d in result.decisions)


def test_a_unique_identifier_under_an_unknown_header_is_the_ticket(tmp_path: Path) -> None:
    rows = [["Doc Ref", "Opened", "Problem"]] + [[f"DK-{n:04d}", "2024-06-01", "x"] for n in range(6)]
    result = import_legacy(write_csv(tmp_path / "u.csv", rows), "repairs")
    column = next(c for c in result.columns if c.label == "Doc Ref")
    assert (str(column.target), column.source) == ("ticket_no", "identifier")
    assert any(d.code == "mapping.identifier" for d in result.decisions)


def test_weak_evidence_keeps_the_column_with_its_candidates(tmp_path: Path) -> None:
    rows = [["Ticket No", "Reported At", "Fault Description", "Indent No", "Amount"]]
    rows += [[f"T{i}", "2024-07-01 10:00", "Fan", f"NOV00{i}", 100 + i] for i in range(5)]
    result = import_legacy(write_csv(tmp_path / "w.csv", rows), "repairs")
    t = targets(result)
    assert t["Indent No"] == "keep" and t["Amount"] == "keep"
    assert "Indent No: NOV000" in result.records[0]["notes"]


def test_choices_need_their_values_to_read(tmp_path: Path) -> None:
    rows = [["Ticket No", "Reported At", "Fault Description", "Priority", "Action Taken", "Cause"]]
    levels = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
    rows += [[f"T{i}", "2024-07-01 10:00", "Fan", levels[i % 4], "Replace", "see notes"] for i in range(8)]
    result = import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs")
    t = targets(result)
    assert t["Priority"] == "fault_level" and t["Action Taken"] == "action" and t["Cause"] == "keep"
    assert [r["fault_level"] for r in result.records[:4]] == ["I", "II", "III", "IV"]
    assert any(d.code == "mapping.values_do_not_fit" and d.column == "Cause" for d in result.decisions)


def test_dates_excel_swapped_in_a_day_first_column(tmp_path: Path) -> None:
    """Typed 11/03/2023 (11 March), stored by Excel as 3 November: it breaks the column's order."""
    path = tmp_path / "s.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ticket No", "Reported At", "Fault Description"])
    typed = ["02/03/2023", "05/03/2023", "08/03/2023", None, "13/03/2023", "15/03/2023", "20/03/2023"]
    for n, text in enumerate(typed):
        ws.append([f"S{n}", text if text else D(2023, 11, 3), "Fan"])
    for n, text in enumerate(["22/03/2023", "25/03/2023", "28/03/2023"], start=len(typed)):
        ws.append([f"S{n}", text, "Fan"])
    wb.save(path)
    result = import_legacy(path, "repairs")
    by_ticket = {r["ticket_no"]: r for r in result.records}
    assert by_ticket["S3"]["reported_at"] == D(2023, 3, 11)
    assert by_ticket["S4"]["reported_at"] == D(2023, 3, 13)
    warning = next(i for i in result.report.issues if i.code == "import.date_swapped")
    assert warning.cell == "B5" and "2023-11-03" in warning.message and "2023-03-11" in warning.message


def test_true_dates_in_a_day_first_column_that_keep_the_order_are_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ticket No", "Reported At", "Fault Description"])
    for n, value in enumerate(["13/03/2023", D(2023, 3, 14), "15/03/2023", D(2023, 3, 16), "17/03/2023"]):
        ws.append([f"K{n}", value, "Fan"])
    wb.save(path)
    result = import_legacy(path, "repairs")
    assert [r["reported_at"].day for r in result.records] == [13, 14, 15, 16, 17]
    assert not any(i.code == "import.date_swapped" for i in result.report.issues)
