"""Register sheets of the annotated copy: a filter, frozen panes and a print
setup a clerk can use, read back with openpyxl."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.io.annotate import write_annotated
from sheetdesk.io.xlsx import FLOW_SCALE_PERCENT
from sheetdesk.validation import validate_files
from tests.print.books import checked_example, sheetdesk
from tests.validation.books import AS_OF, REPAIRS_EN, SALES_EN, chinese_book, repair, sale


@pytest.fixture(scope="module", params=["zh", "en"])
def example(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Any]:
    lang = request.param
    out = checked_example(lang, tmp_path_factory.mktemp(f"print-{lang}"))
    return lang, openpyxl.load_workbook(out)


def header_and_last(ws: Worksheet, first_label: str) -> tuple[int, int, int]:
    """(header row, last record row, last header column), 1-based, read from the sheet."""
    header = next(c.row for c in ws["A"] if c.value == first_label)
    last_col = max(c.column for c in ws[header] if c.value is not None)
    last_row = max(c.row for c in ws["A"] if c.value is not None)
    return header, last_row, last_col


def test_the_repair_log_filters_freezes_and_prints_with_its_ticket_number(example: tuple[str, Any]) -> None:
    lang, wb = example
    ws = wb["维修记录" if lang == "zh" else "Repairs"]
    header, last_row, last_col = header_and_last(ws, "报修单号" if lang == "zh" else "Ticket No")
    assert header == 2  # a title row above the header
    status = "回访状态" if lang == "zh" else "Callback Status"
    assert ws.cell(header, last_col).value == status  # the last computed column
    # The filter spans the header, every record and the computed columns (the input's own stopped at W).
    assert ws.auto_filter.ref == f"A{header}:{get_column_letter(last_col)}{last_row}"
    assert ws.freeze_panes == f"B{header + 1}"  # below the header, right of the ticket number
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.print_title_cols == "$A:$A"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.print_options.gridLines
    # 42 columns one page wide would be unreadable: 70%, the columns flowing across then down.
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.scale == FLOW_SCALE_PERCENT
    assert ws.page_setup.pageOrder == "overThenDown"
    assert ws.oddHeader.center.text == "&A"  # the sheet's name on every page
    assert ws.oddFooter.center.text == ("第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N")


def test_a_narrow_register_prints_one_page_wide(example: tuple[str, Any]) -> None:
    lang, wb = example
    ws = wb["回访记录" if lang == "zh" else "Callbacks"]
    header, last_row, last_col = header_and_last(ws, "报修单号" if lang == "zh" else "Ticket No")
    assert ws.auto_filter.ref == f"A{header}:{get_column_letter(last_col)}{last_row}"
    assert ws.freeze_panes == f"B{header + 1}"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1 is the file format's default, left out), as many tall as needed
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    sales = wb["销售登记" if lang == "zh" else "Sales"]
    assert sales.print_title_cols == "$A:$A"  # the serial number repeats on the sales register
    assert sales.freeze_panes == f"B{header_and_last(sales, '出厂编号' if lang == 'zh' else 'Serial No')[0] + 1}"


def _validate(tmp_path: Path, sheets: dict[str, list[list[Any]]]) -> Any:
    source = tmp_path / "in.xlsx"
    wb = xlsxwriter.Workbook(str(source), {"strings_to_formulas": False})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
        if name == "Notes":
            ws.autofilter(2, 1, 5, 3)  # the clerk's own filter on a sheet that is no register
    wb.close()
    out = tmp_path / "out.xlsx"
    code, _, err = sheetdesk("validate", source, "-o", out)
    assert code in (0, 1), err
    return openpyxl.load_workbook(out)


def _moved(row: list[Any], key_at: int) -> list[Any]:
    """The row with its first value (the key) moved to index `key_at`."""
    return [*row[1 : key_at + 1], row[0], *row[key_at + 1 :]]


def test_a_key_column_among_the_first_freezes_and_repeats_with_the_columns_left_of_it(tmp_path: Path) -> None:
    wb = _validate(tmp_path, {"Repairs": [_moved(REPAIRS_EN, 2), _moved(repair("T1"), 2)]})
    ws = wb["Repairs"]
    assert ws["C1"].value == "Ticket No"
    assert ws.freeze_panes == "D2" and ws.print_title_cols == "$A:$C"


def test_a_key_column_far_right_repeats_alone_and_only_the_header_freezes(tmp_path: Path) -> None:
    wb = _validate(tmp_path, {"Sales": [_moved(SALES_EN, 6), _moved(sale("SN1"), 6), _moved(sale("SN2"), 6)]})
    ws = wb["Sales"]
    assert ws["G1"].value == "Serial No"
    assert ws.freeze_panes == "A2" and ws.print_title_cols == "$G:$G"
    assert ws.auto_filter.ref == "A1:P3"


def test_the_input_filter_of_another_sheet_is_kept(tmp_path: Path) -> None:
    notes = [["Notes"], [], ["", "when", "who", "what"], ["", 1, "a", "x"], ["", 2, "b", "y"], ["", 3, "c", "z"]]
    wb = _validate(tmp_path, {"Sales": [SALES_EN, sale("SN1")], "Notes": notes})
    assert wb["Notes"].auto_filter.ref == "B3:D6"
    assert wb["Notes"].freeze_panes is None  # not a register: nothing else is added


def test_a_register_filter_on_another_row_than_the_header_is_kept_as_the_clerk_set_it(tmp_path: Path) -> None:
    source = tmp_path / "in.xlsx"
    wb = xlsxwriter.Workbook(str(source))
    ws = wb.add_worksheet("Sales")
    ws.write_string(0, 0, "Sales 2025")
    for c, label in enumerate(SALES_EN):
        ws.write(1, c, label)
    for c, value in enumerate(sale("SN1")):
        if value is not None and not hasattr(value, "year"):
            ws.write(2, c, value)
    ws.autofilter(0, 0, 2, 3)
    wb.close()
    out = tmp_path / "out.xlsx"
    code, _, err = sheetdesk("validate", source, "-o", out)
    assert code in (0, 1), err
    assert openpyxl.load_workbook(out)["Sales"].auto_filter.ref == "A1:D3"


@pytest.mark.parametrize("constant_memory", [False, True], ids=["in-memory", "constant-memory"])
def test_the_setup_holds_in_both_writing_modes(tmp_path: Path, constant_memory: bool) -> None:
    src, out = tmp_path / "zh.xlsx", tmp_path / "out.xlsx"
    chinese_book(src)
    result = validate_files([src], as_of=AS_OF)
    write_annotated(out, result.dataset, result.report, constant_memory=constant_memory)
    ws = openpyxl.load_workbook(out)["维修记录"]
    assert ws.auto_filter.ref == "A3:W6" and ws.freeze_panes == "B4"
    assert ws.print_title_rows == "$3:$3" and ws.print_title_cols == "$A:$A"
