"""Branch files and the merged master filter, freeze and print like the annotated copy."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from sheetdesk.branches import SplitResult
from sheetdesk.branches.collect import collect
from sheetdesk.schema import REGISTERS
from tests.branches.master import BEIJING, SALES


def test_a_branch_files_registers_filter_freeze_and_print_with_their_key(
    split: SplitResult, files: dict[str, Path]
) -> None:
    wb = openpyxl.load_workbook(files[BEIJING])
    for register in REGISTERS:
        if register.optional:  # the master has no Holds or Visits: the branch files get none
            assert register.name(split.lang) not in wb.sheetnames
            continue
        ws = wb[register.name(split.lang)]
        last_col = get_column_letter(len(register.fields))
        assert ws.auto_filter.ref == f"A1:{last_col}{max(ws.max_row, 2)}", register.key
        assert ws.freeze_panes == "B2"  # below the header, right of the serial or ticket number
        assert (ws.print_title_rows, ws.print_title_cols) == ("$1:$1", "$A:$A")
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
        assert ws.oddFooter.center.text == "Page &P of &N"


def test_the_merged_master_keeps_its_filter_and_gets_the_print_setup(
    master: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(master)
    wb["Sales"].auto_filter.ref = "A2:D4"  # the master's own filter, narrower than the table
    wb.save(master)
    merged = collect(master, list(files.values()), tmp_path / "merged.xlsx").output
    ws = openpyxl.load_workbook(merged)["Sales"]
    last_row = 2 + len(SALES)  # the title row, the header, the rows
    assert ws.auto_filter.ref == f"A2:{get_column_letter(ws.max_column)}{last_row}"  # kept, widened
    assert ws.freeze_panes == "B3"  # below the header under the title row, right of the serial
    assert (ws.print_title_rows, ws.print_title_cols) == ("$2:$2", "$A:$A")
    assert ws.page_setup.orientation == "landscape"
