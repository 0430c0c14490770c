"""Planned visits per unit (SPEC §8 Maintenance): the due dates of a plan, and which visit fulfilled each. Pure.

For one unit and one plan row (a kind of visit, how often, for how long):

- **Due dates.** The n-th occurrence (n = 0, 1, ...) is due on
  start + first_within + n × every, counted from the start each time, months
  first (`add_months`: a day that does not exist clips to the month's end),
  then days. So monthly from Dec 31 gives Jan 31, Feb 28, Mar 31: no drift.
  (When first_within has days, `30d` then `1m`, the months count from the
  first due date.)
- **Windows.** An occurrence *opens* the day after the previous one's due
  date (the first opens on the start date). A visit on or before its due
  date plus `grace_days` (whole days: any time on the last day of grace) is
  on time; a later one is late, until the next occurrence's due date (the
  last day a late visit still counts for it).
- **How long.** An occurrence belongs to the plan when it opens inside the
  covered period (`warranty`: start..free_until; `paid`: start..paid_until;
  `lifetime`: no end). One whose due date falls after the period's last day
  is due on that last day, so a plan "twice a year during a 12-month
  warranty" has two visits, the second due on free_until. A unit that left
  service (replaced or returned) has no occurrence due after that day.
  Occurrences are generated up to `horizon` and one beyond it (the unit's
  next visit).
- **Matching.** The unit's visits of that kind are taken in time order;
  each counts for the occurrence, among those still without a visit whose
  window holds it (opens .. the next due date), with the **nearest due
  date** (the earlier on a tie); a visit no open occurrence's window holds
  is extra. So a visit a few days after a due date counts (late, or on time
  within the grace) for that occurrence rather than for the next one months
  away; a visit just before a due date counts for it even when an earlier
  one was missed, so one missed visit never makes the following ones late;
  and of two visits in one window the earlier counts, the later is extra
  (or, if a visit is still owed, counts late for it). In the end the
  occurrences hold their visits in date order. A visit where the customer
  was absent is not counted.
- **Status** as of a day: `done` (its visit on time), `late` (after the
  grace), `missing` (no visit and the grace is over), `due` (no visit, the
  window is open), `upcoming` (the window has not opened).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sheetdesk.rules.intervals import Interval
from sheetdesk.rules.policy import PlanRule
from sheetdesk.rules.warranty import Terms, add_months
from sheetdesk.schema.statuses import VisitStatus

__all__ = ["Occurrence", "UnitSchedule", "VisitFact", "covered_until", "due_dates", "nth_due", "schedule_unit", "shift"]

_DAY = dt.timedelta(days=1)


def shift(day: dt.date, interval: Interval, times: int = 1) -> dt.date:
    """`day` + `times` × `interval`: the months at once (clipped to month end), then the days.

    OverflowError past 9999-12-31.
    """
    try:
        moved = add_months(day, interval.months * times) if interval.months else day
        return moved + dt.timedelta(days=interval.days * times) if interval.days else moved
    except ValueError as exc:  # a year past 9999
        raise OverflowError(str(exc)) from exc


def _plus_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def covered_until(terms: Terms, rule: PlanRule) -> dt.date | None:
    """The last day of the period the plan runs in; None = no end (lifetime, or an end beyond the calendar)."""
    if rule.during == "lifetime":
        return None
    return terms.free_until if rule.during == "warranty" else terms.paid_until


@dataclass(frozen=True, slots=True)
class VisitFact:
    """One recorded visit of the unit and kind: when, the caller's index for it, and whether it counts."""

    at: dt.datetime
    index: int
    counted: bool = True  # False when the customer was absent


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One planned visit of a unit."""

    kind: str
    number: int  # 1 = the first
    opens: dt.date  # the first day a visit counts for it
    due: dt.date
    on_time_until: dt.date  # due + grace_days
    late_until: dt.date  # the last day a late visit still counts for it
    status: VisitStatus
    visit: int | None = None  # the `VisitFact.index` that fulfilled it
    visit_at: dt.datetime | None = None


@dataclass
class UnitSchedule:
    """One unit's occurrences of one plan row, and what became of each of its visits."""

    occurrences: list[Occurrence] = field(default_factory=list)
    matched: dict[int, Occurrence] = field(default_factory=dict)  # visit index -> the occurrence it fulfilled
    extra: list[int] = field(default_factory=list)  # counted visits that fulfilled none


