"""SLA clocks that pause while a ticket is on hold (SPEC §8 Holds). Pure functions.

A hold is a span of time (`hold_from` to `hold_until`, open while the ticket
still waits) with a reason; the policy's Pauses sheet says which SLA targets a
reason pauses (`Policy.paused_targets`). For one target, its pausing holds are
merged into disjoint spans (`pausing_spans`) and `paused_clock` works out, on
the target's own calendar:

- the due time, moved later by the working time of every hold that starts
  while the target's clock is still short of its duration (a hold over a
  weekend moves nothing on a business calendar);
- the working time held after the due time (never counted as over-time);
- whether the target is on hold at as-of.

Holds are clipped to the target's running time: from reported_at to the
target's event (a hold that starts after the response was made does not
touch the response), or to as-of while there is no event (an open hold counts
up to as-of).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sheetdesk.links import Link
from sheetdesk.rules.calendar import ServiceCalendar
from sheetdesk.rules.durations import Duration
from sheetdesk.schema.statuses import SlaTargetKey

__all__ = ["Hold", "PausedClock", "Span", "merge_spans", "paused_clock", "pausing_spans", "ticket_holds"]

Span = tuple[dt.datetime, dt.datetime | None]  # start, end (None: still on hold)
_SEC = 1_000_000


@dataclass(frozen=True, slots=True)
class Hold:
    """One row of the Holds register, typed: a hold that can pause a ticket's clocks."""

    start: dt.datetime
    end: dt.datetime | None  # None: still on hold
    reason: str
    index: int | None = None  # its record in the Holds register, when it came from one

    def runs_at(self, moment: dt.datetime) -> bool:
        """The ticket is on this hold at `moment`: it started, and has not ended (an open hold runs on)."""
        return self.start <= moment and (self.end is None or self.end > moment)


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans sorted and merged where they overlap or touch (an open span swallows what follows),
    so that time two holds share is counted once."""
    merged: list[list[dt.datetime | None]] = []
    for start, end in sorted(spans, key=lambda s: s[0]):
        if merged:
            last = merged[-1]
            last_end = last[1]
            if last_end is None or start <= last_end:
                if last_end is not None and (end is None or end > last_end):
                    last[1] = end
                continue
        merged.append([start, end])
    return tuple((s, e) for s, e in merged if s is not None)


def pausing_spans(
    holds: Sequence[Hold], target: SlaTargetKey, paused_targets: Callable[[str], frozenset[SlaTargetKey]]
) -> tuple[Span, ...]:
    """The merged spans of the holds whose reason pauses `target` (a hold ending
    before it starts pauses nothing)."""
    return merge_spans(
        (h.start, h.end) for h in holds if target in paused_targets(h.reason) and (h.end is None or h.end >= h.start)
    )


@dataclass(frozen=True, slots=True)
class PausedClock:
    due: dt.datetime  # the due time, moved by the holds that started before it
    held_us: int  # working time held, in microseconds (before and after the due time)
    held_after_due_us: int  # the part held after the due time (taken off over-time)
    on_hold: bool  # a pausing hold runs at as-of (only asked when there is no event)


def paused_clock(
    calendar: ServiceCalendar,
    reported_at: dt.datetime,
    due: dt.datetime,
    spans: Sequence[Span],
    event: dt.datetime | None,
    as_of: dt.datetime,
) -> PausedClock:
    """Apply a target's pausing spans (sorted, disjoint) to its due time.

    The clock runs from `reported_at` until `event` (or `as_of` without one).
    Each span is clipped to that; its working time on `calendar` moves the
    due time later when the span starts before the due time (as moved by the
    spans before it), and is taken off the over-time otherwise. Raises
    `BeyondCalendar` when the moved due time falls after 9999-12-31.
    """
    stop = event if event is not None else as_of
    held = after = 0
    on_hold = False
    for start, end in spans:
        if event is None and start <= as_of and (end is None or end > as_of):
            on_hold = True
        start = max(start, reported_at)
        end = stop if end is None else min(end, stop)
        if end <= start:
            continue
        paused = calendar.elapsed_us(start, end)
        if paused <= 0:
            continue
        if start < due:  # the clock had not yet run its whole duration
            due = calendar.add(due, _duration(paused))
        else:
            after += paused
        held += paused
    return PausedClock(due, held, after, on_hold)


def _duration(us: int) -> Duration:
    """Working microseconds as a clock-time duration (whole seconds; `elapsed` is exact to the second
    for the times a register holds)."""
    return Duration(seconds=-(-us // _SEC))


def ticket_holds(
    holds: Sequence[Mapping[str, Any]], link: Link, repairs: Sequence[Mapping[str, Any]]
) -> dict[int, tuple[Hold, ...]]:
    """Each ticket's holds that can pause a clock (repair index -> its holds), from the Holds
    register's records, found through the link (never by scanning). `check` and `due` both ask here.

    A hold needs its ticket, hold_from and a reason. One that ends before it
    starts pauses nothing, nor does one left open on a resolved ticket: when
    it ended is not known, and counting it to the resolution could hide a
    breach (validation reports both).
    """
    if not holds:
        return {}
    by_repair: dict[int, list[Hold]] = {}
    for n, (record, j) in enumerate(zip(holds, link.parent_of, strict=True)):
        start, end, reason = record.get("hold_from"), record.get("hold_until"), record.get("reason")
        if j is None or not isinstance(start, dt.datetime) or reason is None:
            continue
        if end is None and isinstance(repairs[j].get("resolved_at"), dt.datetime):
            continue
        if end is not None and (not isinstance(end, dt.datetime) or end < start):
            continue
        by_repair.setdefault(j, []).append(Hold(start, end, reason, n))
    return {j: tuple(found) for j, found in by_repair.items()}
