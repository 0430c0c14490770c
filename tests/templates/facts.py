"""Read back what a clerk's spreadsheet program sees in a workbook (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet


def column_dims(ws: Worksheet) -> dict[str, tuple[float | None, str]]:
    """Column letter -> (width, number format), one entry per column (ranges expanded)."""
    out: dict[str, tuple[float | None, str]] = {}
    for dim in ws.column_dimensions.values():
        if dim.min is None:
            continue
        for col in range(dim.min, (dim.max or dim.min) + 1):
            out[get_column_letter(col)] = (dim.width, dim.number_format)
    return out


def validations(ws: Worksheet) -> list[tuple[Any, ...]]:
    """Every data validation: (type, sqref, formula1, prompt title, prompt), sorted."""
    return sorted(
        (dv.type or "any", str(dv.sqref), dv.formula1 or "", dv.promptTitle or "", dv.prompt or "")
        for dv in ws.data_validations.dataValidation
    )


def list_validation(ws: Worksheet, column: str) -> tuple[str, list[str]] | None:
    """The dropdown of a column: (sqref, labels), or None."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and str(dv.sqref).startswith(f"{column}"):
            cells = str(dv.sqref).split(":")[0]
            if cells.rstrip("0123456789") == column:
                return str(dv.sqref), dv.formula1.strip('"').split(",")
    return None


def sheet_facts(ws: Worksheet) -> dict[str, Any]:
    return {
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "validations": validations(ws),
        "columns": column_dims(ws),
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "cells": {
            c.coordinate: (c.value, c.number_format, bool(c.font and c.font.b), c.fill.fgColor.rgb if c.fill else None)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None
        },
    }


def workbook_facts(path: Path) -> dict[str, Any]:
    """Sheet names and, per sheet, everything the regeneration test compares."""
    wb = openpyxl.load_workbook(path)
    return {"sheets": wb.sheetnames, **{ws.title: sheet_facts(ws) for ws in wb.worksheets}}


def header(ws: Worksheet, row: int = 1) -> list[Any]:
    values = [c.value for c in ws[row]]
    while values and values[-1] is None:
        values.pop()
    return values
