"""Every rule of SPEC §2 finds its planted error at its exact cell, in
English and Chinese workbooks; clean workbooks give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.io.load import load_dataset
from sheetdesk.report import Report
from sheetdesk.validation import plausible_phone, plausible_postcode, validate_dataset, validate_files
from tests.validation.books import (
    AS_OF,
    CALLBACKS_EN,
    REPAIRS_EN,
    SALES_EN,
    T,
    callback,
    chinese_book,
    clean_book,
    english_book,
    repair,
    sale,
    write_book,
)


def found(path: Path) -> set[tuple[str, str, str | None, str | None]]:
    return {(i.severity, i.code, i.sheet, i.cell) for i in validate_files([path], as_of=AS_OF).report.issues}


def test_english_workbook_every_planted_error_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    expected = english_book(path)
    assert found(path) == expected


def test_chinese_workbook_with_title_rows_every_planted_error_at_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "zh.xlsx"
    expected = chinese_book(path)
    assert found(path) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_clean_workbook_has_no_errors_and_no_warnings(tmp_path: Path, lang: str) -> None:
    result = validate_files([clean_book(tmp_path / f"clean-{lang}.xlsx", lang)], as_of=AS_OF)
    assert result.report.issues == []
    assert result.valid
    assert result.stats["rows"] == ({"sales": 3, "repairs": 3, "callbacks": 2} if lang == "en"
                                    else {"sales": 2, "repairs": 3, "callbacks": 2})


def test_messages_name_the_labels_and_values(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    messages = {(i.sheet, i.cell): i.message for i in validate_files([path], as_of=AS_OF).report.issues}
    assert messages[("Repairs", "L3")] == "Resolved At 2025-02-28 08:00 is before Reported At 2025-03-01 09:00"
    assert messages[("Sales", "A4")] == "Serial No 'SN001' is a duplicate of row 2"
    assert messages[("Sales", "G4")] == "Customer is required but blank"
    assert messages[("Repairs", "Q3")] == "Parts Cost -5 is negative; it must be 0 or more"
    assert messages[("Callbacks", "B4")] == ("Callback At 2025-03-01 12:00 is before the ticket's Resolved At "
                                             "2025-03-01 15:00 ('Repairs' row 2)")
    assert messages[("Callbacks", "A3")] == "Ticket No 'T9' is not in the repair log ('Repairs')"
    assert messages[("Repairs", "B3")] == ("Serial No 'SN999' is not in the sales register ('Sales'); "
                                           "its warranty status is unknown")


def test_messages_read_in_either_language(tmp_path: Path) -> None:
    path = tmp_path / "zh.xlsx"
    chinese_book(path)
    issues = {(i.sheet, i.cell): i for i in validate_files([path], as_of=AS_OF).report.issues}
    order, escalation = issues[("维修记录", "I5")], issues[("回访记录", "F5")]
    assert order.text("zh") == "响应时间 2025-04-01 08:00 早于报修时间 2025-04-01 09:00"
    assert order.message == "Responded At 2025-04-01 08:00 is before Reported At 2025-04-01 09:00"
    assert escalation.text("zh") == "满意度为不满意，但反映主管为空；请填写反映到的主管"
    assert escalation.message.startswith("Satisfaction is Dissatisfied but Escalated To is blank")



def test_issues_are_ordered_by_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    cells = [(i.sheet, i.cell) for i in validate_files([path], as_of=AS_OF).report.issues]
    assert cells[:6] == [("Sales", "F3"), ("Sales", "I3"), ("Sales", "L3"), ("Sales", "A4"), ("Sales", "G4"),
                         ("Sales", "E5")]


def test_repairs_without_a_sales_register_are_not_unknown(tmp_path: Path) -> None:
    path = write_book(tmp_path / "r.xlsx", {"Repairs": [REPAIRS_EN, repair("T1", serial="NOWHERE")]})
    assert found(path) == set()


def test_separate_files_are_checked_against_each_other(tmp_path: Path) -> None:
    sales = write_book(tmp_path / "sales.xlsx", {"Sales": [SALES_EN, sale("SN001")]})
    repairs = write_book(tmp_path / "repairs.xlsx", {"Repairs": [REPAIRS_EN, repair("T1"), repair("T2", "X")]})
    calls = write_book(tmp_path / "calls.xlsx", {"Callbacks": [CALLBACKS_EN, callback("T3")]})
    result = validate_files([sales, repairs, calls], as_of=AS_OF)
    assert [(i.code, i.file, i.cell) for i in result.report.issues] == [
        ("serial.unknown", str(repairs), "B3"),
        ("ticket.unknown", str(calls), "A2"),
    ]
    assert result.stats["files"] == 3


def test_missing_fault_level_column_is_reported_once(tmp_path: Path) -> None:
    header = [h for h in REPAIRS_EN if h != "Fault Level"]
    rows = [[v for h, v in zip(REPAIRS_EN, repair(t), strict=True) if h != "Fault Level"] for t in ("T1", "T2")]
    issues = validate_files([write_book(tmp_path / "r.xlsx", {"Repairs": [header, *rows]})],
                            as_of=AS_OF).report.issues
    assert [(i.code, i.row, i.cell) for i in issues] == [("fault_level.missing", 1, None)]
    assert issues[0].message == "Fault Level is required for a repair (the column is missing and 2 rows are repairs)"
    assert issues[0].text("zh") == "报修必须填写故障级别（该列缺失，而有 2 行是报修）"


def test_missing_required_column_is_not_repeated_per_row(tmp_path: Path) -> None:
    header = [h for h in SALES_EN if h != "Customer"]
    rows = [[v for h, v in zip(SALES_EN, sale(s), strict=True) if h != "Customer"] for s in ("A", "B")]
    issues = validate_files([write_book(tmp_path / "s.xlsx", {"Sales": [header, *rows]})],
                            as_of=AS_OF).report.issues
    assert [(i.code, i.column, i.row) for i in issues] == [("column.missing", "customer", 1)]


def test_future_tolerance_is_one_day(tmp_path: Path) -> None:
    rows = [REPAIRS_EN, repair("T1", reported=T(2025, 6, 2, 11, 0), responded=None, on_site=None, resolved=None),
            repair("T2", reported=T(2025, 6, 2, 13, 0), responded=None, on_site=None, resolved=None)]
    assert found(write_book(tmp_path / "r.xlsx", {"Repairs": rows})) == {
        ("warning", "date.future", "Repairs", "C3")}


def test_validate_dataset_appends_to_the_loaders_report(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    report = Report()
    dataset = load_dataset([path], report)
    loaded = list(report.issues)
    assert validate_dataset(dataset, now=AS_OF) is report
    assert all(i in report.issues for i in loaded)
    assert len(report.issues) > len(loaded)


@pytest.mark.parametrize("phone", ["010-12345678", "13812345678", "+86 138 1234 5678", "(010) 1234-5678 转 8001",
                                   "0086-13812345678", "13812345678 / 010-12345678", "010-12345678 ext. 12",
                                   "１３８１２３４５６７８", "1234567"])
def test_plausible_phones(phone: str) -> None:
    assert plausible_phone(phone)


@pytest.mark.parametrize("phone", ["12345", "abc", "", "123456789012345678", "138-1234-567a", "电话待补",
                                   "13812345678 / 123"])
def test_implausible_phones(phone: str) -> None:
    assert not plausible_phone(phone)


@pytest.mark.parametrize(("code", "ok"), [("100080", True), ("０１００２０", True), ("10008", False),
                                          ("1000800", False), ("10008A", False), ("", False)])
def test_postcodes(code: str, ok: bool) -> None:
    assert plausible_postcode(code) is ok


def test_a_blank_fault_level_names_the_request_type(tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    english_book(path)
    issue = next(i for i in validate_files([path], as_of=AS_OF).report.issues if i.code == "fault_level.missing")
    assert issue.message == "Fault Level is required for a repair (Request Type is Repair or blank)"
    assert issue.text("zh") == "报修必须填写故障级别（服务类别为报修或空白）"


@given(st.text(alphabet="0123456789", max_size=20))
def test_a_number_of_plain_digits_reads_as_the_general_path_reads_it(digits: str) -> None:
    # Plain digits are answered without folding; a leading space sends them the general way.
    assert plausible_phone(digits) is plausible_phone(" " + digits)
