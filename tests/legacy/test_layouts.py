"""Legacy layouts clerks keep, imported through the library: every field recovered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from sheetdesk.legacy import ImportResult, import_legacy
from tests.helpers.libreoffice import convert
from tests.legacy import layouts as L


def by_key(result: ImportResult, key: str = "ticket_no") -> dict[str, dict[str, Any]]:
    return {r[key]: r for r in result.records}


def assert_fields(record: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        assert record.get(key) == value, f"{key}: {record.get(key)!r} != {value!r} in {record}"


def accounted(result: ImportResult) -> None:
    assert result.rows_read == len(result.above) + result.rows_written + result.rows_rejected
    assert sorted(result.record_rows + [r.row for r in result.rejects]) == sorted(set(
        result.record_rows + [r.row for r in result.rejects]))


def target_of(result: ImportResult, label: str) -> str:
    return next(str(c.target) for c in result.columns if c.label == label)


def test_title_row_and_two_row_merged_header(tmp_path: Path) -> None:
    result = import_legacy(L.merged_header_xlsx(tmp_path / "log.xlsx"), "repairs")
    assert result.header_rows == [2, 3]
    assert result.lang == "zh"
    assert target_of(result, "时间 报修") == "reported_at.time"
    assert target_of(result, "时间 修复") == "resolved_at.time"
    assert target_of(result, "日期") == "reported_at.date"
    assert result.counts() == L.MERGED_ROWS
    records = by_key(result)
    assert set(records) == set(L.EXPECTED_MERGED)
    for ticket, expected in L.EXPECTED_MERGED.items():
        assert_fields(records[ticket], expected)
    assert "notes" not in records["W-004"]  # "/" is a blank, not a note
    reasons = {r.row: r.code for r in result.rejects}
    assert reasons == {8: "totals", 10: "note"}
    totals = next(r for r in result.rejects if r.code == "totals")
    assert totals.values[0] == "合计" and "A8" in totals.reason
    assert [c.letter for c in result.columns] == list("ABCDEFGHI")  # phantom J:L ignored
    codes = {d.code for d in result.decisions}
    assert {"carry.merged", "table.header"} <= codes
    accounted(result)


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_libreoffice_copies_import_the_same(tmp_path: Path, fmt: str) -> None:
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    copy = convert(source, fmt, tmp_path / fmt)
    result = import_legacy(copy, "repairs")
    assert result.format == fmt
    assert result.header_rows == [2, 3]
    assert result.counts() == L.MERGED_ROWS
    records = by_key(result)
    for ticket, expected in L.EXPECTED_MERGED.items():
        assert_fields(records[ticket], expected)


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_kpi_block_above_the_header(tmp_path: Path, suffix: str) -> None:
    result = import_legacy(L.kpi_block_xlsx(tmp_path / f"kpi{suffix}"), "repairs")
    assert result.format == suffix[1:]
    assert result.header_rows == [5]
    assert [c.letter for c in result.columns] == list("ABCDEFGHIJ")  # styled K:M hold only spaces
    assert result.sheets == ["Log"] and result.rows_read == 6  # title and KPI rows are read, above the header
    assert [row for row, _ in result.above] == [1, 2, 3]
    assert result.lang == "en"
    assert result.counts() == {"read": 6, "written": 3, "rejected": 0, "above_header": 3}
    records = by_key(result)
    for ticket, expected in L.EXPECTED_KPI.items():
        assert_fields(records[ticket], expected)
    orders = {d.column: d.message for d in result.decisions if d.code == "date_order"}
    assert "day-first" in orders["Opened"] and "day-first" in orders["Resolved"]
    levels = next(d.message for d in result.decisions if d.code == "enum.values")
    assert "'2 - High' -> II" in levels


def test_gbk_csv_with_ditto_placeholders_and_totals(tmp_path: Path) -> None:
    result = import_legacy(L.gbk_csv(tmp_path / "报修.csv"), "repairs")
    assert result.encoding == "gbk"
    assert result.header_rows == [2]
    assert target_of(result, "报修日期") == "reported_at.date"
    assert target_of(result, "开始时间") == "reported_at.time"
    assert result.counts() == {"read": 6, "written": 4, "rejected": 1, "above_header": 1}
    assert result.rejects[0].code == "totals" and result.rejects[0].row == 8
    records = by_key(result)
    for ticket, expected in L.EXPECTED_GBK.items():
        assert_fields(records[ticket], expected)
    messages = " ".join(d.message for d in result.decisions)
    assert "same-as-above markers (同上" in messages
    assert "end times earlier than the start read as the next day (at most 12 hours later: a night shift): 1" in messages


def test_day_first_and_month_first_decided_per_column(tmp_path: Path) -> None:
    result = import_legacy(L.date_orders_csv(tmp_path / "orders.csv"), "repairs")
    records = by_key(result)
    assert records["T2"]["reported_at"] == dt.datetime(2023, 3, 2, 10, 0)
    assert records["T2"]["resolved_at"] == dt.datetime(2023, 3, 2, 12, 0)
    assert records["T3"]["reported_at"] == dt.datetime(2023, 2, 28)
    assert records["T3"]["resolved_at"] == dt.datetime(2023, 3, 1, 8, 0)
    assert [c.letter for c in result.columns] == list("ABCDE")  # F, G: trailing commas only
    assert result.counts() == {"read": 3, "written": 3, "rejected": 0, "above_header": 0}
    cols = {c.label: c.dayfirst for c in result.columns}
    assert cols["Reported At"] is True and cols["Resolved At"] is False
    assert not result.report.issues


def test_ambiguous_dates_are_a_warning_not_a_guess(tmp_path: Path) -> None:
    result = import_legacy(L.ambiguous_csv(tmp_path / "amb.csv"), "repairs")
    records = by_key(result)
    assert records["A1"].get("reported_at") is None
    assert "Reported At: 03/04/2023 09:00" in records["A1"]["notes"]
    assert records["A3"]["reported_at"] == dt.datetime(2023, 7, 8, 10, 0)
    codes = [i.code for i in result.report.issues]
    assert "import.date_order" in codes
    assert codes.count("import.value_unread") == 2
    unread = next(i for i in result.report.issues if i.code == "import.value_unread")
    assert unread.cell == "B2"


def test_serial_dates_as_numbers_and_as_text(tmp_path: Path) -> None:
    result = import_legacy(L.serial_dates_xlsx(tmp_path / "serial.xlsx"), "repairs")
    records = by_key(result)
    for ticket, expected in L.EXPECTED_SERIAL.items():
        assert_fields(records[ticket], expected)


def test_callbacks_with_separate_date_and_time(tmp_path: Path) -> None:
    result = import_legacy(L.callbacks_csv(tmp_path / "回访.csv"), "callbacks")
    assert target_of(result, "日期") == "callback_at.date"
    assert target_of(result, "时间") == "callback_at.time"
    for record, expected in zip(result.records, L.EXPECTED_CALLBACKS, strict=True):
        assert_fields(record, expected)
    assert any(d.code == "carry.blank" for d in result.decisions)


def test_sales_phone_found_by_content(tmp_path: Path) -> None:
    result = import_legacy(L.sales_xlsx(tmp_path / "sales.xlsx"), "sales")
    phone = next(c for c in result.columns if c.label == "联络")
    assert str(phone.target) == "phone" and phone.source == "content"
    records = by_key(result, "serial_no")
    assert set(records) == {"0001", "0002", "0003"}
    assert_fields(records["0002"], {"product": "监护仪", "model": "M-1", "sale_date": dt.date(2023, 1, 6),
                                    "customer": "市二医院", "phone": "010-88886666", "branch": "城东"})


def test_repeated_header_and_superseded_rows_are_rejected_with_reasons(tmp_path: Path) -> None:
    result = import_legacy(L.repeated_header_csv(tmp_path / "rep.csv"), "repairs")
    assert result.counts() == {"read": 4, "written": 2, "rejected": 2, "above_header": 0}
    reasons = {r.row: (r.code, r.reason) for r in result.rejects}
    assert reasons[3][0] == "repeated_header"
    assert reasons[2][0] == "superseded" and "row 5" in reasons[2][1]
    assert by_key(result)["R1"]["fault_description"] == "Fan (fixed)"


def test_content_sniffing_maps_unknown_headers_but_not_counts(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("No,Zeit,Stufe,Qty,What\n"
                    "K1,2023-05-01 08:00,Ⅰ,1,Pump\n"
                    "K2,2023-05-02 09:30,III,2,Valve\n"
                    "K3,2023-05-03 10:00,一级,1,Belt\n", encoding="utf-8")
    result = import_legacy(path, "repairs")
    columns = {c.label: c for c in result.columns}
    assert (str(columns["Zeit"].target), columns["Zeit"].source) == ("reported_at", "content")
    assert (str(columns["Stufe"].target), columns["Stufe"].source) == ("fault_level", "content")
    assert str(columns["Qty"].target) == "keep"  # 1, 2, 1 could be levels, or a count: not guessed
    assert str(columns["No"].target) == "ticket_no" and columns["No"].confidence == 0.6
    records = by_key(result)
    assert records["K3"]["fault_level"] == "I" and records["K2"]["reported_at"] == dt.datetime(2023, 5, 2, 9, 30)
    assert records["K1"]["notes"] == "Qty: 1; What: Pump"


@pytest.mark.libreoffice
def test_libreoffice_opens_the_imported_workbook(tmp_path: Path) -> None:
    from sheetdesk.io.reader import read_workbook
    from sheetdesk.legacy import write_import

    result = import_legacy(L.merged_header_xlsx(tmp_path / "log.xlsx"), "repairs")
    out = write_import(result, tmp_path / "imported.xlsx")
    copy = convert(out, "ods", tmp_path / "lo")
    sheets = {s.name: s.rows for s in read_workbook(copy).sheets}
    assert list(sheets) == ["维修记录", "未导入", "导入报告"]  # a Chinese log gets Chinese sheets
    assert sheets["维修记录"][1][:3] == ["W-001", "SN0001", dt.datetime(2023, 5, 1, 9, 30)]
    assert sheets["未导入"][1][1].startswith("合计行")


def test_two_row_header_in_a_csv_without_merge_information(tmp_path: Path) -> None:
    path = tmp_path / "grp.csv"
    path.write_text("维修登记表,,,,\n"
                    "单号,日期,时间,,网点\n"
                    ",,报修,修复,\n"
                    "W1,2023-05-01,9:00,10:00,北京\n"
                    "W2,,9:30,11:00,上海\n", encoding="utf-8")
    result = import_legacy(path, "repairs")
    assert result.header_rows == [2, 3]
    assert [str(c.target) for c in result.columns] == [
        "ticket_no", "reported_at.date", "reported_at.time", "resolved_at.time", "branch"]
    w2 = by_key(result)["W2"]
    assert (w2["reported_at"], w2["resolved_at"]) == (dt.datetime(2023, 5, 1, 9, 30), dt.datetime(2023, 5, 1, 11, 0))
