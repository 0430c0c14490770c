"""Odd but real workbooks: phantom ranges, stray far-away cells, wide sheets, many merges.

Each either works quickly or gets one clear message; none hangs or kills the process.
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from sheetdesk.errors import InputError
from sheetdesk.io.reader import read_workbook
from sheetdesk.io.reading import limits
from tests.reliability.books import master_sheets, write_master
from tests.reliability.runner import run

NOTES_PART = "xl/worksheets/sheet4.xml"  # the master's fourth sheet, Notes (rows 1-3, columns A-C)


def edit_notes(folder: Path, name: str, *, dimension: str | None = None, extra_cells: str = "",
               merges: str = "") -> Path:
    """The master with the Notes sheet's XML edited: its <dimension>, cells appended, merged ranges."""
    source = write_master(folder / "source.xlsx")
    target = folder / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == NOTES_PART:
                xml = data.decode()
                if dimension is not None:
                    xml = re.sub(r'<dimension ref="[^"]*"/>', dimension, xml)
                xml = xml.replace("</sheetData>", extra_cells + "</sheetData>" + merges)
                data = xml.encode()
            zout.writestr(info, data)
    source.unlink()
    return target


def timed(func: object, *args: object) -> tuple[object, float]:
    started = time.perf_counter()
    result = func(*args)  # type: ignore[operator]
    return result, time.perf_counter() - started


def test_a_dimension_claiming_the_whole_sheet_is_not_believed(tmp_path: Path) -> None:
    path = edit_notes(tmp_path, "phantom.xlsx", dimension='<dimension ref="A1:XFD1048576"/>')
    book, seconds = timed(read_workbook, path)
    assert seconds < 2
    notes = book.sheet("Notes")  # type: ignore[attr-defined]
    assert (len(notes.rows), notes.width) == (3, 3)
    result = run("check", path, "-o", tmp_path / "out.xlsx", "--as-of", "2025-06-01")
    assert result.code == 0
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Notes"].max_row == 3


def test_formatting_far_away_is_not_data(tmp_path: Path) -> None:
    """A styled empty cell at the last cell of the sheet (Excel does this) holds nothing."""
    path = edit_notes(tmp_path, "styled.xlsx", extra_cells='<row r="1048576"><c r="XFD1048576" s="1"/></row>')
    book, seconds = timed(read_workbook, path)
    assert seconds < 2
    assert len(book.sheet("Notes").rows) == 3  # type: ignore[attr-defined]


STRAY = {
    "a value": '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    "an empty string": '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>',
    "attributes in another order": '<row r="1048576"><c t="inlineStr" s="0" r="XFD1048576"><is><t>x</t></is></c>'
                                   "</row>",
}


@pytest.mark.parametrize("stray", STRAY)
def test_a_stray_cell_at_the_end_of_the_sheet_is_a_clear_refusal(stray: str, tmp_path: Path) -> None:
    """calamine would allocate the full grid (17 billion cells, 512 GiB) and abort the process."""
    path = edit_notes(tmp_path, "stray.xlsx", extra_cells=STRAY[stray])
    message = ("sheet 'Notes' reaches row 1,048,576 and column XFD: 17,179,869,184 cells, more than sheetdesk "
               "reads (50,000,000); delete the stray cells far below or to the right of the data (Ctrl+End "
               "finds the last one) and save again")
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert str(info.value.problem) == message
    result = run("check", path, "--as-of", "2025-06-01")
    assert result.code == 2 and result.stderr == f"sheetdesk: error: {path}: {message}\n"


def test_a_wide_sheet_within_the_limit_is_read(tmp_path: Path) -> None:
    path = edit_notes(tmp_path, "wide.xlsx",
                      extra_cells='<row r="4"><c r="XFD4" t="inlineStr"><is><t>far right</t></is></c></row>')
    book, seconds = timed(read_workbook, path)
    notes = book.sheet("Notes")  # type: ignore[attr-defined]
    assert (len(notes.rows), notes.width, notes.rows[3][-1]) == (4, 16_384, "far right")
    result = run("validate", path, "-o", tmp_path / "out.xlsx")
    assert result.code == 0
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")["Notes"]["XFD4"].value == "far right"