def due_dates(
    start: dt.date,
    rule: PlanRule,
    *,
    until: dt.date | None,
    horizon: dt.date,
    ended: dt.date | None = None,
) -> list[tuple[dt.date, dt.date, dt.date, dt.date]]:
    """(opens, due, on_time_until, late_until) of each occurrence, in order.

    `until`: the covered period's last day (None = no end); `ended`: the day
    the unit left service (None = still in service); occurrences are listed
    while due ≤ `horizon`, plus the first one after it.
    """
    out: list[tuple[dt.date, dt.date, dt.date, dt.date]] = []
    try:
        raw: dt.date | None = nth_due(start, rule, 0)
    except OverflowError:
        return out
    opens = start
    while raw is not None and (until is None or opens <= until):
        due = raw if until is None or raw <= until else until
        if ended is not None and due > ended:
            break
        try:
            following: dt.date | None = nth_due(start, rule, len(out) + 1)
        except OverflowError:
            following = None
        on_time = _plus_days(due, rule.grace_days)
        late_until = on_time if following is None else max(following, on_time)
        out.append((opens, due, on_time, late_until))
        if due > horizon:
            break
        opens, raw = raw + _DAY, following
    return out


def nth_due(start: dt.date, rule: PlanRule, n: int) -> dt.date:
    """The unclipped due date of occurrence `n` (0 = the first), counted from the start each time.

    start + first_within + n × every, the months added at once (one
    month-end clip, never carried) and then the days. When first_within
    has days (`30d` then `1m`), the months are counted from the first due
    date instead, so that the visits keep its day of the month.
    """
    first, every = rule.first_within, rule.every
    if first.days:
        return shift(shift(start, first), Interval(every.months * n, every.days * n))
    return shift(start, Interval(first.months + every.months * n, every.days * n))


def schedule_unit(
    start: dt.date,
    rule: PlanRule,
    visits: Sequence[VisitFact],
    today: dt.date,
    *,
    until: dt.date | None,
    horizon: dt.date | None = None,
    ended: dt.date | None = None,
) -> UnitSchedule:
    """The occurrences of `rule` for a unit whose warranty starts on `start`, matched to its `visits` of that kind.

    `today` is the as-of date the statuses are judged on; occurrences are
    listed up to `horizon` (default: today) and one beyond.
    """
    dates = due_dates(start, rule, until=until, horizon=horizon or today, ended=ended)
    counted = sorted((v for v in visits if v.counted), key=lambda v: (v.at, v.index))
    taken: list[VisitFact | None] = [None] * len(dates)
    extra: list[int] = []
    if counted:  # most units have few visits of a kind, many none: then only the statuses are worked out
        opens = [d[0] for d in dates]
        late_until = [d[3] for d in dates]
        for visit in counted:
            day = visit.at.date()
            # the occurrences still open whose window (opens .. the next due date) holds the visit
            open_here = [k for k in range(bisect.bisect_left(late_until, day), bisect.bisect_right(opens, day))
                         if taken[k] is None]  # fmt: skip
            if not open_here:
                extra.append(visit.index)
                continue
            taken[min(open_here, key=lambda k: (abs((day - dates[k][1]).days), k))] = visit  # the nearest due
    _in_date_order(taken, dates)
    result = UnitSchedule(extra=extra)
    for number, ((opens_on, due, on_time_on, late_on), fulfilled) in enumerate(zip(dates, taken, strict=True), 1):
        if fulfilled is not None:
            status: VisitStatus = "done" if fulfilled.at.date() <= on_time_on else "late"
            occurrence = Occurrence(
                rule.kind, number, opens_on, due, on_time_on, late_on, status, fulfilled.index, fulfilled.at
            )
            result.matched[fulfilled.index] = occurrence
        else:
            status = "missing" if today > on_time_on else "due" if today >= opens_on else "upcoming"
            occurrence = Occurrence(rule.kind, number, opens_on, due, on_time_on, late_on, status)
        result.occurrences.append(occurrence)
    return result


def _in_date_order(taken: list[VisitFact | None], dates: list[tuple[dt.date, dt.date, dt.date, dt.date]]) -> None:
    """A late visit for one occurrence and an on-time visit for the next, out of date order, are
    swapped when each still falls in the other's window, so that visits fulfil occurrences in date
    order (the statuses stay the same: the first is still late, the second still on time)."""
    for k in range(len(taken) - 1):
        a, b = taken[k], taken[k + 1]
        if a is None or b is None or a.at <= b.at:
            continue
        if dates[k][0] <= b.at.date() <= dates[k][3] and dates[k + 1][0] <= a.at.date() <= dates[k + 1][3]:
            taken[k], taken[k + 1] = b, a
