"""Write small test workbooks cell by cell, the way a clerk's file looks.

Datetimes get a date-time format, dates a date format, text is always text
(never a formula), None is no cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter


def write_book(path: Path, sheets: Mapping[str, Sequence[Sequence[Any]]],
               merges: Mapping[str, list[tuple[int, int, int, int]]] | None = None, *,
               hidden: tuple[str, ...] = ()) -> Path:
    """Sheets of rows (row 1 first); `merges` per sheet as (r0, c0, r1, c1)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r0, c0, r1, c1 in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, None)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    ws.write_datetime(r, c, value, stamp_fmt)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, date_fmt)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        if name in hidden:
            ws.hide()
    wb.close()
    return path


def register_rows(register: Any, keys: Sequence[str], rows: Sequence[Sequence[Any]], lang: str) -> list[list[Any]]:
    """A register's (or policy sheet's) header and rows as a clerk of `lang` writes them: the
    columns' labels, and each choice by its label (`repair` -> 报修), other values as given."""
    fields = [register.field(k) for k in keys]
    shown = [[f.enum.label(v, lang) if f.enum is not None and isinstance(v, str) else v
              for f, v in zip(fields, row, strict=True)] for row in rows]  # fmt: skip
    return [[f.label(lang) for f in fields], *shown]
