"""Find a register's table in a sheet: the header row and its columns.

Clerks put title rows, dates and notes above the header, keep English or
Chinese labels, and add `*` required markers or full-width brackets. A header
row is the row among the first few dozen where most cells name declared
fields of one register.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.io.reader import RawSheet
from sheetdesk.schema.fields import Register, normalize_label

HEADER_SCAN_ROWS = 30


@dataclass
class Location:
    """Where a register's table sits in a sheet (0-based indexes)."""

    header_index: int
    columns: dict[str, int]  # field key -> 0-based column index
    lang: str  # "en" or "zh": the language most header cells are in
    unknown: dict[int, str] = field(default_factory=dict)  # col -> header text not declared
    duplicates: dict[int, str] = field(default_factory=dict)  # col -> key seen twice

    @property
    def header_row(self) -> int:
        """The Excel row number of the header."""
        return self.header_index + 1

    @property
    def first_data_index(self) -> int:
        return self.header_index + 1

    @property
    def score(self) -> int:
        return len(self.columns)


def match_header(cells: Iterable[Any], register: Register) -> Location | None:
    """Map a candidate header row's cells to the register's fields."""
    lookup = register.header_lookup()
    zh_labels = {normalize_label(f.zh) for f in register.fields}
    en_labels = {normalize_label(f.en) for f in register.fields} | {f.key for f in register.fields}
    columns: dict[str, int] = {}
    unknown: dict[int, str] = {}
    duplicates: dict[int, str] = {}
    zh = en = 0
    for col, cell in enumerate(cells):
        if cell is None or cell == "" or not isinstance(cell, str):
            continue
        folded = normalize_label(cell)
        key = lookup.get(folded)
        if key is None:
            unknown[col] = cell
            continue
        if key in columns:
            duplicates[col] = key
            continue
        columns[key] = col
        if folded in zh_labels or any("\u4e00" <= ch <= "\u9fff" for ch in cell):
            zh += 1
        elif folded in en_labels:
            en += 1
    if not columns:
        return None
    return Location(0, columns, "zh" if zh > en else "en", unknown, duplicates)


def locate_table(
    rows: list[list[Any]], register: Register, scan: int = HEADER_SCAN_ROWS, *, strict: bool = True
) -> Location | None:
    """The best header row among the first `scan` rows, or None.

    A row qualifies when it names at least two declared fields and, when
    `strict` (the sheet's name did not already say what it is), half of the
    required ones; the row naming most fields wins.
    """
    required = [f.key for f in register.fields if f.required]
    best: Location | None = None
    for index, row in enumerate(rows[:scan]):
        loc = match_header(row, register)
        if loc is None or loc.score < 2:
            continue
        hits = sum(1 for k in required if k in loc.columns)
        if strict and required and hits * 2 < len(required):
            continue
        loc.header_index = index
        if best is None or loc.score > best.score:
            best = loc
    return best


def sheet_name_matches(name: str, register: Register) -> bool:
    folded = normalize_label(name)
    return any(normalize_label(n) == folded for n in register.sheet_names())


def recognise(
    sheets: list[RawSheet], registers: Iterable[Register], *, by_headers: bool = True
) -> dict[str, tuple[RawSheet, Location | None]]:
    """Pick the sheet holding each register: by name first, then by headers.

    Returns register key -> (sheet, location). A sheet named for a register
    whose header cannot be found still maps to it (location None), so the
    caller can report "no header row" instead of silently ignoring it.
    """
    registers = list(registers)
    found: dict[str, tuple[RawSheet, Location | None]] = {}
    taken: set[str] = set()
    for register in registers:
        for sheet in sheets:
            if sheet.name not in taken and sheet_name_matches(sheet.name, register):
                found[register.key] = (sheet, locate_table(sheet.rows, register, strict=False))
                taken.add(sheet.name)
                break
    if not by_headers:
        return found
    for register in registers:
        if register.key in found:
            continue
        candidates = []
        for sheet in sheets:
            if sheet.name in taken:
                continue
            loc = locate_table(sheet.rows, register)
            if loc is not None:
                candidates.append((loc.score / len(register.fields), sheet, loc))
        if candidates:
            _, sheet, loc = max(candidates, key=lambda c: c[0])
            # A sheet better explained by another register belongs to that one.
            if _best_register(sheet, registers) == register.key:
                found[register.key] = (sheet, loc)
                taken.add(sheet.name)
    return found


def _best_register(sheet: RawSheet, registers: list[Register]) -> str | None:
    scores = []
    for register in registers:
        loc = locate_table(sheet.rows, register)
        if loc is not None:
            scores.append((loc.score / len(register.fields), loc.score, register.key))
    return max(scores)[2] if scores else None
