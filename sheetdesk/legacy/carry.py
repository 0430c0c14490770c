"""Fill "same as above" cells: merged cells, 同上 markers, carried-down blanks.

Three kinds of evidence, from strongest:
- a cell merged over several rows holds its value in every row it covers
  (only the merge's first column: a value merged across columns is one value);
- a ditto marker (同上, 同前, 〃, do, ditto, ") repeats the value above, in
  any column;
- an empty cell repeats the value above only in a carried-down column: the
  date of the log's main date-and-time when it holds dates only (clerks
  write the date once per day), the branch, and the columns a mapping file
  names under `carry_down`. A placeholder like `/` or `-` is "none", not
  "same as above", and is never filled.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sheetdesk.io.values import fold
from sheetdesk.legacy.header import Merge
from sheetdesk.legacy.sniff import columns_of

DITTO = frozenset({"同上", "同前", "仝上", "上同", "〃", "々", "″", '"', "''", "do", "do.", "ditto", "same as above"})
CARRIED_KEYS = frozenset({"branch"})


def is_ditto(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    if value.isascii():  # NFKC leaves ASCII as it is: no need to fold
        return value.strip().casefold() in DITTO
    return fold(value).casefold() in DITTO


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def fill_merges(rows: list[list[Any]], merges: list[Merge], data_start: int) -> Counter[int]:
    """Copy each vertical merge's value down its first column (in place)."""
    filled: Counter[int] = Counter()
    for (r0, c0), (r1, _c1) in merges:
        if r1 <= r0 or r0 < data_start or r0 >= len(rows):
            continue
        anchor = rows[r0][c0] if c0 < len(rows[r0]) else None
        if _empty(anchor):
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            while len(row) <= c0:
                row.append("")
            if _empty(row[c0]):
                row[c0] = anchor
                filled[c0] += 1
    return filled


def fill_down(
    rows: list[list[Any]], order: list[int], columns: list[int], carried: set[int]
) -> tuple[Counter[int], Counter[int], list[tuple[int, int]]]:
    """Fill ditto markers (any column) and blanks (carried columns) from the row above.

    `order` is the sheet rows to walk, top to bottom (rejected rows left out,
    so a totals row never feeds the next one). Returns the ditto fills and
    blank fills per column, and the (row, column) of markers with nothing above.
    A column is walked only when it holds a ditto marker or is carried down.
    """
    dittos: Counter[int] = Counter()
    blanks: Counter[int] = Counter()
    orphans: list[tuple[int, int]] = []
    cells = columns_of(
        rows, order, max(columns, default=-1) + 1
    )  # read before any fill: a fill changes its own column only
    for c in columns:
        values = cells[c]
        markers = {v for v in set(v for v in values if type(v) is str) if is_ditto(v)}
        if not markers and c not in carried:
            continue
        fill_blanks = c in carried
        last: Any = None
        seen = False
        for r, value in zip(order, values, strict=True):
            if value in markers:
                if seen:
                    rows[r][c] = last
                    dittos[c] += 1
                else:
                    orphans.append((r, c))
                continue
            if value is None or (type(value) is str and not value.strip()):
                if fill_blanks and seen:
                    row = rows[r]
                    while len(row) <= c:
                        row.append("")
                    row[c] = last
                    blanks[c] += 1
                continue
            last, seen = value, True
    orphans.sort()
    return dittos, blanks, orphans
