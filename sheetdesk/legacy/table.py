"""Find a legacy log's table: the sheet, the header row(s) and the data rows.

A header is searched among the first rows of each sheet, below title rows,
KPI blocks and blank rows, as one to three rows (multi-row headers are
joined, see `header`). A candidate scores by how many different keys its
columns name (`matches`, from the synonym table and any mapping file), then
by how many columns it labels; a candidate whose row is one merged
title, or whose lower rows hold values rather than labels, is not a header.
Without any known label the first row that labels the most columns wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sheetdesk.io.reader import RawSheet
from sheetdesk.legacy.header import build_labels, is_header_like, label_text, spread_merges
from sheetdesk.report import column_letter

HEADER_SCAN_ROWS = 40
MAX_HEADER_ROWS = 3

Matcher = Callable[[list[str]], str | None]


@dataclass
class Layout:
    """Where the table sits in a sheet (0-based indexes)."""

    sheet: RawSheet
    first: int  # first header row
    last: int  # last header row
    width: int
    parts: list[list[str]]  # joined header parts per column
    matched: int  # different keys the header names
    score: float

    @property
    def header_rows(self) -> list[int]:
        """Excel row numbers of the header."""
        return list(range(self.first + 1, self.last + 2))

    @property
    def data_start(self) -> int:
        return self.last + 1

    def label(self, col: int) -> str:
        """The column's joined header text, or its letter when it has none."""
        text = label_text(self.parts[col]) if col < len(self.parts) else ""
        return text or column_letter(col)

    def data_rows(self) -> list[int]:
        """0-based indexes of the rows below the header that hold anything."""
        rows = self.sheet.rows
        return [i for i in range(self.data_start, len(rows)) if not is_empty_row(rows[i])]


def is_empty_row(row: list[Any]) -> bool:
    """Nothing typed in it (formatted-empty cells are '' or None)."""
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _is_title(row: list[str], labelled: int) -> bool:
    """One text spread over (nearly) every labelled column: a title, not a header row.

    `时间` over two of five columns is a group label and stays.
    """
    cells = [t for t in row if t]
    return len(set(cells)) <= 1 and len(cells) * 10 >= labelled * 8


def find_layout(
    sheet: RawSheet, matches: Matcher, *, scan: int = HEADER_SCAN_ROWS, header_rows: list[int] | None = None
) -> Layout | None:
    """The best header of one sheet, or None when no row looks like a header.

    `header_rows` (Excel rows, from a mapping file) skips the search.
    """
    rows, width = sheet.rows, sheet.width
    if header_rows:
        first, last = min(header_rows) - 1, max(header_rows) - 1
        if last >= len(rows):
            return None
        return _candidate(sheet, first, last, width, matches, forced=True)
    best: Layout | None = None
    for first in range(min(scan, len(rows))):
        if not is_header_like(rows[first]):
            continue
        for last in range(first, min(first + MAX_HEADER_ROWS, len(rows))):
            if last > first and not is_header_like(rows[last]):
                break
            candidate = _candidate(sheet, first, last, width, matches)
            if candidate is not None and (best is None or candidate.score > best.score):
                best = candidate
    return best


def _candidate(
    sheet: RawSheet, first: int, last: int, width: int, matches: Matcher, *, forced: bool = False
) -> Layout | None:
    parts = build_labels(sheet.rows, sheet.merged, first, last, width)
    if not forced:
        grid = spread_merges(sheet.rows, sheet.merged, first, last, width)
        labelled_cols = sum(1 for c in range(width) if any(r[c] for r in grid))
        if any(_is_title(r, labelled_cols) for r in grid):
            return None
    labelled = sum(1 for p in parts if p)
    if labelled < 2 and not forced:
        return None
    matched = len({m for m in (matches(p) for p in parts if p) if m is not None})
    has_data = any(not is_empty_row(r) for r in sheet.rows[last + 1 : last + 6])
    score = matched * 10 + min(labelled, 40) - (last - first) * 0.5 + (1 if has_data else -20)
    return Layout(sheet, first, last, width, parts, matched, score)


def choose_sheet(
    sheets: list[RawSheet], matches: Matcher, *, name: str | None = None, header_rows: list[int] | None = None
) -> tuple[RawSheet, Layout | None]:
    """`name` if given (KeyError if absent), else the sheet with the best table."""
    if name is not None:
        for sheet in sheets:
            if sheet.name == name or sheet.name.casefold() == name.casefold():
                return sheet, find_layout(sheet, matches, header_rows=header_rows)
        raise KeyError(name)
    scored: list[tuple[tuple[float, ...], int, RawSheet, Layout | None]] = []
    for n, sheet in enumerate(sheets):
        layout = find_layout(sheet, matches, header_rows=header_rows)
        rank = (
            1.0 if layout else 0.0,
            float(layout.matched) if layout else 0.0,
            1.0 if sheet.visible else 0.0,
            float(len(layout.data_rows())) if layout else 0.0,
        )
        scored.append((rank, -n, sheet, layout))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    _, _, sheet, layout = scored[0]
    return sheet, layout
