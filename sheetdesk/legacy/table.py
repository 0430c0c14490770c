"""Find a legacy log's table: the sheet, the header row(s) and the data rows.

The header is found by scoring, not by taking the first row with text. Each
candidate, one to three rows among the first `HEADER_SCAN_ROWS`, is scored
on what a header is:
- its cells are short texts, not values (one cell that is really a value,
  a year or a date used as a column name, is accepted);
- its labels are distinct and many of them are known headers (`matches`);
- it labels the columns that hold data below it;
- the values below differ in kind from the header (dates and numbers under
  text labels), and the header's words do not recur as values in their
  own column (a data row taken for a header repeats everywhere below).
Title rows (one text across the sheet), KPI / summary blocks (labels beside
numbers, formulas, dates), blank rows and notes score low and are passed
over; a two- or three-row header wins over its top row when joining its
rows makes the labels distinct or known (`header`). Of two tables stacked in
one sheet the first is the table; the second is found by `second_table`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.i18n import Bound
from sheetdesk.io.reader import RawSheet
from sheetdesk.legacy.header import build_labels, cell_text, is_header_like, is_label, label_text, spread_merges
from sheetdesk.legacy.parse import looks_like_date, read_number
from sheetdesk.legacy.texts import WHY_GIVEN, WHY_SCORED
from sheetdesk.report import column_letter

HEADER_SCAN_ROWS = 40
MAX_HEADER_ROWS = 3
LOOK_BELOW = 30  # data rows looked at to judge a header candidate
FIRST_TABLE_SHARE = 0.3  # an earlier header (two known labels, two rows) this close to the best: the first table

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
    why: Bound = field(default_factory=WHY_GIVEN.bind)
    _data: list[int] | None = field(default=None, repr=False, compare=False)

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
        """0-based indexes of the rows below the header that hold anything (worked out once)."""
        if self._data is None:
            rows = self.sheet.rows
            self._data = [i for i in range(self.data_start, len(rows)) if not is_empty_row(rows[i])]
        return self._data

    def rows_above(self) -> list[int]:
        """0-based indexes of the non-blank rows above the header."""
        rows = self.sheet.rows
        return [i for i in range(0, self.first) if not is_empty_row(rows[i])]


def is_empty_row(row: list[Any]) -> bool:
    """Nothing typed in it (formatted-empty cells are '' or None)."""
    if len(row) == row.count("") + row.count(None):
        return True
    return all(v is None or (type(v) is str and not v.strip()) for v in row)


def _is_title(row: list[str], labelled: int) -> bool:
    """One text spread over (nearly) every labelled column: a title, not a header row.

    `时间` over two of five columns is a group label and stays.
    """
    cells = [t for t in row if t]
    return len(set(cells)) <= 1 and len(cells) * 10 >= labelled * 8


def _kind(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, bool):
        return "text"
    if isinstance(value, (int, float)) or read_number(value) is not None:
        return "number"
    if looks_like_date(value):
        return "date"
    return "text"


def find_layout(
    sheet: RawSheet, matches: Matcher, *, scan: int = HEADER_SCAN_ROWS, header_rows: list[int] | None = None
) -> Layout | None:
    """The best header of one sheet, or None when no row looks like a header.

    `header_rows` (Excel rows, from --header-row or a mapping file) skips the search.
    """
    rows, width = sheet.rows, sheet.width
    if header_rows:
        first, last = min(header_rows) - 1, max(header_rows) - 1
        if last >= len(rows):
            return None
        return score_header(sheet, first, last, width, matches, forced=True)
    found: list[Layout] = []
    for first in range(min(scan, len(rows))):
        if not is_header_like(rows[first]):
            continue
        best_here: Layout | None = None
        for last in range(first, min(first + MAX_HEADER_ROWS, len(rows))):
            if last > first and not is_header_like(rows[last]):
                break
            candidate = score_header(sheet, first, last, width, matches)
            if candidate is not None and (best_here is None or candidate.score > best_here.score):
                best_here = candidate
        if best_here is not None:
            found.append(best_here)
    if not found:
        return None
    best = max(found, key=lambda c: (c.score, -c.first))
    # Two tables stacked: an earlier header nearly as good, with rows of its own, is the first table.
    for earlier in found:
        if earlier.first >= best.first or earlier.score < FIRST_TABLE_SHARE * best.score or earlier.matched < 2:
            continue
        own = [r for r in range(earlier.last + 1, best.first) if not is_empty_row(rows[r])]
        if len(own) >= 2:
            return earlier
    return best


def score_header(
    sheet: RawSheet, first: int, last: int, width: int, matches: Matcher, *, forced: bool = False
) -> Layout | None:
    rows = sheet.rows
    grid = spread_merges(rows, sheet.merged, first, last, width)
    parts = build_labels(rows, sheet.merged, first, last, width)
    labelled_cols = [c for c in range(width) if parts[c]]
    if not forced:
        if len(labelled_cols) < 2 or any(_is_title(r, sum(1 for c in range(width) if any(g[c] for g in grid)))
                                         for r in grid):  # fmt: skip
            return None
    header = [[cell_text(v) for v in rows[r]] for r in range(first, last + 1)]
    below = [
        rows[r]
        for r in range(last + 1, min(len(rows), last + 1 + LOOK_BELOW * 2))
        if not is_empty_row(rows[r]) and [cell_text(v) for v in rows[r]] not in header  # not the header again
    ][:LOOK_BELOW]
    matched = len({m for m in (matches(p) for p in parts if p) if m is not None})
    score, typed = _score(rows, first, last, width, parts, below, matched)
    if forced:
        return Layout(sheet, first, last, width, parts, matched, score, WHY_GIVEN.bind())
    why = WHY_SCORED.bind(labelled=len(labelled_cols), width=width, known=matched, typed=typed)
    return Layout(sheet, first, last, width, parts, matched, score, why)


def _score(
    rows: list[list[Any]],
    first: int,
    last: int,
    width: int,
    parts: list[list[str]],
    below: list[list[Any]],
    matched: int,
) -> tuple[float, int]:
    """How much a candidate looks like the header of the rows below it; and its typed columns."""
    if not below:
        return -20.0, 0
    labels = [label_text(p) for p in parts]
    counts = Counter(t for t in labels if t)
    score = 3.0 * matched - 0.5 * (last - first)
    typed = 0
    for c in range(width):
        values = [r[c] for r in below if c < len(r)]
        kinds = Counter(k for k in map(_kind, values) if k)
        filled = sum(kinds.values())
        label = labels[c]
        if not label:
            if filled:
                score -= 0.5  # a column of data the header does not name
            continue
        bottom = [rows[r][c] for r in range(first, last + 1) if c < len(rows[r]) and cell_text(rows[r][c])]
        if not bottom or not all(is_label(v) for v in bottom[-1:]):
            score -= 1.0  # a value where a label should be
        else:
            score += 1.0
        if counts[label] > 1:
            score -= 0.75  # the same label over several columns: a parent without its children
        if not filled:
            continue
        top = kinds.most_common(1)[0][0]
        if top in ("number", "date") and kinds[top] * 10 >= filled * 6:
            score += 1.0
            typed += 1
        texts = {cell_text(v) for v in values}
        own = {cell_text(rows[r][c]) for r in range(first, last + 1) if c < len(rows[r])} | {label}
        if (own - {""}) & texts:
            score -= 1.5  # a header cell recurs as a value below: the row is data
        elif last > first and _data_shaped(cell_text(rows[last][c]) if c < len(rows[last]) else "", values):
            score -= 1.0  # the lower header row looks like the values below it
    return score, typed


_SHAPE = re.compile(r"[0-9]+|[A-Za-z]+|[\u3400-\u9fff]+")


def shape(text: str) -> str:
    """A value's pattern: runs of digits, letters, Chinese as 9, a, 汉 (`1-147898401` -> `9-9`)."""
    return _SHAPE.sub(lambda m: "9" if m[0][0].isdigit() else "汉" if "\u3400" <= m[0][0] <= "\u9fff" else "a", text)


def _data_shaped(cell: str, values: list[Any]) -> bool:
    """A header cell with digits shaped like most values under it (`1-147898401` over `1-165554831`)."""
    if not cell or not any(ch.isdigit() for ch in cell):
        return False
    wanted = shape(cell)
    texts = [cell_text(v) for v in values if cell_text(v)]
    return bool(texts) and sum(1 for t in texts if shape(t) == wanted) * 10 >= len(texts) * 3


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
