"""Day-first or month-first, per date column; and the dates Excel already swapped.

The order comes from a mapping file's `dayfirst`, else from the column's own
text values (`parse.date_order`), else — when every value of the column has
both parts <= 12 — from the rest of the file (`fileorder`: another column
written the same way, the order of the moments in a row, the order of the
rows). A column still undecided, or with both kinds, is a warning, not a guess. Then, in a column with a decided
order, true date cells that Excel swapped are found (`swaps`), read swapped
back and named in a warning each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sheetdesk.i18n import Bound
from sheetdesk.legacy.fileorder import DateColumn, decide_from_file
from sheetdesk.legacy.mapfile import MapFile, resolve_column
from sheetdesk.legacy.parse import DateOrder, date_order, read_datetime
from sheetdesk.legacy.result import ImportResult
from sheetdesk.legacy.swaps import find_swaps, systematic
from sheetdesk.legacy.table import Layout
from sheetdesk.legacy.texts import (
    DAY_FIRST,
    MONTH_FIRST,
    ORDER_AMBIGUOUS,
    ORDER_DAY_FIRST,
    ORDER_GIVEN,
    ORDER_MIXED,
    ORDER_MONTH_FIRST,
)


def explain(order: DateOrder) -> Bound:
    examples = ", ".join(order.examples)
    if order.decision == "day-first":
        return ORDER_DAY_FIRST.bind(count=order.day_first, examples=examples)
    if order.decision == "month-first":
        return ORDER_MONTH_FIRST.bind(count=order.month_first, examples=examples)
    if order.decision == "mixed":
        return ORDER_MIXED.bind(day=order.day_first, month=order.month_first, ambiguous=order.ambiguous,
                                examples=examples)  # fmt: skip
    return ORDER_AMBIGUOUS.bind(ambiguous=order.ambiguous, examples=examples)


def decide_date_order(
    result: ImportResult, rows: list[list[Any]], kept: list[int], mapfile: MapFile | None, layout: Layout
) -> None:
    given: dict[int, bool] = {}
    if mapfile is not None:
        given = {resolve_column(ref, layout, mapfile): v for ref, v in mapfile.dayfirst.items()}
    targets, evidence = [], []
    for col in result.columns:
        f = result.register.field(col.target.key) if col.target.is_field else None
        dated = f is not None and f.type in ("date", "datetime") and col.target.part != "time"
        if dated and col.index in given:
            col.dayfirst = given[col.index]
            order = ORDER_GIVEN.bind(order=DAY_FIRST if col.dayfirst else MONTH_FIRST)
            result.decide("date_order", col.label, column=col.label, order=order)
            continue
        if not dated and col.target.is_field:
            continue
        # Mapped date columns are read whole; a column kept in notes is only a witness: a sample of it will do.
        cells = _cells(rows, kept, col.index) if dated else _cells(rows, kept[:: max(1, len(kept) // 2000)], col.index)
        found = date_order(cells)
        if found.decision == "year-first" and not dated:
            continue
        column = DateColumn(col.label, col.target.key if dated else None, cells, found)
        evidence.append(column)  # an ISO or true-date column of another moment still orders the row
        if dated and found.decision != "year-first":
            targets.append((col, column))
    for col, column in targets:
        found = column.order
        col.dayfirst = found.dayfirst
        if found.decision == "ambiguous":
            decided = decide_from_file(column, [c for c in evidence if c is not column])
            if decided is not None:
                col.dayfirst, why = decided
                result.decide("date_order", col.label, column=col.label, order=why)
                continue
        result.decide("date_order", col.label, column=col.label, order=explain(found))
        if found.is_warning:
            at = {
                "sheet": result.sheet,
                "column": col.target.key,
                "col_index": col.index,
                "row": result.header_rows[-1],
            }
            result.report.add("import.date_order", at, column=col.label, order=explain(found))


def _cells(rows: list[list[Any]], kept: list[int], index: int) -> list[Any]:
    return [rows[r][index] if index < len(rows[r]) else None for r in kept]


def fix_swapped_dates(result: ImportResult, rows: list[list[Any]], kept: list[int]) -> None:
    """Read back the true dates Excel swapped, in columns whose order is decided; warn for each."""
    for col in result.columns:
        if col.dayfirst is None or col.target.part == "time":
            continue
        cells = [(r, rows[r][col.index]) for r in kept if col.index < len(rows[r])]
        order = date_order(value for _, value in cells)
        decided = order.day_first if col.dayfirst else order.month_first
        swaps = find_swaps(cells, _reader(col.dayfirst), whole_column=systematic(cells, order.ambiguous, decided))
        for r, stored, swapped in swaps:
            rows[r][col.index] = swapped if _has_time(stored) else swapped.date()
            at = {"sheet": result.sheet, "row": r + 1, "column": col.target.key, "col_index": col.index,
                  "value": stored}  # fmt: skip
            result.report.add("import.date_swapped", at, column=col.label, stored=_show(stored), swapped=_show(swapped))
        if swaps:
            result.decide("dates.swapped", col.label, column=col.label, count=len(swaps))


def _reader(dayfirst: bool) -> Callable[[Any], dt.datetime | None]:
    return lambda value: read_datetime(value, dayfirst)


def _has_time(stamp: Any) -> bool:
    return bool(stamp.hour or stamp.minute or stamp.second)


def _show(stamp: dt.datetime) -> str:
    return stamp.strftime("%Y-%m-%d %H:%M") if _has_time(stamp) else stamp.strftime("%Y-%m-%d")
