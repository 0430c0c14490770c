"""The SLA clock over arrays: many due times and working times at once, on one calendar.

`ServiceCalendar.add` and `elapsed_us` define the clock (docs/rules.md) and
work one instant at a time. For a whole repair log the same answers come
from laying the calendar's windows over the stretch of dates the log needs,
in time order, with the working time before each window (a prefix sum):

- the working time before an instant `t` is its *position*: the prefix sum
  of its window plus the part of that window already past (nothing in a
  gap between windows);
- `elapsed(a, b)` is `position(b) - position(a)`;
- adding clock time `s > 0` to `t` lands where the position reaches
  `position(t) + s`: in the first window whose end reaches it (a due time
  that lands exactly on a window's end stays there, and a clock that starts
  outside working time starts with the next window);
- adding `N` working days moves the start into working time, takes the
  N-th date with a window after the date owning it, the same time of day
  there, clipped into that date's windows.

Every answer is exact (integer microseconds) or refused: an instant, or a
result, outside the stretch laid out is marked not `ok`, and the caller
asks `ServiceCalendar` for those. `tests/rules/test_timeline.py` checks the
two agree on random calendars with holidays, make-up days and night windows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from sheetdesk.rules.calendar import DAY, ServiceCalendar, to_us
from sheetdesk.rules.durations import Duration

__all__ = ["Instants", "Timeline", "from_instants", "to_instants"]

Instants = NDArray[np.int64]  # microseconds since 0001-01-01 00:00, as `calendar.to_us`
_UNIX_DAY0 = dt.date(1970, 1, 1).toordinal() * DAY  # numpy counts from 1970-01-01
_SEC = 1_000_000
NONE = np.iinfo(np.int64).min  # a missing instant (numpy's NaT)


def to_instants(stamps: Sequence[dt.datetime | None]) -> Instants:
    """Datetimes as instants (None as `NONE`). Integer arithmetic per stamp: numpy's own
    conversion of datetime objects takes five times as long."""
    return np.fromiter((NONE if s is None else to_us(s) for s in stamps), dtype=np.int64, count=len(stamps))


def from_instants(instants: Instants) -> list[dt.datetime]:
    """Instants (none of them `NONE`) as datetimes, converted in C."""
    stamps: list[dt.datetime] = (instants - _UNIX_DAY0).astype("datetime64[us]").tolist()
    return stamps


class Timeline:
    """A business calendar's windows owned by the dates `first`..`last` (ordinals), in time order."""

    def __init__(self, calendar: ServiceCalendar, first: int, last: int) -> None:
        assert not calendar.is_24x7
        spans = calendar.window_spans(first, last)
        # The instants this timeline places: not the first date itself, which a night window of
        # the date before (not laid out) may still reach into.
        self.lo, self.hi = (first + 1) * DAY, (last + 1) * DAY
        self.starts = np.array([a for a, _, _ in spans], dtype=np.int64)
        self.ends = np.array([b for _, b, _ in spans], dtype=np.int64)
        self.owners = np.array([o for _, _, o in spans], dtype=np.int64)
        lengths = self.ends - self.starts
        self.before = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)  # work before each window
        self.through = self.before + lengths  # work up to each window's end
        self.days = np.unique(self.owners)  # the working dates, in order

    def inside(self, t: Instants) -> NDArray[np.bool_]:
        return (t >= self.lo) & (t < self.hi)

    def position(self, t: Instants) -> Instants:
        """Working time before each instant (meaningful where `inside`)."""
        if not len(self.starts):
            return np.zeros(len(t), dtype=np.int64)
        k = np.searchsorted(self.starts, t, side="right") - 1
        kk = np.maximum(k, 0)
        within = np.minimum(t - self.starts[kk], self.ends[kk] - self.starts[kk])
        return np.where(k >= 0, self.before[kk] + within, 0)

    def elapsed(self, a: Instants, b: Instants) -> tuple[Instants, NDArray[np.bool_]]:
        """Signed working time from `a` to `b`, and where it is known."""
        return self.position(b) - self.position(a), self.inside(a) & self.inside(b)

    def add(self, t: Instants, d: Duration) -> tuple[Instants, NDArray[np.bool_]]:
        """`ServiceCalendar.add(t, d)` for each instant, and where the answer is known."""
        ok = self.inside(t)
        if not len(self.starts):
            return t, np.zeros(len(t), dtype=bool)
        if d.days:
            t, days_ok = self._add_days(t, d.days)
            ok &= days_ok
        if d.seconds:
            t, seconds_ok = self._add_seconds(t, d.seconds * _SEC)
            ok &= seconds_ok
        elif not d.days:  # a zero duration: the start if it is working time, else the next window's start
            k = np.minimum(np.searchsorted(self.ends, t, side="right"), len(self.ends) - 1)
            ok &= self.ends[k] > t
            t = np.maximum(self.starts[k], t)
        return t, ok & self.inside(t)

    def _add_seconds(self, t: Instants, us: int) -> tuple[Instants, NDArray[np.bool_]]:
        target = self.position(t) + us
        k = np.searchsorted(self.through, target, side="left")
        ok = k < len(self.through)
        k = np.minimum(k, len(self.through) - 1)
        return self.starts[k] + (target - self.before[k]), ok

    def _add_days(self, t: Instants, n: int) -> tuple[Instants, NDArray[np.bool_]]:
        last = len(self.ends) - 1
        k = np.searchsorted(self.ends, t, side="right")  # the first window not over at t
        ok = k <= last
        k = np.minimum(k, last)
        start = np.maximum(self.starts[k], t)
        owner = self.owners[k]
        at = np.searchsorted(self.days, owner) + n
        ok &= at < len(self.days)
        target = self.days[np.minimum(at, len(self.days) - 1)]
        candidate = target * DAY + (start - owner * DAY)  # the same time of day, counted from its owner's midnight
        first = np.searchsorted(self.owners, target, side="left")
        final = np.searchsorted(self.owners, target, side="right") - 1
        j = np.minimum(np.searchsorted(self.starts, candidate, side="right") - 1, final)
        jj = np.maximum(j, first)
        clipped = np.where(
            j < first, self.starts[first], np.where(candidate < self.ends[jj], candidate, self.ends[jj])
        )  # into the target date's windows: its first opening, or the end of the window last passed
        return clipped, ok
