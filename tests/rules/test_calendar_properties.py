"""Property tests: the clock measured back gives the duration; due >= start; monotonic."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sheetdesk.rules.calendar import ServiceCalendar, cn_holidays
from sheetdesk.rules.durations import Duration

HOLIDAYS = {dt.date(2025, 1, 1), dt.date(2025, 5, 1), dt.date(2025, 5, 2), dt.date(2025, 10, 1)}
WORKDAYS = {dt.date(2025, 4, 27), dt.date(2025, 9, 28)}

CALENDARS = [
    ServiceCalendar.always(),
    ServiceCalendar({d: [(540, 1020)] for d in range(5)}, HOLIDAYS, WORKDAYS),
    ServiceCalendar({d: [(510, 720), (780, 1050)] for d in range(6)}, HOLIDAYS, WORKDAYS),
    ServiceCalendar({d: [(1320, 360)] for d in range(5)} | {5: [(600, 1440)]}, HOLIDAYS, WORKDAYS),
    # Saturday night runs into Sunday 10:00; a make-up Sunday's 09:00 window starts at 10:00.
    ServiceCalendar({d: [(540, 1020)] for d in range(5)} | {5: [(1200, 600)]}, HOLIDAYS, WORKDAYS),
]
_off, _on, _covered = cn_holidays()
CN = ServiceCalendar({d: [(540, 720), (780, 1020)] for d in range(5)}, _off, _on, covered_years=_covered)

calendars = st.sampled_from(CALENDARS)
starts = st.datetimes(min_value=dt.datetime(2024, 12, 1), max_value=dt.datetime(2025, 12, 31))
minute_starts = starts.map(lambda t: t.replace(second=0, microsecond=0))
seconds = st.integers(min_value=0, max_value=400 * 3600)
days = st.integers(min_value=0, max_value=40)


@given(calendars, starts, seconds)
def test_elapsed_gives_the_duration_back(cal: ServiceCalendar, start: dt.datetime, secs: int) -> None:
    due = cal.add(start, Duration(seconds=secs))
    assert due >= start
    assert cal.elapsed(start, due) == secs
    assert cal.elapsed(due, start) == -secs


@given(calendars, starts, seconds, seconds)
def test_add_is_monotonic_in_duration(cal: ServiceCalendar, start: dt.datetime, a: int, b: int) -> None:
    a, b = sorted((a, b))
    assert cal.add(start, Duration(seconds=a)) <= cal.add(start, Duration(seconds=b))


@given(calendars, starts, starts, seconds, days)
def test_add_is_monotonic_in_start(cal: ServiceCalendar, s1: dt.datetime, s2: dt.datetime, secs: int, n: int) -> None:
    s1, s2 = sorted((s1, s2))
    for d in (Duration(seconds=secs), Duration(days=n), Duration(seconds=secs, days=n)):
        assert cal.add(s1, d) <= cal.add(s2, d)
        assert cal.add(s1, d) >= s1


@given(calendars, starts, days, days)
def test_days_are_monotonic(cal: ServiceCalendar, start: dt.datetime, a: int, b: int) -> None:
    a, b = sorted((a, b))
    assert start <= cal.add(start, Duration(days=a)) <= cal.add(start, Duration(days=b))


@given(calendars, starts, seconds, st.integers(min_value=1, max_value=100 * 3600))
def test_add_is_additive(cal: ServiceCalendar, start: dt.datetime, a: int, b: int) -> None:
    mid = cal.add(start, Duration(seconds=a))
    assert cal.add(mid, Duration(seconds=b)) == cal.add(start, Duration(seconds=a + b))


@given(calendars, starts, starts, starts)
def test_elapsed_is_additive(cal: ServiceCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime) -> None:
    assert cal.elapsed_us(a, b) + cal.elapsed_us(b, c) == cal.elapsed_us(a, c)


@settings(max_examples=40, deadline=None)
@given(calendars, minute_starts, st.integers(min_value=0, max_value=3 * 24 * 60))
def test_elapsed_matches_minute_by_minute_count(cal: ServiceCalendar, start: dt.datetime, minutes: int) -> None:
    end = start + dt.timedelta(minutes=minutes)
    brute = sum(1 for m in range(minutes) if cal.is_working_time(start + dt.timedelta(minutes=m)))
    assert cal.elapsed(start, end) == brute * 60


@given(calendars, starts, days)
def test_days_land_on_working_time_of_a_working_day(cal: ServiceCalendar, start: dt.datetime, n: int) -> None:
    due = cal.add(start, Duration(days=n))
    if n and not cal.is_24x7:
        # inside a window, or exactly at the end of one (clipped to the day's close)
        assert cal.is_working_time(due) or cal.is_working_time(due - dt.timedelta(microseconds=1))


@given(starts, days)
def test_days_on_five_by_eight_are_eight_working_hours(start: dt.datetime, n: int) -> None:
    cal = CALENDARS[1]
    if cal.is_working_time(start):
        assert cal.elapsed(start, cal.add(start, Duration(days=n))) == n * 8 * 3600


long_starts = st.datetimes(min_value=dt.datetime(2004, 1, 1), max_value=dt.datetime(2026, 12, 31))


@given(st.sampled_from([*CALENDARS[1:], CN]), long_starts, long_starts)
def test_long_spans_use_whole_days_exactly(cal: ServiceCalendar, a: dt.datetime, b: dt.datetime) -> None:
    a, b = sorted((a, b))
    ua = a.toordinal() * 86400_000_000 + (a.hour * 3600 + a.minute * 60 + a.second) * 1_000_000 + a.microsecond
    ub = b.toordinal() * 86400_000_000 + (b.hour * 3600 + b.minute * 60 + b.second) * 1_000_000 + b.microsecond
    assert cal.elapsed_us(a, b) == cal._walk(ua, ub)


@given(long_starts, st.integers(min_value=0, max_value=2000 * 3600))
def test_cn_calendar_round_trip(start: dt.datetime, secs: int) -> None:
    due = CN.add(start, Duration(seconds=secs))
    assert CN.elapsed(start, due) == secs


def test_makeup_sunday_after_saturday_night() -> None:
    cal = CALENDARS[-1]
    sunday = dt.date(2025, 4, 27)
    assert [(a.time(), b.time()) for a, b in cal.windows_on(sunday)] == [(dt.time(10), dt.time(17))]
    assert cal.elapsed(dt.datetime(2025, 4, 26, 20), dt.datetime(2025, 4, 27, 17)) == 21 * 3600
