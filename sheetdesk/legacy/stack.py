"""Tables stacked in one sheet: two exports pasted one under the other.

Below the table's header, a row whose first cells are known headers and
that scores as a header of the rows below it starts another table:
- with the same columns in another order, its rows are rearranged into the
  first table's columns and imported (the header row itself is a repeated
  header);
- with other columns, its rows (and its header) are rejected, each naming
  the row to give `--header-row` to import that table; a decision says so.
A header repeated as is (a printed log's new page) is left to `classify`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.legacy.header import cell_text, is_header_like, label_text
from sheetdesk.legacy.table import Layout, Matcher, score_header
from sheetdesk.schema import normalize_label

_DIGIT = re.compile(r"\d")
SECOND_SHARE = 0.5  # a second header scores at least this share of the first's


@dataclass
class Stack:
    second: dict[int, int] = field(default_factory=dict)  # data row -> header row of its other table
    headers_again: set[int] = field(default_factory=set)  # the header once more, columns reordered
    others: list[tuple[int, list[str], int]] = field(default_factory=list)  # (header row, labels, rows)
    reordered: list[tuple[int, int]] = field(default_factory=list)  # (header row, rows)


def find_stacked(
    rows: list[list[Any]], layout: Layout, data: list[int], matches: Matcher, known: frozenset[str]
) -> Stack:
    """Find the tables below the first one; rearrange the rows of same-column tables in place."""
    stack = Stack()
    main = [normalize_label(label_text(p)) for p in layout.parts]
    main_set = Counter(x for x in main if x)
    cache: dict[str, str] = {}
    starts: list[tuple[int, str, list[int] | list[str]]] = []
    for r in data:
        row = rows[r]
        firsts = []
        for v in row:
            if type(v) is str and v:
                firsts.append(v)
                if len(firsts) == 3:
                    break
        if len(firsts) < 2 or not any(_fold(v, cache) in known for v in firsts) or not is_header_like(row):
            continue
        labels = [_fold(v, cache) if isinstance(v, str) else normalize_label(cell_text(v)) for v in row]
        if [x for x in labels if x] == [x for x in main if x] or not any(labels):
            continue  # the header repeated as is: classify's repeated_header
        if Counter(x for x in labels if x) == main_set:
            starts.append((r, "same", [labels.index(x) if x else -1 for x in main]))
            continue
        candidate = score_header(layout.sheet, r, r, layout.width, matches)
        if candidate is not None and candidate.matched >= 2 and candidate.score >= SECOND_SHARE * layout.score:
            starts.append((r, "other", [cell_text(v) for v in row if cell_text(v)]))
    bounds = [s[0] for s in starts] + [len(rows)]
    for (start, kind, info), end in zip(starts, bounds[1:], strict=True):
        region = [r for r in data if start < r < end]
        if kind == "same":
            stack.headers_again.add(start)
            order: list[int] = info  # type: ignore[assignment]
            for r in region:
                row = rows[r]
                rows[r] = [row[i] if 0 <= i < len(row) else None for i in order]
            stack.reordered.append((start, len(region)))
        else:
            for r in [start, *region]:
                stack.second[r] = start
            stack.others.append((start, info, len(region) + 1))  # type: ignore[arg-type]
    return stack


def _fold(value: str, cache: dict[str, str]) -> str:
    """A cell as a header is looked up; values with digits (ids, dates, counts) are no headers here."""
    found = cache.get(value)
    if found is None:
        found = "" if len(value) > 40 or _DIGIT.search(value) else normalize_label(value)
        if len(cache) < 200_000:
            cache[value] = found
    return found
