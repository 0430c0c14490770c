"""Edit a branch file the way a clerk would, with openpyxl (a real client of the file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.schema import REGISTERS_BY_KEY


def _sheet(wb: Any, register: str) -> Worksheet:
    reg = REGISTERS_BY_KEY[register]
    for name in (reg.en, reg.zh):
        if name in wb.sheetnames:
            ws: Worksheet = wb[name]
            return ws
    raise KeyError(register)


def _columns(ws: Worksheet, register: str) -> dict[str, int]:
    reg = REGISTERS_BY_KEY[register]
    labels = {f.en: f.key for f in reg.fields} | {f.zh: f.key for f in reg.fields}
    return {labels[c.value]: c.column for c in ws[1] if c.value in labels}


class Editor:
    """Open a workbook, change cells by register/key/field, save on exit."""

    def __init__(self, path: Path, save_as: Path | None = None) -> None:
        self.path, self.save_as = path, save_as or path
        self.wb = openpyxl.load_workbook(path)

    def __enter__(self) -> Editor:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.wb.save(self.save_as)

    def row_of(self, register: str, key: str) -> int:
        ws = _sheet(self.wb, register)
        for cell in ws["A"]:
            if cell.value == key:
                return int(cell.row)
        raise KeyError(key)

    def set(self, register: str, key: str, field: str, value: Any) -> None:
        ws = _sheet(self.wb, register)
        ws.cell(self.row_of(register, key), _columns(ws, register)[field]).value = value

    def get(self, register: str, key: str, field: str) -> Any:
        ws = _sheet(self.wb, register)
        return ws.cell(self.row_of(register, key), _columns(ws, register)[field]).value

    def add(self, register: str, **values: Any) -> None:
        ws = _sheet(self.wb, register)
        cols = _columns(ws, register)
        row = ws.max_row + 1
        for field, value in values.items():
            ws.cell(row, cols[field]).value = value

    def delete(self, register: str, key: str) -> None:
        ws = _sheet(self.wb, register)
        ws.delete_rows(self.row_of(register, key))

    def reverse_rows(self, register: str) -> None:
        """Re-sort the data rows (bottom to top), as a clerk's sort would."""
        ws = _sheet(self.wb, register)
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
        for i, values in enumerate(reversed(rows), start=2):
            for j, value in enumerate(values, start=1):
                ws.cell(i, j).value = value

    def move_sheet_first(self, register: str) -> None:
        ws = _sheet(self.wb, register)
        self.wb.move_sheet(ws, offset=-self.wb.sheetnames.index(ws.title))


def read_sheet(path: Path, name: str) -> list[dict[str, Any]]:
    """A sheet's rows as dicts by header (row 1)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[name]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:]]
