"""Join multi-row headers into one label per column.

Legacy logs group columns under merged parent cells: `时间` merged over
`报修` and `修复`, or `Dates` over `Reported` and `Resolved`. A column's
label is its header cells top to bottom, merged cells spread over the
columns they cover, repeated parts dropped (`单号` merged down two rows is
just `单号`). Where the file has no merge information (CSV, ODS), a blank
parent above a child cell belongs to the group started to its left when
that column has a child too.

`label_forms` gives the spellings to look a joined label up by: both
orders of the parts (`时间报修` and `报修时间`), then the lower parts alone.
"""

from __future__ import annotations

from typing import Any

from sheetdesk.io.values import fold, is_blank

Merge = tuple[tuple[int, int], tuple[int, int]]


def cell_text(value: Any) -> str:
    """A header cell as text ('' for blanks); numbers as written."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(fold(str(value)).split())


def spread_merges(rows: list[list[Any]], merges: list[Merge], first: int, last: int, width: int) -> list[list[str]]:
    """Header rows first..last (0-based, inclusive) as text, merges spread."""
    grid = [
        [cell_text(rows[r][c]) if r < len(rows) and c < len(rows[r]) else "" for c in range(width)]
        for r in range(first, last + 1)
    ]
    for (r0, c0), (r1, c1) in merges:
        if r1 < first or r0 > last:
            continue
        anchor = cell_text(rows[r0][c0]) if r0 < len(rows) and c0 < len(rows[r0]) else ""
        for r in range(max(r0, first), min(r1, last) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                grid[r - first][c] = anchor
    return grid


def group_blanks(grid: list[list[str]]) -> None:
    """Without merges: a blank parent over a child joins the group on its left."""
    for level in range(len(grid) - 1):
        row = grid[level]
        below = grid[level + 1 :]
        for c in range(1, len(row)):
            if row[c] or not any(b[c] for b in below):
                continue
            if row[c - 1] and any(b[c - 1] for b in below):
                row[c] = row[c - 1]


def join_labels(grid: list[list[str]]) -> list[list[str]]:
    """Per column, the header parts top to bottom with repeats dropped."""
    width = max((len(r) for r in grid), default=0)
    labels: list[list[str]] = []
    for c in range(width):
        parts: list[str] = []
        for row in grid:
            text = row[c] if c < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(parts)
    return labels


def build_labels(rows: list[list[Any]], merges: list[Merge], first: int, last: int, width: int) -> list[list[str]]:
    grid = spread_merges(rows, merges, first, last, width)
    if not merges:
        group_blanks(grid)
    return join_labels(grid)


def label_text(parts: list[str]) -> str:
    return " ".join(parts)


def label_forms(parts: list[str]) -> list[str]:
    """Spellings to look a joined label up by, most specific first."""
    forms: list[str] = []
    for start in range(len(parts)):
        tail = parts[start:]
        for form in ("".join(tail), "".join(reversed(tail)), " ".join(tail)):
            if form and form not in forms:
                forms.append(form)
    return forms


def is_label(value: Any) -> bool:
    """A cell that reads as a column name: short text that is not a number or a date."""
    from sheetdesk.legacy.parse import looks_like_date, read_number

    if not isinstance(value, str) or not value.strip():
        return False
    text = value.strip()
    return len(text) <= 80 and read_number(text) is None and not looks_like_date(text)


def is_header_like(row: list[Any]) -> bool:
    """A row that could be (part of) a header: mostly labels.

    One cell that is really a value (a year, a date used as a column name)
    is accepted among three or more labels.
    """
    cells = [v for v in row if not is_blank(v)]
    if not cells:
        return False
    labels = sum(1 for v in cells if is_label(v))
    return labels * 10 >= len(cells) * 8 or (labels >= 3 and len(cells) - labels <= 1)
