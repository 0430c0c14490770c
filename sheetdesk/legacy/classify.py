"""Sort the data rows: records to build, and rows rejected with their reason.

In this order, a row is rejected when
- it belongs to a second table stacked below the first (`stack`);
- it is a CSV row whose field count differs from the header's (trailing
  empty fields excepted): its values would land in the wrong columns;
- it holds one cell where records hold four or more (a note under the table);
- it repeats the header (a printed log repeats it on every page);
- it is a totals row;
- it sits one column right of its header (an unquoted comma, `rows`).
Everything else is kept, to be built into a record.
"""

from __future__ import annotations

import statistics
from typing import Any

from sheetdesk.io.values import is_blank
from sheetdesk.legacy.result import ImportResult
from sheetdesk.legacy.rows import is_repeated_header, shape_of, shifted_from, totals_cell
from sheetdesk.legacy.sniff import Profile, short
from sheetdesk.legacy.table import Layout
from sheetdesk.report import column_letter


def csv_width(original: list[list[Any]], layout: Layout, data: list[int]) -> tuple[int, bool]:
    """The header's field count, and whether short rows break it (most rows are that wide)."""
    width = max(len(original[r]) for r in range(layout.first, layout.last + 1))
    full = sum(1 for r in data if len(original[r]) >= width)
    return width, bool(data) and full * 10 >= len(data) * 9


def field_count(row: list[Any], width: int, strict_short: bool) -> int | None:
    """The row's field count when it differs from the header's (None when it fits)."""
    if len(row) > width:
        last = max((i for i, v in enumerate(row) if v not in (None, "")), default=-1)
        return last + 1 if last >= width else None
    if len(row) < width and strict_short:
        return len(row)
    return None


def classify(
    result: ImportResult,
    original: list[list[Any]],
    rows: list[list[Any]],
    data: list[int],
    layout: Layout,
    profiles: list[Profile],
    second: dict[int, int],
    headers_again: set[int],
) -> list[int]:
    """Reject what is not a record; return the rows kept.

    `second`: row -> header row of the second table it belongs to; `headers_again`: rows that are
    the header once more, its columns in another order.
    """
    headers = [original[h] for h in range(layout.first, layout.last + 1)]
    shapes = [shape_of(p) for p in profiles]
    filled = {r: sum(1 for v in rows[r] if not is_blank(v)) for r in data}
    typical = statistics.median(filled.values()) if filled else 0
    is_csv = result.format == "csv"
    width, strict_short = csv_width(original, layout, data) if is_csv else (0, False)
    miscounted = 0
    kept: list[int] = []
    for r in data:
        row = rows[r]
        values = list(original[r])
        fields = field_count(original[r], width, strict_short) if is_csv and r not in second else None
        if r in second:
            result.reject(r + 1, "second_table", values, row=second[r] + 1)
        elif fields is not None:
            result.reject(r + 1, "field_count", values, fields=fields, width=width)
            miscounted += 1
        elif filled[r] == 1 and typical >= 4:
            c = next(c for c, v in enumerate(row) if not is_blank(v))
            cell = f"{column_letter(c)}{r + 1}"
            result.reject(r + 1, "note", values, value=short(row[c]), cell=cell, typical=f"{typical:g}")
        elif r in headers_again or any(is_repeated_header(row, header) for header in headers):
            result.reject(r + 1, "repeated_header", values)
        elif (total := totals_cell(row)) is not None:
            result.reject(r + 1, "totals", values, value=total[1], cell=f"{column_letter(total[0])}{r + 1}")
        elif (k := shifted_from(row, shapes)) is not None:
            result.reject(
                r + 1, "shifted", values, letter=column_letter(k), column=layout.label(k), value=short(row[k])
            )
        else:
            kept.append(r)
    if miscounted:
        result.decide("rows.field_count", None, count=miscounted, width=width)
    return kept
