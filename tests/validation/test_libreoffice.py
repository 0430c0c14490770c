"""LibreOffice as a real client: it opens the annotated workbook and saves
it again, and every value reads back as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from sheetdesk.io.annotate import ComputedColumn, write_annotated
from sheetdesk.io.reader import read_workbook
from sheetdesk.validation import validate_files
from tests.helpers.libreoffice import convert
from tests.validation.books import AS_OF, english_book

pytestmark = pytest.mark.libreoffice


def test_libreoffice_reads_back_the_annotated_workbook(tmp_path: Path) -> None:
    src = tmp_path / "en.xlsx"
    english_book(src)
    result = validate_files([src], as_of=AS_OF)
    computed = {"repairs": [ComputedColumn("resolve_due", "Resolve Due", "修复时限", "datetime",
                                           [dt.datetime(2025, 3, 2, 9, 0)] * 5),
                            ComputedColumn("resolve_status", "Resolve Status", "修复状态", "text",
                                           ["met", "breached", "pending", "overdue", "met"], status=True)]}
    ours = tmp_path / "annotated.xlsx"
    write_annotated(ours, result.dataset, result.report, computed=computed, constant_memory=True)
    theirs = convert(ours, "xlsx", tmp_path / "lo")
    written, reread = read_workbook(ours), read_workbook(theirs)
    assert [s.name for s in reread.sheets] == [s.name for s in written.sheets]
    for sheet in written.sheets:
        assert reread.sheet(sheet.name).rows == sheet.rows, sheet.name
    wb = openpyxl.load_workbook(theirs)
    assert "Resolved At 2025-02-28 08:00 is before" in wb["Repairs"]["L3"].comment.text
    assert wb["Sales"]["G5"].value == "=SUM(A1)" and wb["Sales"]["G5"].data_type == "s"
