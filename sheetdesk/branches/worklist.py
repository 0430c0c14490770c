"""The worklist of a branch file: the branch's part of `sheetdesk due`'s list, from the same engine.

Each item of the master's worklist (`sheetdesk.worklist.build_worklist`) goes to
the branch its row belongs to, the branch `due --by branch` names, and only
when that row travelled to the branch's file (a row `split` keeps at head
office keeps its items there too). Customer details come only from the
branch's own sales rows: an item about a unit another branch sold shows no
customer. Each line links to its row in the branch file's own sheets.

The sheet is protected against accidental edits (no password): it is
computed, and a guard against mistakes, not security.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from xlsxwriter.workbook import Workbook

from sheetdesk.branches.rows import RegisterRows, Row
from sheetdesk.i18n import Msg
from sheetdesk.io.load import Dataset
from sheetdesk.io.xlsx import Formats
from sheetdesk.worklist import WorkItem, Worklist
from sheetdesk.worklist.sheet import row_reference, write_items_sheet
from sheetdesk.worklist.workbook import WORKLIST_SHEET

__all__ = ["BranchWorklist", "branch_worklist", "worklist_name", "write_worklist"]

NOT_LISTED = Msg(
    "The worklist could not be worked out: the master's policy has errors.", "无法生成待办清单：总表的政策有误。"
)


@dataclass
class BranchWorklist:
    """One branch's items, and where their rows are in its file."""

    items: list[WorkItem] = field(default_factory=list)
    # (register, the master's Excel row) -> the row's Excel row in the branch file
    positions: dict[tuple[str, int], int] = field(default_factory=dict)
    sales: dict[int, Row] = field(default_factory=dict)  # the master's Excel row -> the branch's sales row
    until: dt.datetime | None = None  # None: not worked out (a bad policy)


def branch_worklist(
    worklist: Worklist | None, branch: str, rows: dict[str, RegisterRows], dataset: Dataset
) -> BranchWorklist:
    """The items of `worklist` that belong to `branch` (a branch key) and whose rows are in `rows`."""
    out = BranchWorklist(until=worklist.until if worklist is not None else None)
    for key, register_rows in rows.items():
        for n, row in enumerate(register_rows.rows, start=2):  # the branch file's header is row 1
            if row.excel_row is not None:
                out.positions[(key, row.excel_row)] = n
                if key == "sales":
                    out.sales[row.excel_row] = row
    if worklist is None:
        return out
    for item in worklist.items:
        table = dataset.tables.get(item.register)
        if item.branch == branch and table is not None and (item.register, table.rows[item.index]) in out.positions:
            out.items.append(item)
    return out


def worklist_name(lang: str) -> str:
    return WORKLIST_SHEET.render(lang)


def write_worklist(
    wb: Workbook, formats: Formats, work: BranchWorklist, lang: str, dataset: Dataset, sheet_names: dict[str, str]
) -> None:
    """The Worklist / 待办清单 sheet of a branch file, each line linked to its row in the file."""
    ws = wb.add_worksheet(worklist_name(lang))
    sales = dataset.sales

    def details(item: WorkItem) -> tuple[Any, Any, Any] | None:
        if item.sale is None or sales is None:
            return None
        row = work.sales.get(sales.rows[item.sale])
        return None if row is None else (row.get("customer"), row.get("contact"), row.get("phone"))

    def link(item: WorkItem) -> tuple[str | None, str] | None:
        table = dataset.tables[item.register]
        at = work.positions.get((item.register, table.rows[item.index]))
        if at is None:
            return None
        sheet = sheet_names[item.register]
        return f"internal:'{sheet}'!A{at}", row_reference(sheet, at, lang)

    until = work.until or dt.datetime.max.replace(microsecond=0)
    write_items_sheet(ws, formats, work.items, lang, details=details, link=link, until=until)
    if work.until is None:
        ws.write_string(1, 0, NOT_LISTED.render(lang), formats.get(italic=True))
    ws.protect(
        "",
        {
            "autofilter": True,
            "sort": True,
            "select_locked_cells": True,
            "select_unlocked_cells": True,
            "format_columns": True,
        },
    )
