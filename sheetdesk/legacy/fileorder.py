"""Day-first or month-first for a column whose own dates cannot say: evidence from the rest of the file.

A column whose day/month dates all have both parts <= 12 (`03/04/2024`)
cannot decide its order by itself, and a wrong date is worse than a blank
one. The file it sits in often can, honestly:
1. **Another column of the same file decides it**: one system or one clerk
   writes every date of a log the same way, so a column with `13/04/2024`
   (day-first) decides the ambiguous `03/04/2024` beside it written with the
   same separator — provided no column of the file is decided the other way.
2. **Moments in the same row keep their order**: a fault is reported no
   later than it is responded to, attended and resolved. When one reading
   keeps (nearly) every row in that order and the other breaks it in many
   rows, the first is the order.
3. **The log is kept in date order**: when one reading keeps consecutive
   rows in date order and the other goes back in time at many steps.
Each decision names its evidence in the Import Report (`date_order`).
Otherwise the column stays undecided: its ambiguous values are not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.values import fold
from sheetdesk.legacy.parse import DateOrder, read_datetime
from sheetdesk.legacy.texts import DAY_FIRST, MONTH_FIRST, ORDER_BY_COLUMN, ORDER_BY_PAIRS, ORDER_BY_ROWS

# The order in which a repair's moments happen; a column of a later moment is not earlier in its row.
SEQUENCE = {"reported_at": 0, "responded_at": 1, "plan_at": 2, "on_site_at": 2, "resolved_at": 3}
MIN_COMPARED = 5  # rows (or steps) that must be compared for the evidence to count
KEPT = 0.05  # at most this share broken by the reading taken ...
BROKEN = 0.1  # ... and at least this share (and 3) by the other
_SEPARATOR = re.compile(r"^\s*\d{1,2}\s*([-/.])")


@dataclass
class DateColumn:
    """A column with day/month dates: its label, its key (None when kept in notes) and its cells."""

    label: str
    key: str | None
    cells: Sequence[Any]  # one per kept row, in row order
    order: DateOrder


def separator(order: DateOrder) -> str | None:
    """The character between day and month in the column's examples (`/`, `-`, `.`)."""
    for example in order.examples:
        m = _SEPARATOR.match(fold(example))
        if m:
            return m[1]
    return None


def decide_from_file(target: DateColumn, others: list[DateColumn]) -> tuple[bool, Bound] | None:
    """(dayfirst, why) for an ambiguous column, or None when the file does not say."""
    return _by_column(target, others) or _by_pairs(target, others) or _by_rows(target)


def _by_column(target: DateColumn, others: list[DateColumn]) -> tuple[bool, Bound] | None:
    sep = separator(target.order)
    decided = [o for o in others if o.order.decision in ("day-first", "month-first", "mixed")]
    if not decided or any(o.order.decision == "mixed" for o in decided):
        return None
    if len({o.order.dayfirst for o in decided}) != 1:
        return None  # the file is decided both ways: no evidence
    same = [o for o in decided if separator(o.order) == sep]
    if not same:
        return None
    witness = same[0]
    dayfirst = bool(witness.order.dayfirst)
    count = witness.order.day_first if dayfirst else witness.order.month_first
    return dayfirst, ORDER_BY_COLUMN.bind(
        order=_name(dayfirst), column=witness.label, count=count, examples=", ".join(witness.order.examples)
    )


def _by_pairs(target: DateColumn, others: list[DateColumn]) -> tuple[bool, Bound] | None:
    if target.key not in SEQUENCE:
        return None
    for other in others:
        if other.key not in SEQUENCE or SEQUENCE[other.key] == SEQUENCE[target.key]:
            continue
        if other.order.decision in ("ambiguous", "mixed"):
            continue
        theirs = [read_datetime(v, other.order.dayfirst) for v in other.cells]
        broken = {}
        compared = 0
        for dayfirst in (True, False):
            bad = n = 0
            for mine, their in zip((read_datetime(v, dayfirst) for v in target.cells), theirs, strict=False):
                if mine is None or their is None:
                    continue
                n += 1
                later = mine if SEQUENCE[target.key] > SEQUENCE[other.key] else their
                earlier = their if later is mine else mine
                bad += later.date() < earlier.date()
            broken[dayfirst] = bad
            compared = n
        decided = _contrast(broken, compared)
        if decided is not None:
            first, second = (target, other) if SEQUENCE[target.key] < SEQUENCE[other.key] else (other, target)
            return decided, ORDER_BY_PAIRS.bind(
                order=_name(decided), first=first.label, second=second.label, bad=broken[not decided], count=compared
            )
    return None


def _by_rows(target: DateColumn) -> tuple[bool, Bound] | None:
    broken = {}
    compared = 0
    for dayfirst in (True, False):
        stamps = [d.date() for d in (read_datetime(v, dayfirst) for v in target.cells) if d is not None]
        steps = [(a, b) for a, b in zip(stamps, stamps[1:], strict=False) if a != b]
        broken[dayfirst] = sum(b < a for a, b in steps)
        compared = len(steps)
    decided = _contrast(broken, compared)
    if decided is None:
        return None
    return decided, ORDER_BY_ROWS.bind(order=_name(decided), bad=broken[not decided], count=compared)


def _contrast(broken: dict[bool, int], compared: int) -> bool | None:
    """The reading that keeps the order when the other plainly breaks it."""
    if compared < MIN_COMPARED:
        return None
    for reading in (True, False):
        kept, other = broken[reading], broken[not reading]
        if kept <= KEPT * compared and other >= max(3, BROKEN * compared):
            return reading
    return None


def _name(dayfirst: bool) -> Msg:
    return DAY_FIRST if dayfirst else MONTH_FIRST


__all__ = ["DateColumn", "decide_from_file"]
