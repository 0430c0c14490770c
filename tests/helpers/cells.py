"""What a reader sees in a written workbook, cell by cell, reduced to one digest per row.

`row_digests(path)` gives, per sheet, per row holding anything: a digest of every
cell's value (with its type), number format, fill colour and comment. Two workbooks
with the same digests look the same cell for cell. Kept as digests so that a golden
file of a whole annotated workbook stays small; a difference is still located to its
sheet and row.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl


def _cell(c: Any) -> list[Any]:
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type else None
    return [c.coordinate, type(c.value).__name__, str(c.value), c.number_format, fill,
            c.comment.text if c.comment else None]  # fmt: skip


def row_digests(path: Path) -> dict[str, dict[str, str]]:
    """Sheet name -> Excel row number (as text) -> digest of that row's cells."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, dict[str, str]] = {}
    for ws in wb.worksheets:
        rows: dict[str, str] = {}
        for row in ws.iter_rows():
            cells = [_cell(c) for c in row if c.value is not None or c.comment is not None]
            if cells:
                text = json.dumps(cells, ensure_ascii=False, sort_keys=True)
                rows[str(row[0].row)] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        out[ws.title] = rows
    return out
