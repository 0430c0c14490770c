"""Finding the table: scored headers, rows above them, stacked tables, --header-row, CSV field counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import xlsxwriter
from click.testing import CliRunner

from sheetdesk.cli import main
from sheetdesk.legacy import ImportResult, import_legacy

D = dt.datetime


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner(env={"LANG": "en_US.UTF-8", "LC_ALL": ""}).invoke(main, ["import", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def accounted(result: ImportResult) -> None:
    rows = result.record_rows + [r.row for r in result.rejects] + [row for row, _ in result.above]
    assert len(rows) == len(set(rows)) == result.rows_read


def csv_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_header_below_a_summary_block_with_formulas_and_dates(tmp_path: Path) -> None:
    """The title in row 1 and a KPI block (formulas, a date, counts): the header is row 6."""
    path = tmp_path / "kpi.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("报表")
    ws.write("A1", "设备维修统计")
    ws.write("A2", "统计日期")
    ws.write_datetime("B2", D(2024, 3, 31), wb.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write("A3", "工单总数")
    ws.write_formula("B3", "=COUNTA(A7:A9)", None, 3)
    ws.write("A4", "已完成")
    ws.write_formula("B4", "=COUNTIF(E7:E9,\"<>\")", None, 2)
    header = ["信息编号", "报修时间", "设备名称", "故障现象", "完成时间", "维修人员"]
    for c, label in enumerate(header):
        ws.write(5, c, label)
    data = [
        ["XX-2024-001", "2024-03-01 08:30", "呼吸机", "报警不停", "2024-03-01 15:00", "张工"],
        ["XX-2024-002", "2024-03-02 09:10", "监护仪", "黑屏", None, "李工"],
        ["XX-2024-003", "2024-03-05 14:00", "输液泵", "漏液", "2024-03-06 10:20", "张工"],
    ]
    for r, row in enumerate(data, start=6):
        for c, value in enumerate(row):
            if value is not None:
                ws.write_string(r, c, value)
    wb.close()
    result = import_legacy(path, "repairs")
    assert result.header_rows == [6]
    assert [row for row, _ in result.above] == [1, 2, 3, 4]
    assert result.counts() == {"read": 7, "written": 3, "rejected": 0, "above_header": 4}
    targets = {c.label: str(c.target) for c in result.columns}
    assert targets["信息编号"] == "ticket_no"  # the source's own report numbers, not IMP- ones
    assert targets["报修时间"] == "reported_at" and targets["完成时间"] == "resolved_at"
    assert targets["维修人员"] == "technician" and targets["故障现象"] == "fault_description"
    first = result.records[0]
    assert (first["ticket_no"], first["reported_at"], first["resolved_at"]) == (
        "XX-2024-001", D(2024, 3, 1, 8, 30), D(2024, 3, 1, 15, 0))
    header = next(d for d in result.decisions if d.code == "table.header")
    assert "row 6" in header.message and "of them known" in header.message
    accounted(result)


def test_a_parent_spanning_six_children_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "parts.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    for col, label in zip("ABC", ["单号", "报修时间", "故障描述"], strict=True):
        ws.merge_range(f"{col}1:{col}2", label)
    ws.merge_range("D1:I1", "故障部件、厂家及版本")
    for c, label in enumerate(["部件", "厂家", "型号", "版本", "批次", "数量"], start=3):
        ws.write(1, c, label)
    ws.write_row(2, 0, ["W1", "2024-01-02 10:00", "不开机", "主板", "甲厂", "MB-1", "V2", "B7", "1"])
    ws.write_row(3, 0, ["W2", "2024-01-03 11:00", "花屏", "屏幕", "乙厂", "LCD-9", "V1", "B2", "2"])
    wb.close()
    result = import_legacy(path, "repairs")
    assert result.header_rows == [1, 2]  # the sub-row is the header's second row, not data
    labels = [c.label for c in result.columns]
    assert labels[3:] == [f"故障部件、厂家及版本 {x}" for x in ["部件", "厂家", "型号", "版本", "批次", "数量"]]
    assert result.counts()["written"] == 2
    assert "故障部件、厂家及版本 厂家: 甲厂" in result.records[0]["notes"]


def test_a_header_with_one_column_named_by_a_value(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "y.csv", "Ticket No,Reported At,Fault Description,2023\n"
                                       "T1,2023-05-01 09:00,Fan,x\nT2,2023-05-02 10:00,Lamp,y\n")
    result = import_legacy(path, "repairs")
    assert result.header_rows == [1] and result.rows_written == 2
    assert [c.label for c in result.columns][-1] == "2023"


def test_header_row_option_overrides_the_search(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "h.csv", "Ticket No,Fault Description\nNo,What\nT1,Fan\n")
    result = import_legacy(path, "repairs", header_rows=[2])
    assert result.header_rows == [2] and [row for row, _ in result.above] == [1]
    assert any(d.code == "table.header" and "as given (--header-row)" in d.message for d in result.decisions)
    code, out, _ = run(path, "--kind", "repairs", "--header-row", "2", "--dry-run")
    assert code == 0 and "header row 2" in out
    code, _, err = run(path, "--kind", "repairs", "--header-row", "9", "--dry-run")
    assert code == 2 and err.count("\n") == 1 and "--header-row 9 is beyond the last row" in err


def test_two_exports_with_the_same_columns_in_another_order_are_both_imported(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "two.csv",
                    "Ticket No,Reported At,Fault Description\n"
                    "A1,2024-01-01 08:00,Fan\nA2,2024-01-02 08:00,Lamp\n"
                    "Fault Description,Ticket No,Reported At\n"
                    "Door,B1,2024-02-01 09:00\nBelt,B2,2024-02-02 09:00\n")
    result = import_legacy(path, "repairs")
    assert result.header_rows == [1]
    by_ticket = {r["ticket_no"]: r for r in result.records}
    assert set(by_ticket) == {"A1", "A2", "B1", "B2"}
    assert by_ticket["B1"]["fault_description"] == "Door" and by_ticket["B1"]["reported_at"] == D(2024, 2, 1, 9)
    assert {(r.row, r.code) for r in result.rejects} == {(4, "repeated_header")}
    assert any(d.code == "table.second_same" for d in result.decisions)
    accounted(result)


def test_a_second_table_with_other_columns_is_reported_not_called_titles(tmp_path: Path) -> None:
    """Two exports pasted one under the other; the second has more known headers than the first."""
    path = csv_file(tmp_path / "stack.csv",
                    "Ticket No,Reported At,Fault Description\n"
                    "A1,2024-01-01 08:00,Fan\nA2,2024-01-02 08:00,Lamp\nA3,2024-01-03 08:00,Belt\n"
                    ",,,,,\n"
                    "Case #,Opened,Priority,Assigned to,Resolved,Channel\n"
                    "C1,2024-03-01 10:00,2 - High,Tom,2024-03-02 10:00,Phone\n"
                    "C2,2024-03-04 10:00,4 - Low,Ann,2024-03-05 10:00,Email\n")
    result = import_legacy(path, "repairs")
    assert result.header_rows == [1]  # the first table is the table: its rows are not "titles"
    assert not result.above
    assert [r["ticket_no"] for r in result.records] == ["A1", "A2", "A3"]
    assert {(r.row, r.code) for r in result.rejects} == {(6, "second_table"), (7, "second_table"), (8, "second_table")}
    assert all("--header-row 6" in r.reason for r in result.rejects)
    assert any(d.code == "table.second" and "row 6" in d.message for d in result.decisions)
    accounted(result)
    second = import_legacy(path, "repairs", header_rows=[6])
    assert [r["ticket_no"] for r in second.records] == ["C1", "C2"] and second.records[0]["fault_level"] == "II"


def test_a_csv_row_with_more_fields_than_the_header_is_rejected(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "f.csv",
                    "Ticket No,Reported At,Fault Description,Technician\n"
                    "T1,2024-01-01 08:00,Fan,Tom\n"
                    'T2,2024-01-02 08:00,"12"" screen",Ann,x,y\n'  # two extra fields with values
                    "T3,2024-01-03 08:00,Lamp,Bob,,\n"  # trailing empty fields: fine
                    "T4,2024-01-04 08:00,Door,Eve\n")
    result = import_legacy(path, "repairs")
    assert [r["ticket_no"] for r in result.records] == ["T1", "T3", "T4"]
    reject = result.rejects[0]
    assert (reject.row, reject.code) == (3, "field_count")
    assert reject.reason.startswith("6 fields, header has 4")
    assert any(d.code == "rows.field_count" for d in result.decisions)


def test_nothing_imported_exits_1_with_one_line(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "n.csv", "Alpha,Beta\n1,2\n3,4\n")
    code, out, err = run(path, "--kind", "repairs", "--dry-run")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("sheetdesk: nothing imported: 0 of 2 data rows written")
    assert "header taken from row 1" in err and "--header-row" in err
    result = import_legacy(path, "repairs")
    assert result.nothing_imported and any(i.code == "import.nothing_imported" for i in result.report.issues)


def test_the_import_report_lists_rows_above_the_header(tmp_path: Path) -> None:
    path = csv_file(tmp_path / "t.csv", "Repair log 2024,,\nprinted 2024-05-01,,\nTicket No,Reported At,Fault\n"
                                       "T1,2024-01-01 08:00,Fan\n")
    out = tmp_path / "o.xlsx"
    assert run(path, "--kind", "repairs", "-o", out)[0] == 0
    ws = openpyxl.load_workbook(out)["Import Report"]
    cells = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    start = cells.index(["Rows above the header (titles, summaries: not data)"])
    assert cells[start + 2] == [1, "Repair log 2024"] and cells[start + 3] == [2, "printed 2024-05-01"]


def test_a_stray_quote_found_by_the_reader_is_in_the_import_report(tmp_path: Path) -> None:
    lines = ["Ticket No,Reported At,Fault Description,Technician", 'T1,2024-01-01 08:00,"12 inch screen,Tom']
    lines += [f"T{i},2024-01-0{i} 08:00,Fan {i},Ann" for i in range(2, 8)]
    path = csv_file(tmp_path / "q.csv", "\n".join(lines) + "\n")
    result = import_legacy(path, "repairs")
    assert [r["ticket_no"] for r in result.records] == [f"T{i}" for i in range(1, 8)]  # no row swallowed
    assert [i.code for i in result.report.issues] == ["csv.quote_unclosed"]
    accounted(result)