def test_a_long_sheet_within_the_limit_is_read(tmp_path: Path) -> None:
    path = edit_notes(tmp_path, "long.xlsx",
                      extra_cells='<row r="200000"><c r="A200000" t="inlineStr"><is><t>bottom</t></is></c></row>')
    result = run("validate", path, "-o", tmp_path / "out.xlsx")
    assert result.code == 0
    assert openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)["Notes"]["A200000"].value == "bottom"


def test_the_grid_limit_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the limit at 50 cells: Notes reaching C16 (48) is read, C17 (51) is refused."""
    monkeypatch.setattr(limits, "MAX_GRID_CELLS", 50)
    ok = edit_notes(tmp_path, "ok.xlsx", extra_cells='<row r="16"><c r="C16"><v>1</v></c></row>')
    assert len(read_workbook(ok).sheet("Notes").rows) == 16
    too_far = edit_notes(tmp_path, "far.xlsx", extra_cells='<row r="17"><c r="C17"><v>1</v></c></row>')
    with pytest.raises(InputError, match="sheet 'Notes' reaches row 17 and column C: 51 cells"):
        read_workbook(too_far)


def test_a_dimension_is_never_trusted_whatever_the_part_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cells are walked one by one (the limit set low forces the exact walk): a phantom
    <dimension> is ignored, and a stray cell is found even when the <dimension> hides it."""
    monkeypatch.setattr(limits, "MAX_GRID_CELLS", 100)
    phantom = edit_notes(tmp_path, "phantom.xlsx", dimension='<dimension ref="A1:XFD1048576"/>')
    assert len(read_workbook(phantom).sheet("Notes").rows) == 3  # the cells end at C3
    stray = edit_notes(tmp_path, "stray.xlsx", dimension='<dimension ref="A1:C3"/>', extra_cells=STRAY["a value"])
    with pytest.raises(InputError, match="reaches row 1,048,576 and column XFD"):
        read_workbook(stray)


def test_thousands_of_merged_cells(tmp_path: Path) -> None:
    path = tmp_path / "merges.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in master_sheets().items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value)
    log = wb.add_worksheet("Log")
    for i in range(3000):
        log.merge_range(i * 2, 0, i * 2 + 1, 1, f"entry {i}")
        log.write_number(i * 2, 2, i)
    wb.close()
    result, seconds = timed(run, "check", path, "-o", tmp_path / "out.xlsx", "--as-of", "2025-06-01")
    assert result.code in (0, 1) and seconds < 20  # type: ignore[attr-defined]
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")["Log"]
    assert len(out.merged_cells.ranges) == 3000
    assert out["A5999"].value == "entry 2999"


def test_a_merge_over_the_whole_sheet_is_not_walked_cell_by_cell(tmp_path: Path) -> None:
    """xlsxwriter visits every cell of a merged range: D2:XFD1048576 would never finish."""
    path = edit_notes(tmp_path, "merged.xlsx", merges='<mergeCells count="2"><mergeCell ref="D2:XFD1048576"/>'
                                                      '<mergeCell ref="A3:B3"/></mergeCells>')
    result, seconds = timed(run, "validate", path, "-o", tmp_path / "out.xlsx", "--json")
    assert seconds < 10
    issues = json.loads(result.stdout)["issues"]  # type: ignore[attr-defined]
    assert [i["message"] for i in issues if i["code"] == "sheet.merge_not_carried"] == [
        "sheet 'Notes': the merged range D2:XFD1048576 covers 17,176,707,075 cells; it is not merged in the copy "
        "(its value is kept)"]
    assert [str(r) for r in openpyxl.load_workbook(tmp_path / "out.xlsx")["Notes"].merged_cells.ranges] == ["A3:B3"]
