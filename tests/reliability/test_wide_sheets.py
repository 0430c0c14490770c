"""A register sheet as wide as Excel allows: computed columns that do not fit are named (issue #11).

The computed columns are appended after the sheet's last column; past
column XFD (16,384) there is no room. Those that fit are written, those that
do not are named in one `sheet.computed_beyond_xfd` warning, and the JSON
still has every value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.checking.workbook import write_checked
from sheetdesk.schema.computed import COMPUTED_BY_REGISTER
from tests.checking.books import REPAIRS, SALES, repair, run, sale, write_book

XFD = 16_384
# The columns of a workbook without holds and a policy without SLA conditions (the others are left out).
SHOWN = [f for f in COMPUTED_BY_REGISTER["repairs"] if not f.only_with]
REPAIR_COLUMNS = [f.en for f in SHOWN]


def _wide(path: Path, width: int) -> Path:
    """A repair log whose header row reaches column `width` (a note far right)."""
    header = REPAIRS + [None] * (width - len(REPAIRS) - 1) + ["Far note"]
    rows = [header, repair("T1", "S1", dt.datetime(2025, 3, 3, 9), "III", resolved=dt.datetime(2025, 3, 4, 9))]
    return write_book(path, {"Sales": [SALES, sale("S1")], "Repairs": rows})


@pytest.mark.parametrize("room", [0, 5])
def test_computed_columns_past_xfd_are_named_in_a_warning(room: int, tmp_path: Path) -> None:
    book = _wide(tmp_path / "wide.xlsx", XFD - room)
    out = tmp_path / "out.xlsx"

    code, stdout, err = run(book, "--as-of", "2025-06-01", "-o", out, "--json")

    assert (code, err) == (0, "")
    document = json.loads(stdout)
    (warning,) = [i for i in document["issues"] if i["code"] == "sheet.computed_beyond_xfd"]
    left_out = REPAIR_COLUMNS[room:]
    assert warning["message"] == (
        f"sheet 'Repairs' already uses columns up to XFD, Excel's last; {len(left_out)} computed column(s) do not "
        f"fit and are not in the annotated sheet: {', '.join(left_out)}. They are in the JSON (--json)"
    )
    assert (warning["sheet"], warning["row"], warning["severity"]) == ("Repairs", 1, "warning")
    assert document["repairs"][0]["resolve_status"] == "met"  # the values are all in the JSON
    sheet = openpyxl.load_workbook(out, read_only=True)["Repairs"]
    header = next(sheet.iter_rows(min_row=1, max_row=1, min_col=XFD - room, values_only=True))
    assert list(header) == ["Far note", *REPAIR_COLUMNS[:room]]


def test_the_warning_reads_in_chinese(tmp_path: Path) -> None:
    book = _wide(tmp_path / "wide.xlsx", XFD)
    result = check_files([book], as_of=dt.datetime(2025, 6, 1))
    write_checked(result, tmp_path / "out.xlsx")
    (issue,) = [i for i in result.report.issues if i.code == "sheet.computed_beyond_xfd"]
    zh = [f.zh for f in SHOWN]
    assert issue.text("zh").startswith("工作表“Repairs”已用到 Excel 的最后一列 XFD；")
    assert "、".join(zh) in issue.text("zh")


def test_a_sheet_with_room_gets_every_computed_column_and_no_warning(tmp_path: Path) -> None:
    book = _wide(tmp_path / "wide.xlsx", XFD - len(REPAIR_COLUMNS))
    code, stdout, _ = run(book, "--as-of", "2025-06-01", "-o", tmp_path / "out.xlsx", "--json")
    assert code == 0
    assert not [i for i in json.loads(stdout)["issues"] if i["code"] == "sheet.computed_beyond_xfd"]
