"""Sort the data rows: records to build, and rows rejected with their reason.

In this order, a row is rejected when
- it belongs to a second table stacked below the first (`stack`);
- it is a CSV row whose field count differs from the header's (trailing
  empty fields excepted): its values would land in the wrong columns;
- it holds one cell where records hold four or more (a note under the table),
  or a short line of sign-offs and `label：value` notes (制表人：王五 | 审核：李四);
- it repeats the header (a printed log repeats it on every page);
- it is a totals row;
- it sits one column right of its header (an unquoted comma, `rows`).
Everything else is kept, to be built into a record.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from typing import Any

from sheetdesk.io.values import is_blank
from sheetdesk.legacy.result import ImportResult
from sheetdesk.legacy.rows import HeaderAgain, Shape, is_totals, shape_of, shifted_from, sign_off_line, totals_cell
from sheetdesk.legacy.sniff import Profile, columns_of, sample_rows, short
from sheetdesk.legacy.table import Layout
from sheetdesk.report import column_letter


def blank_memo() -> Callable[[Any], bool]:
    """`is_blank`, remembered per distinct value (a log repeats its values)."""
    memo: dict[tuple[type, Any], bool] = {}

    def blank(value: Any) -> bool:
        if value is None or value == "":
            return True
        key = (type(value), value)
        found = memo.get(key)
        if found is None:
            found = memo[key] = is_blank(value)
        return found

    return blank


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
    headers_again_too = HeaderAgain([original[h] for h in range(layout.first, layout.last + 1)])
    shapes = [shape_of(p) for p in profiles]
    blank = blank_memo()
    typical = _typical_fill(rows, data, blank)
    totals = _totals_values(rows, data)
    shift_rows = _maybe_shifted(rows, data, shapes)
    is_csv = result.format == "csv"
    width, strict_short = csv_width(original, layout, data) if is_csv else (0, False)
    miscounted = 0
    kept: list[int] = []
    for r in data:
        row = rows[r]
        fields = field_count(original[r], width, strict_short) if is_csv and r not in second else None
        if r in second:
            result.reject(r + 1, "second_table", list(original[r]), row=second[r] + 1)
        elif fields is not None:
            result.reject(r + 1, "field_count", list(original[r]), fields=fields, width=width)
            miscounted += 1
        elif typical >= 4 and (filled := _filled(row, blank)) == 1:
            c = next(c for c, v in enumerate(row) if not blank(v))
            cell = f"{column_letter(c)}{r + 1}"
            result.reject(r + 1, "note", list(original[r]), value=short(row[c]), cell=cell, typical=f"{typical:g}")
        elif typical >= 4 and filled * 2 <= typical and filled <= 3 and (line := _sign_off(row, blank, r)) is not None:
            result.reject(r + 1, "sign_off", list(original[r]), value=line[1], cell=line[0], typical=f"{typical:g}")
        elif r in headers_again or headers_again_too(row):
            result.reject(r + 1, "repeated_header", list(original[r]))
        elif totals and not totals.isdisjoint(row) and (total := totals_cell(row)) is not None:
            cell = f"{column_letter(total[0])}{r + 1}"
            result.reject(r + 1, "totals", list(original[r]), value=total[1], cell=cell)
        elif r in shift_rows and (k := shifted_from(row, shapes)) is not None:
            result.reject(
                r + 1,
                "shifted",
                list(original[r]),
                letter=column_letter(k),
                column=layout.label(k),
                value=short(row[k]),
            )
        else:
            kept.append(r)
    if miscounted:
        result.decide("rows.field_count", None, count=miscounted, width=width)
    return kept


def _sign_off(row: list[Any], blank: Callable[[Any], bool], r: int) -> tuple[str, str] | None:
    """(first cell, its text) of a sign-off or `label：value` note line, or None."""
    cells = [(c, str(v).strip()) for c, v in enumerate(row) if not blank(v)]
    if not cells or not all(isinstance(row[c], str) for c, _ in cells):
        return None
    if not sign_off_line([text for _, text in cells]):
        return None
    return f"{column_letter(cells[0][0])}{r + 1}", " | ".join(short(text) for _, text in cells)


def _filled(row: list[Any], blank: Callable[[Any], bool]) -> int:
    """How many cells hold a value: counted exactly only for nearly empty rows (the others have several)."""
    raw = len(row) - row.count("") - row.count(None)
    return raw if raw > 3 else sum(1 for v in row if not blank(v))


def _typical_fill(rows: list[list[Any]], data: list[int], blank: Callable[[Any], bool]) -> float:
    """The median number of values in a row, over a sample of rows."""
    picked = [data[i] for i in sample_rows(len(data))]
    counts = [sum(1 for v in rows[r] if not blank(v)) for r in picked]
    return statistics.median(counts) if counts else 0


def _totals_values(rows: list[list[Any]], data: list[int]) -> set[str]:
    """The distinct cell texts that are totals labels (usually none: then no row is checked)."""
    distinct: set[Any] = set()
    for r in data:
        distinct.update(rows[r])
    return {v for v in distinct if type(v) is str and v and len(v.strip()) <= 15 and is_totals(v)}  # short ones only


def _maybe_shifted(rows: list[list[Any]], data: list[int], shapes: list[Shape | None]) -> set[int]:
    """Rows with two or more values that fit the column to their left and not their own."""
    hits: dict[int, int] = {}
    if not any(shapes[c] is not None and shapes[c - 1] is not None for c in range(1, len(shapes))):
        return set()
    columns = columns_of(rows, data, len(shapes))
    for c in range(1, len(shapes)):
        here, left = shapes[c], shapes[c - 1]
        if here is None or left is None:
            continue
        values = columns[c]
        misfits = {v for v in set(values) if here.fits(v) is False and left.fits(v)}
        if misfits:
            for r, v in zip(data, values, strict=True):
                if v in misfits:
                    hits[r] = hits.get(r, 0) + 1
    return {r for r, n in hits.items() if n >= 2}
