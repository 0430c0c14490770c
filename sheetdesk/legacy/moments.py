"""Which of two moment columns comes first in the rows: the report is the first moment of a ticket.

A log may hold both the time the customer reported (报修时间, 提交时间) and the
time the service took the call (受理时间), and both headers name the report
time. A fault is reported no later than it is accepted, attended or fixed,
so when one column is earlier than the other in every row compared (at
least `MIN_ROWS`) and never later, it is the report; the other one is a later
step. The rows are compared on an even sample, read as written (a date
whose day and month could be swapped is not compared).
"""

from __future__ import annotations

from typing import Any

from sheetdesk.legacy.parse import read_datetime
from sheetdesk.legacy.sniff import sample_rows

MIN_ROWS = 3


def order_in_rows(rows: list[list[Any]], data: list[int], first: int, second: int) -> tuple[int, int, int]:
    """(rows where `first` is earlier, rows where it is later, rows compared) over a sample of the data rows."""
    earlier = later = compared = 0
    memo: dict[tuple[type, Any], Any] = {}

    def read(value: Any) -> Any:
        key = (type(value), value)
        if key not in memo:
            memo[key] = read_datetime(value, None) if value not in (None, "") else None
        return memo[key]

    for i in sample_rows(len(data)):
        row = rows[data[i]]
        a = read(row[first]) if first < len(row) else None
        b = read(row[second]) if second < len(row) else None
        if a is None or b is None:
            continue
        compared += 1
        earlier += a < b
        later += a > b
    return earlier, later, compared


def always_earlier(rows: list[list[Any]], data: list[int], first: int, second: int) -> tuple[bool, int]:
    """Is `first` earlier than `second` in every compared row (and enough of them)? With the rows compared."""
    earlier, later, compared = order_in_rows(rows, data, first, second)
    return compared >= MIN_ROWS and later == 0 and earlier == compared, compared


__all__ = ["MIN_ROWS", "always_earlier", "order_in_rows"]
