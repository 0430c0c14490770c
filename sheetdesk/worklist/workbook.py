"""The worklist workbook (`due -o`): one sheet per group, each line linked to its row in the input file.

The input rows are not copied into the worklist. Each line names its row
(`维修记录 第 12 行`) and links to it in the input workbook, by a path
relative to the worklist's folder (absolute when the two are on different
drives): kept beside the registers, a click opens the register at the row.
The ticket or serial, the customer and the phone are on the line itself,
so it can be worked from a printout.
"""

from __future__ import annotations

import os
from pathlib import Path

from sheetdesk.i18n import Msg, output_lang
from sheetdesk.io.annotate import majority_lang
from sheetdesk.io.atomic import atomic_path
from sheetdesk.io.xlsx import Formats, new_workbook, safe_sheet_name
from sheetdesk.worklist.items import WorkItem
from sheetdesk.worklist.run import DueResult
from sheetdesk.worklist.sheet import row_reference, write_items_sheet

__all__ = ["WORKLIST_SHEET", "external_link", "write_due"]

WORKLIST_SHEET = Msg("Worklist", "待办清单")
TITLE = Msg("Worklist as of {as_of}", "待办清单（截至 {as_of}）")
# Inputs Excel opens at a cell given after '#'.
_ANCHORED = frozenset({".xlsx", ".xlsm", ".xls"})


def external_link(source: Path, sheet: str, row: int, out: Path) -> str:
    """`external:` link to `source` at the row's first cell, relative to `out`'s folder when it can be."""
    try:
        target = os.path.relpath(source.resolve(), out.resolve().parent)
    except ValueError:  # another drive
        target = str(source.resolve())
    if source.suffix.lower() not in _ANCHORED:
        return f"external:{target}"
    return f"external:{target}#'{sheet.replace(chr(39), chr(39) * 2)}'!A{row}"


def write_due(result: DueResult, out: str | Path, *, lang: str | None = None) -> Path:
    """Write the worklist of `result` to `out` (atomically); sheets in `lang` (default: the workbook's)."""
    out = Path(out)
    lang = output_lang(lang, majority_lang(result.dataset))

    def link(item: WorkItem) -> tuple[str | None, str] | None:
        source = result.source(item)
        if source is None:
            return None
        file, sheet, row = source
        return external_link(file, sheet, row, out), row_reference(sheet, row, lang)

    groups = result.groups() if result.items else [("", [])]
    with atomic_path(out) as tmp:
        wb = new_workbook(tmp)
        wb.set_properties({"title": TITLE.render(lang, as_of=f"{result.as_of:%Y-%m-%d %H:%M}"), "author": "sheetdesk"})
        formats = Formats(wb)
        taken: set[str] = set()
        for key, items in groups:
            name = result.group_name(key, lang) if result.by is not None else WORKLIST_SHEET.render(lang)
            ws = wb.add_worksheet(safe_sheet_name(name, taken))
            write_items_sheet(ws, formats, items, lang, details=result.customer, link=link, until=result.until)
        wb.close()
    result.output = out
    return out
