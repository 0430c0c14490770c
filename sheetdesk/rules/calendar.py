"""The SLA clock: adding durations and measuring working time (SPEC §4 SLA).

A `ServiceCalendar` is either 24x7 (plain arithmetic) or a business calendar
made of weekly working windows, holidays and make-up workdays (调休).

Internally every instant is an integer count of microseconds since
0001-01-01 (`date.toordinal()` days), so the hot path is integer arithmetic
over the windows actually crossed; per-date window lists are built lazily and
cached, and whole weeks without special dates are skipped in one step.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence

from sheetdesk.errors import BadValue
from sheetdesk.i18n import Msg
from sheetdesk.rules.durations import Duration

__all__ = [
    "BeyondCalendar",
    "CalendarError",
    "ServiceCalendar",
    "Window",
    "check_windows",
    "cn_covered_years",
    "cn_holidays",
    "cn_uncovered_years",
]

Window = tuple[int, int]  # (start_minute, end_minute); end <= start crosses midnight

SEC = 1_000_000
MIN = 60 * SEC
DAY = 86400 * SEC
WEEK = 7 * DAY
_ORIGIN = dt.datetime(1, 1, 1)
_MAX_ORD = dt.date.max.toordinal()  # 9999-12-31, the last date Python and Excel hold
_END = (_MAX_ORD + 1) * DAY  # the instant after 9999-12-31 23:59:59.999999
_FAR = 8  # weeks of work beyond which `add` first checks that the calendar is long enough


class CalendarError(BadValue):
    """Windows or dates a business calendar cannot be made of (the policy parser
    reports them at their cells first; this guards the library's other callers)."""


BAD_TIMES = Msg(
    "working window {window}: times must be 00:00..24:00, starting before 24:00",
    "工作时段 {window}：时间须在 00:00..24:00 之间，且开始早于 24:00",
)
EMPTY_WINDOW = Msg("working window {window}: end equals start", "工作时段 {window}：结束时间等于开始时间")
BAD_WEEKDAY = Msg("weekday {weekday} is not 0..6 (Monday = 0)", "星期 {weekday} 不在 0..6 之间（周一 = 0）")
BOTH_KINDS = Msg("dates both holiday and make-up workday: {dates}", "日期既是节假日又是调休工作日：{dates}")
OVERLAP = Msg(
    "overlapping working windows: {first} #{i} and {second} #{j}",
    "工作时段重叠：{first}第 {i} 段与{second}第 {j} 段",
)
NO_WINDOWS = Msg("a business calendar needs at least one working window", "工作日历至少需要一个工作时段")
_WEEKDAYS = [
    Msg(en, zh)
    for en, zh in zip(
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
        strict=True,
    )
]


def _shown(window: Window) -> str:
    start, end = window
    return f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"


class BeyondCalendar(OverflowError):
    """A due time after 9999-12-31: no date can hold it (the caller reports it, blank)."""

    def __init__(self) -> None:
        super().__init__("the result falls after 9999-12-31")


def _to_us(t: dt.datetime) -> int:
    return t.toordinal() * DAY + (t.hour * 3600 + t.minute * 60 + t.second) * SEC + t.microsecond


to_us = _to_us  # the instants of `window_spans`


def _from_us(us: int) -> dt.datetime:
    return _ORIGIN + dt.timedelta(microseconds=us - DAY)


def _span(window: Window) -> tuple[int, int]:
    """Window -> (start, end) minutes from the owning day's midnight."""
    start, end = window
    if not (0 <= start < 1440) or not (0 <= end <= 1440):
        raise CalendarError(BAD_TIMES, window=_shown(window))
    if end == start:
        raise CalendarError(EMPTY_WINDOW, window=_shown(window))
    return (start, end) if end > start else (start, end + 1440)


def check_windows(windows: Mapping[int, Sequence[Window]]) -> list[tuple[int, int, int, int]]:
    """Pairs of overlapping windows as (weekday, index, weekday, index); [] if none.

    Windows touching end-to-start do not overlap. Windows crossing midnight are
    compared with the next day's windows (Sunday's with Monday's).
    """
    spans: list[tuple[int, int, int, int]] = []
    for wd, wins in windows.items():
        if not 0 <= wd <= 6:
            raise CalendarError(BAD_WEEKDAY, weekday=wd)
        for i, w in enumerate(wins):
            s, e = _span(w)
            spans.append((wd * 1440 + s, wd * 1440 + e, wd, i))
    spans.sort()
    clashes: list[tuple[int, int, int, int]] = []
    for j, (s2, _e2, wd2, i2) in enumerate(spans):
        for _s1, e1, wd1, i1 in spans[:j]:
            if s2 < e1:
                clashes.append((wd1, i1, wd2, i2))
    week = 7 * 1440
    for _s1, e1, wd1, i1 in spans:  # wrap-around: Sunday night into Monday
        if e1 > week:
            for s2, _e2, wd2, i2 in spans:
                if s2 + week < e1 and (wd2, i2) != (wd1, i1):
                    clashes.append((wd1, i1, wd2, i2))
    return clashes


class ServiceCalendar:
    """Working time for the SLA clock.

    `windows` maps weekday (Mon=0..Sun=6) to (start_minute, end_minute) pairs;
    a window whose end is <= its start crosses midnight and belongs to the day
    it starts. `holidays`: no window starts on that date. `workdays` (make-up
    days, 调休): the date works with the *standard workday schedule* — the
    windows of the first weekday Mon..Fri that has windows (first of Mon..Sun
    if none of Mon..Fri has any) — even when the calendar has windows of its
    own for that weekend day (a Saturday half day). A make-up date on a
    Monday..Friday that has windows keeps them (they are a regular schedule).

    `covered_years` (optional) names the years for which the holiday table is
    known to be complete; `uncovered_years()` lets the caller warn.
    """

    def __init__(
        self,
        windows: Mapping[int, Sequence[Window]] | None = None,
        holidays: Iterable[dt.date] = (),
        workdays: Iterable[dt.date] = (),
        *,
        covered_years: Iterable[int] | None = None,
        always: bool = False,
    ) -> None:
        self.is_24x7 = always
        self.holidays = frozenset(holidays)
        self.workdays = frozenset(workdays)
        self.covered_years = None if covered_years is None else frozenset(covered_years)
        both = self.holidays & self.workdays
        if both:
            raise CalendarError(BOTH_KINDS, dates=", ".join(map(str, sorted(both)[:3])))
        self.windows: dict[int, tuple[Window, ...]] = {}
        self._day_cache: dict[int, tuple[tuple[int, int], ...]] = {}
        if always:
            return
        windows = windows or {}
        clashes = check_windows(windows)
        if clashes:
            wd1, i1, wd2, i2 = clashes[0]
            raise CalendarError(OVERLAP, first=_WEEKDAYS[wd1], second=_WEEKDAYS[wd2], i=i1 + 1, j=i2 + 1)
        self.windows = {wd: tuple(sorted(w)) for wd, w in windows.items() if w}
        if not self.windows:
            raise CalendarError(NO_WINDOWS)
        self._templates: list[tuple[tuple[int, int], ...]] = [
            tuple((s * MIN, e * MIN) for s, e in map(_span, self.windows.get(wd, ()))) for wd in range(7)
        ]
        standard = next((wd for wd in range(5) if self._templates[wd]), None)
        if standard is None:
            standard = next(wd for wd in range(7) if self._templates[wd])
        self._makeup = self._templates[standard]
        self._lookback = 1 if any(e > DAY for t in self._templates for _, e in t) else 0
        self._week_work = sum(e - s for t in self._templates for s, e in t)
        self._far = _FAR * self._week_work
        self._work_days_per_week = sum(1 for t in self._templates if t)
        self._special = sorted(d.toordinal() for d in self.holidays | self.workdays)
        self._special_set = frozenset(self._special)
        self._day_work = [sum(e - s for s, e in t) for t in self._templates]
        # Days whose working time differs from their weekday's template (the
        # special dates, and with night windows the day after), with prefix
        # sums of the difference: whole-day spans are then O(log n).
        self._corr_days = sorted({o + k for o in self._special for k in range(1 + self._lookback)})
        self._corr_prefix = [0]
        for o in self._corr_days:
            diff = sum(b - a for a, b in self._day(o)) - self._day_work[(o - 1) % 7]
            self._corr_prefix.append(self._corr_prefix[-1] + diff)

    @classmethod
    def always(cls) -> ServiceCalendar:
        """The 24x7 calendar: every instant is working time."""
        return cls(always=True)

    def __repr__(self) -> str:
        if self.is_24x7:
            return "ServiceCalendar.always()"
        return f"ServiceCalendar({self.windows!r}, holidays={len(self.holidays)}, workdays={len(self.workdays)})"

    # -- per-date windows -------------------------------------------------
    def _day(self, ordinal: int) -> tuple[tuple[int, int], ...]:
        """Absolute (start_us, end_us) windows that start on this date."""
        found = self._day_cache.get(ordinal)
        if found is not None:
            return found
        if not 1 <= ordinal <= _MAX_ORD:  # outside the dates a calendar can hold: no work
            return ()
        d = dt.date.fromordinal(ordinal)
        if d in self.holidays:
            tmpl: tuple[tuple[int, int], ...] = ()
        else:
            tmpl = self._templates[d.weekday()]
            # A make-up day (调休) is a normal working day: the regular schedule,
            # even where the weekend day has windows of its own (a Saturday half day).
            if d in self.workdays and (d.weekday() >= 5 or not tmpl):
                tmpl = self._makeup
        base = ordinal * DAY
        found = tuple((base + s, base + e) for s, e in tmpl)
        if self._lookback and found and (ordinal in self._special_set or ordinal - 1 in self._special_set):
            # A make-up day's windows may meet the night window of the day
            # before (or the reverse): a window never starts before the
            # previous date's last window has ended.
            prev = self._day(ordinal - 1)
            if prev:
                floor = prev[-1][1]
                found = tuple((max(a, floor), b) for a, b in found if b > floor)
        self._day_cache[ordinal] = found
        return found

    def windows_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The working windows that start on `day` (after holidays/make-up days)."""
        if self.is_24x7:
            start = dt.datetime.combine(day, dt.time())
            return [(start, start + dt.timedelta(days=1))]
        return [(_from_us(a), _from_us(b)) for a, b in self._day(day.toordinal())]

    def window_spans(self, first: int, last: int) -> list[tuple[int, int, int]]:
        """(start, end, owning date) of every window owned by the dates `first`..`last` (ordinals),
        in time order; instants are microseconds since 0001-01-01 00:00 counted as `to_us` does.
        Windows never overlap, so both starts and ends increase (`sheetdesk.rules.timeline`)."""
        return [(a, b, o) for o in range(first, last + 1) for a, b in self._day(o)]

    def is_working_day(self, day: dt.date) -> bool:
        return self.is_24x7 or bool(self._day(day.toordinal()))

    def _plain_week(self, ordinal: int) -> bool:
        """No holiday/make-up date among the days a 7-day step from here touches."""
        sp = self._special
        if not sp:
            return True
        i = bisect_left(sp, ordinal - 1)
        return i == len(sp) or sp[i] > ordinal + 8

    def _plain_weeks(self, ordinal: int, reach: int) -> int:
        """How many 7-day steps from `ordinal` in a row are plain (`_plain_week` at each
        step), counting only special dates from `ordinal + reach` on; at least 1 when
        the first is. Long clocks then cross the years between holidays in one step."""
        sp = self._special
        i = bisect_left(sp, ordinal - 1)
        if i == len(sp):
            return _MAX_ORD // 7
        return max(0, (sp[i] - ordinal - reach) // 7 + 1)

    def is_working_time(self, t: dt.datetime) -> bool:
        """True when `t` lies inside a window (start inclusive, end exclusive)."""
        if self.is_24x7:
            return True
        u = _to_us(t)
        o = u // DAY
        for day in range(o - self._lookback, o + 1):
            for a, b in self._day(day):
                if a <= u < b:
                    return True
        return False

    # -- the clock ----------------------------------------------------------
    def _add_us(self, t: int, remaining: int) -> int:
        if remaining > self._far and remaining > self._elapsed(t, _END):
            raise BeyondCalendar  # O(log n): an absurd target never walks to year 9999
        o = t // DAY - self._lookback
        week = self._week_work
        last = _MAX_ORD
        while True:
            if remaining > week > 0 and self._plain_week(t // DAY):
                steps = min((remaining - 1) // week, self._plain_weeks(t // DAY, 9))
                t += steps * WEEK
                remaining -= steps * week
                o = t // DAY - self._lookback
                continue
            if o > last:
                raise BeyondCalendar
            for a, b in self._day(o):
                if b <= t:
                    continue
                if a < t:
                    a = t
                avail = b - a
                if remaining <= avail:
                    return a + remaining
                remaining -= avail
                t = b
            o += 1
            if o * DAY > t + DAY:
                t = o * DAY - DAY  # nothing worked since; keep the cursor close

    def _snap(self, t: int) -> tuple[int, int]:
        """First working instant >= t and the date (ordinal) owning its window."""
        o = t // DAY - self._lookback
        while True:
            for a, b in self._day(o):
                if b > t:
                    return (a if a > t else t), o
            o += 1
            if o > _MAX_ORD:
                raise BeyondCalendar

    def _add_days_us(self, t: int, n: int) -> int:
        start, owner = self._snap(t)
        if owner + n > _MAX_ORD:  # n working days take at least n dates
            raise BeyondCalendar
        offset = start - owner * DAY
        target, count = owner, 0
        per_week = self._work_days_per_week
        while count < n:
            if n - count > per_week and self._plain_week(target + 1):
                steps = min((n - count - 1) // per_week, self._plain_weeks(target + 1, 9))
                target += 7 * steps
                count += per_week * steps
                continue
            target += 1
            if target > _MAX_ORD:
                raise BeyondCalendar
            if self._day(target):
                count += 1
        wins = self._day(target)
        candidate = target * DAY + offset
        best = wins[0][0]
        for a, b in wins:
            if candidate < a:
                break
            if candidate < b:
                return candidate
            best = b
        return best

    def add(self, start: dt.datetime, d: Duration) -> dt.datetime:
        """The due time of a clock started at `start` running for `d`.

        `BeyondCalendar` when it would fall after 9999-12-31; the walk never
        goes further (an absurd target is found out in O(log n) steps).

        24x7: start + days*24h + seconds. Business: the days part first (N
        working days later at the same time of day, see docs/rules.md), then
        the seconds part is consumed window by window; a clock started
        outside working time starts at the next window's start, and a due
        time landing exactly on a window's end stays there.
        """
        if self.is_24x7:
            try:
                return start + dt.timedelta(days=d.days, seconds=d.seconds)
            except OverflowError:
                raise BeyondCalendar from None
        t = _to_us(start)
        try:
            if d.days:
                t = self._add_days_us(t, d.days)
                if not d.seconds:
                    return _from_us(t)
            return _from_us(self._add_us(t, d.seconds * SEC))
        except OverflowError:  # a night window of 9999-12-31 ends after it
            raise BeyondCalendar from None

    def elapsed_us(self, a: dt.datetime, b: dt.datetime) -> int:
        """Signed working microseconds from `a` to `b`."""
        if self.is_24x7:
            delta = b - a
            return (delta.days * 86400 + delta.seconds) * SEC + delta.microseconds
        ua, ub = _to_us(a), _to_us(b)
        if ub < ua:
            return -self._elapsed(ub, ua)
        return self._elapsed(ua, ub)

    def _whole_days(self, first: int, last: int) -> int:
        """Working time of the windows owned by dates first..last (ordinals)."""
        weeks, rest = divmod(last - first + 1, 7)
        total = weeks * self._week_work
        wd = (first - 1) % 7
        work = self._day_work
        for k in range(rest):
            total += work[(wd + k) % 7]
        i = bisect_left(self._corr_days, first)
        j = bisect_right(self._corr_days, last)
        return total + self._corr_prefix[j] - self._corr_prefix[i]

    def _clipped(self, first: int, last: int, t: int, end: int) -> int:
        """Working time in [t, end) of the windows owned by dates first..last."""
        total = 0
        for o in range(first, last + 1):
            for a, b in self._day(o):
                if a < t:
                    a = t
                if b > end:
                    b = end
                if b > a:
                    total += b - a
        return total

    def _elapsed(self, t: int, end: int) -> int:
        first = t // DAY + 1  # dates whose windows all lie inside [t, end)
        last = end // DAY - 1 - self._lookback
        if last - first < 14:
            return self._walk(t, end)
        return (
            self._clipped(t // DAY - self._lookback, first - 1, t, end)
            + self._whole_days(first, last)
            + self._clipped(last + 1, end // DAY, t, end)
        )

    def _walk(self, t: int, end: int) -> int:
        total = 0
        week = self._week_work
        o = t // DAY - self._lookback
        last = end // DAY
        while o <= last:
            if end - t > WEEK and self._plain_week(t // DAY):
                total += week
                t += WEEK
                o = t // DAY - self._lookback
                continue
            for a, b in self._day(o):
                if b <= t:
                    continue
                if a < t:
                    a = t
                if a >= end:
                    return total
                if b > end:
                    b = end
                total += b - a
                t = b
            o += 1
            if o * DAY > t + DAY:
                t = o * DAY - DAY
        return total

    def elapsed(self, a: dt.datetime, b: dt.datetime) -> int:
        """Signed whole working seconds from `a` to `b` (negative when b < a).

        Truncated toward zero; use `elapsed_us` for the exact value.
        """
        us = self.elapsed_us(a, b)
        return us // SEC if us >= 0 else -((-us) // SEC)

    def uncovered_years(self, *moments: dt.date | None) -> set[int]:
        """Years of `moments` the holiday table does not cover (empty if no claim)."""
        if self.covered_years is None or self.is_24x7:
            return set()
        return {m.year for m in moments if m is not None and m.year not in self.covered_years}


# -- China's statutory holidays (chinese_calendar) ----------------------------


@functools.cache
def cn_covered_years() -> frozenset[int]:
    """Years for which the bundled chinese_calendar table is complete."""
    from chinese_calendar import constants

    return frozenset(d.year for d in constants.holidays)


def cn_uncovered_years(years: Iterable[int]) -> set[int]:
    """Those of `years` the bundled China holiday table does not cover (warn about them)."""
    return set(years) - cn_covered_years()


def cn_holidays(
    years: Iterable[int] | None = None,
) -> tuple[set[dt.date], set[dt.date], set[int]]:
    """China's statutory holidays and make-up workdays.

    Returns (holidays, workdays, covered_years) for `years` (all bundled
    years when None). `holidays` holds only the statutory days off (ordinary
    weekends are not listed; they are off because they have no windows);
    `workdays` holds the make-up days (调休), usually weekend dates.
    `covered_years` is the subset of `years` the table covers; the caller
    warns about the rest.
    """
    from chinese_calendar import constants

    covered = set(cn_covered_years())
    wanted = covered if years is None else set(years) & covered
    holidays = {d for d in constants.holidays if d.year in wanted}
    workdays = {d for d in constants.workdays if d.year in wanted}
    return holidays, workdays, wanted
