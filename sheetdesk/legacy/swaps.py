"""Dates that Excel already swapped: day and month exchanged on the way in.

A log typed `04/01/2024` (1 April, day first) and opened where dates are
read month-first is stored as 4 January: a true date cell, no longer text,
so no day/month decision can see it. The text dates of such a column
(those Excel could not read, `13/04/2024`) show which order the clerk
typed. A true date cell in that column is taken as swapped when
- both its day and its month are <= 12 and differ (a swap is possible),
- it breaks the column's date order: it lies far from the dates around it
  (`WINDOW` neighbours that cannot be swapped, on each side), and
- the swapped date fits that order.
Such a cell is read as the swapped date and named in a warning
(`import.date_swapped`). A column whose dates are not kept in order (the
neighbours disagree among themselves) has no order to break: nothing is
changed there.

The swap can also be plain from the column as a whole (`systematic`): every
text date in it is unambiguous in the decided order (Excel converted the
ones it could), and every one of its true date cells (five or more) has day
and month <= 12, which genuine dates do about four times in ten. Then every
true date cell with day != month is read swapped back.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections.abc import Callable
from typing import Any

WINDOW = 6  # unambiguous neighbours looked at on each side
FAR = dt.timedelta(days=45)  # a date this far from its neighbours breaks the order
NEAR = dt.timedelta(days=62)  # the swapped date must come this near
ORDERED = 0.7  # share of neighbouring pairs in order for a column to have an order


def swapped(value: Any) -> dt.datetime | None:
    """The date with day and month exchanged, when a swap is possible."""
    if not isinstance(value, dt.date):
        return None
    if value.day > 12 or value.month > 12 or value.day == value.month:
        return None
    stamp = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    return stamp.replace(month=value.day, day=value.month)


SYSTEMATIC_MIN = 5


def systematic(cells: list[tuple[int, Any]], ambiguous_text: int, decided_text: int) -> bool:
    """Every true date of the column could be a swap, and no text date was left ambiguous."""
    true_dates = [v for _, v in cells if isinstance(v, dt.date)]
    return (
        ambiguous_text == 0
        and decided_text >= SYSTEMATIC_MIN
        and len(true_dates) >= SYSTEMATIC_MIN
        and all(d.day <= 12 and d.month <= 12 for d in true_dates)
    )


def find_swaps(
    cells: list[tuple[int, Any]], read: Callable[[Any], dt.datetime | None], *, whole_column: bool = False
) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """(row, stored date, swapped date) of the true date cells that were swapped.

    `cells` are a column's (row, raw value) in sheet order; `read` reads a
    text value in the column's decided order; `whole_column` when the swap
    is `systematic`.
    """
    if whole_column:
        return [(row, _stamp(v), other) for row, v in cells if (other := swapped(v)) is not None]
    anchors: list[tuple[int, dt.datetime]] = []  # position in `cells`, date that cannot be a swap
    for i, (_, value) in enumerate(cells):
        if isinstance(value, str):
            stamp = read(value)
            if stamp is not None:
                anchors.append((i, stamp))
        elif isinstance(value, dt.date) and swapped(value) is None:
            anchors.append((i, _stamp(value)))
    if len(anchors) < 4 or not _in_order([s for _, s in anchors]):
        return []
    found = []
    positions = [i for i, _ in anchors]
    for i, (row, value) in enumerate(cells):
        other = swapped(value) if not isinstance(value, str) else None
        if other is None:
            continue
        at = bisect.bisect_left(positions, i)
        around = [s for _, s in anchors[max(0, at - WINDOW) : at]] + [s for _, s in anchors[at : at + WINDOW]]
        if len(around) < 3:
            continue
        middle = statistics.median_low(around)
        stored = _stamp(value)
        if (
            abs(stored - middle) > FAR
            and abs(other - middle) <= NEAR
            and abs(other - middle) * 3 < abs(stored - middle)
        ):
            found.append((row, stored, other))
    return found


def _stamp(value: dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)


def _in_order(stamps: list[dt.datetime]) -> bool:
    pairs = list(zip(stamps, stamps[1:], strict=False))
    if not pairs:
        return False
    up = sum(1 for a, b in pairs if a <= b + FAR)
    down = sum(1 for a, b in pairs if b <= a + FAR)
    return max(up, down) >= ORDERED * len(pairs)
