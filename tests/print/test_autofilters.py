"""The input's filters, which calamine does not report, found by the ways
workbooks record them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.worksheet.table import Table

from sheetdesk.io.autofilters import parse_range, read_autofilters
from tests.print.books import sheetdesk


def _book(path: Path, *, table: bool = False) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Log"
    ws.append(["title"])
    ws.append(["when", "who", "what"])
    for n in range(5):
        ws.append([n, f"p{n}", "x"])
    if table:
        ws.add_table(Table(displayName="LogTable", ref="A2:C7"))
    else:
        ws.auto_filter.ref = "A2:C7"
    wb.create_sheet("Empty").append(["nothing"])
    wb.save(path)
    return path


def _without_defined_names(src: Path, dst: Path) -> Path:
    """The same workbook without the hidden _FilterDatabase names (as some writers leave it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<definedNames>.*?</definedNames>", b"", data, flags=re.S)
                assert b"_FilterDatabase" not in data
            zout.writestr(item, data)
    return dst


def test_the_filter_is_read_from_the_workbook_names(tmp_path: Path) -> None:
    book = _book(tmp_path / "named.xlsx")
    with zipfile.ZipFile(book) as z:
        assert b"_xlnm._FilterDatabase" in z.read("xl/workbook.xml")
    assert read_autofilters(book) == {"Log": (1, 0, 6, 2)}


def test_a_sheet_whose_filter_is_only_in_its_own_part_is_searched(tmp_path: Path) -> None:
    book = _without_defined_names(_book(tmp_path / "named.xlsx"), tmp_path / "plain.xlsx")
    assert read_autofilters(book) == {"Log": (1, 0, 6, 2)}


def test_a_table_gives_its_filter(tmp_path: Path) -> None:
    book = _book(tmp_path / "table.xlsx", table=True)
    with zipfile.ZipFile(book) as z:
        assert b"_FilterDatabase" not in z.read("xl/workbook.xml")  # only the table part has it
    assert read_autofilters(book) == {"Log": (1, 0, 6, 2)}


def test_a_workbook_that_cannot_be_followed_has_no_filters(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert read_autofilters(broken) == {}
    assert read_autofilters(tmp_path / "missing.xlsx") == {}


def test_ranges_are_read_as_excel_writes_them() -> None:
    assert parse_range("'维修 记录'!$A$2:$W$96") == (1, 0, 95, 22)
    assert parse_range("B3") == (2, 1, 2, 1)
    assert parse_range("D9:B3") == (2, 1, 8, 3)
    assert parse_range("#REF!") is None and parse_range("") is None


def test_the_annotated_copy_keeps_a_table_filter_of_a_sheet_that_is_no_register(tmp_path: Path) -> None:
    source = _book(tmp_path / "table.xlsx", table=True)
    out = tmp_path / "out.xlsx"
    code, _, err = sheetdesk("validate", source, "-o", out)
    assert code in (0, 1), err
    assert openpyxl.load_workbook(out)["Log"].auto_filter.ref == "A2:C7"
