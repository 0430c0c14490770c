import datetime as dt

import pytest

from sheetdesk.rules.calendar import ServiceCalendar, check_windows, cn_covered_years, cn_holidays, cn_uncovered_years
from sheetdesk.rules.durations import Duration

D = dt.datetime
H = 3600


def hours(n: float) -> Duration:
    return Duration(seconds=round(n * H))


def five_by_eight(**kw: object) -> ServiceCalendar:
    return ServiceCalendar({d: [(540, 1020)] for d in range(5)}, **kw)  # type: ignore[arg-type]


# 2025-01-06 is a Monday.
MON = dt.date(2025, 1, 6)


def at(day: int, hh: int, mm: int = 0) -> D:
    """Day offset from Monday 2025-01-06, at hh:mm."""
    return D.combine(MON + dt.timedelta(days=day), dt.time(hh, mm))


@pytest.mark.parametrize(
    ("start", "duration", "due"),
    [
        (at(0, 10), hours(1), at(0, 11)),  # inside hours
        (at(0, 8), hours(1), at(0, 10)),  # before hours: clock starts 09:00
        (at(0, 18), hours(1), at(1, 10)),  # after hours: next morning
        (at(0, 13), hours(4), at(0, 17)),  # lands on closing time: stays at 17:00
        (at(0, 16), hours(1), at(0, 17)),
        (at(0, 16), hours(2), at(1, 10)),
        (at(4, 16), hours(2), at(7, 10)),  # Friday -> Monday
        (at(5, 10), hours(1), at(7, 10)),  # Saturday start
        (at(0, 9), hours(72), at(10, 17)),  # 9 working days
        (at(0, 9), hours(400), at(67, 17)),  # 50 working days = 10 weeks
        (at(0, 10, 30), Duration(seconds=90), D(2025, 1, 6, 10, 31, 30)),
    ],
)
def test_business_add(start: D, duration: Duration, due: D) -> None:
    cal = five_by_eight()
    assert cal.add(start, duration) == due
    assert cal.elapsed(start, due) == duration.seconds


def test_zero_duration_snaps_to_working_time() -> None:
    cal = five_by_eight()
    assert cal.add(at(0, 10), Duration()) == at(0, 10)
    assert cal.add(at(0, 17), Duration()) == at(1, 9)


def test_holiday_and_makeup_sunday() -> None:
    cal = five_by_eight(holidays={MON + dt.timedelta(days=1)}, workdays={MON + dt.timedelta(days=6)})
    assert cal.add(at(0, 16), hours(2)) == at(2, 10)  # Tuesday is a holiday
    assert cal.add(at(1, 10), hours(1)) == at(2, 10)  # start on the holiday
    assert cal.add(at(4, 16), hours(2)) == at(6, 10)  # make-up Sunday works 09-17
    assert cal.add(at(6, 8), hours(1)) == at(6, 10)  # start on the make-up Sunday
    assert cal.elapsed(at(4, 9), at(7, 9)) == 16 * H  # Fri + Sunday
    assert cal.is_working_day(MON + dt.timedelta(days=6))
    assert not cal.is_working_day(MON + dt.timedelta(days=1))


def test_holiday_and_workday_on_same_date_refused() -> None:
    with pytest.raises(ValueError, match="both"):
        five_by_eight(holidays={MON}, workdays={MON})


def test_lunch_break() -> None:
    cal = ServiceCalendar({d: [(540, 720), (780, 1020)] for d in range(5)})
    assert cal.add(at(0, 11), hours(1)) == at(0, 12)  # stays at the window end
    assert cal.add(at(0, 11), hours(2)) == at(0, 14)
    assert cal.add(at(0, 12, 30), hours(1)) == at(0, 14)  # starts after lunch
    assert cal.add(at(0, 16), hours(8)) == at(1, 17)  # 7h a day
    assert cal.elapsed(at(0, 11), at(0, 14)) == 2 * H


def test_makeup_day_uses_standard_workday_windows() -> None:
    # Monday has a lunch break, Friday is short; a make-up Saturday works like Monday.
    windows = {0: [(540, 720), (780, 1020)], 4: [(540, 720)]}
    sat = MON + dt.timedelta(days=5)
    cal = ServiceCalendar(windows, workdays={sat})
    assert [(a.time(), b.time()) for a, b in cal.windows_on(sat)] == [
        (dt.time(9), dt.time(12)),
        (dt.time(13), dt.time(17)),
    ]


def test_makeup_day_works_the_regular_schedule_over_a_saturday_half_day() -> None:
    # Mon-Fri 09:00-17:00, Saturday 09:00-12:00; a make-up Saturday is a normal working day.
    windows = {**{d: [(540, 1020)] for d in range(5)}, 5: [(540, 720)]}
    sat, next_sat = MON + dt.timedelta(days=5), MON + dt.timedelta(days=12)
    cal = ServiceCalendar(windows, workdays={sat})
    assert [(a.time(), b.time()) for a, b in cal.windows_on(sat)] == [(dt.time(9), dt.time(17))]
    assert [(a.time(), b.time()) for a, b in cal.windows_on(next_sat)] == [(dt.time(9), dt.time(12))]
    assert cal.add(at(5, 11), hours(4)) == at(5, 15)  # not 11:00 + 1h, then Monday 12:00
    assert cal.elapsed(at(5, 9), at(5, 17)) == 8 * H


def test_makeup_weekday_keeps_its_own_windows() -> None:
    # A make-up date on a weekday that works is already a regular working day.
    windows = {0: [(540, 1020)], 4: [(540, 720)]}
    cal = ServiceCalendar(windows, workdays={MON + dt.timedelta(days=4)})
    assert [(a.time(), b.time()) for a, b in cal.windows_on(MON + dt.timedelta(days=4))] == [(dt.time(9), dt.time(12))]


def test_night_shift_crossing_midnight() -> None:
    # Mon-Fri nights 22:00-06:00; each window belongs to the day it starts.
    cal = ServiceCalendar({d: [(1320, 360)] for d in range(5)})
    assert cal.add(at(1, 5), hours(2)) == at(1, 23)  # 1h until 06:00, then Tue 22:00
    assert cal.add(at(5, 5), hours(2)) == at(7, 23)  # Friday's night ends Sat 06:00
    assert cal.add(at(0, 12), hours(8)) == at(1, 6)  # ends exactly at 06:00
    assert cal.is_working_time(at(1, 2))  # Tue 02:00 is in Monday's night
    assert not cal.is_working_time(at(0, 2))  # Sunday had no night window
    # A holiday on Friday: Friday's night does not open, Thursday's does.
    hol = ServiceCalendar({d: [(1320, 360)] for d in range(5)}, holidays={MON + dt.timedelta(days=4)})
    assert hol.add(at(4, 5), hours(2)) == at(7, 23)


def test_window_until_midnight_and_whole_days() -> None:
    cal = ServiceCalendar({d: [(0, 1440)] for d in range(7)})
    assert cal.add(at(0, 23), hours(2)) == at(1, 1)
    assert cal.elapsed(at(0, 0), at(7, 0)) == 7 * 24 * H
    evening = ServiceCalendar({0: [(1080, 1440)]})
    assert evening.add(at(0, 23), hours(1)) == at(1, 0)  # 24:00 end stays at midnight
    assert evening.add(at(0, 23), hours(2)) == at(7, 19)


def test_days_on_business_calendar() -> None:
    cal = five_by_eight()
    assert cal.add(at(0, 10), Duration(days=1)) == at(1, 10)
    assert cal.add(at(4, 10), Duration(days=1)) == at(7, 10)  # Fri -> Mon
    assert cal.add(at(0, 10), Duration(days=3)) == at(3, 10)
    assert cal.add(at(0, 10), Duration(days=7)) == at(9, 10)
    assert cal.add(at(5, 10), Duration(days=1)) == at(8, 9)  # Sat -> snaps Mon 09:00 -> Tue 09:00
    assert cal.add(at(0, 18), Duration(days=1)) == at(2, 9)  # after hours -> Tue 09:00 -> Wed 09:00
    assert cal.add(at(0, 17), Duration(days=1)) == at(2, 9)  # closing time counts as after hours
    assert cal.add(at(0, 16), Duration(days=1, seconds=2 * H)) == at(2, 10)  # days first, then hours
    assert cal.add(at(0, 9), Duration(days=30)) == at(42, 9)


def test_days_clip_into_a_shorter_target_day() -> None:
    cal = ServiceCalendar({0: [(540, 1020)], 1: [(540, 1020)], 2: [(540, 1020)], 3: [(540, 1020)], 4: [(540, 720)]})
    assert cal.add(at(3, 15), Duration(days=1)) == at(4, 12)  # Friday closes at 12:00
    assert cal.add(at(3, 10), Duration(days=1)) == at(4, 10)
    late_start = ServiceCalendar({0: [(540, 1020)], 1: [(780, 1020)]})
    assert late_start.add(at(0, 10), Duration(days=1)) == at(1, 13)  # before Tuesday opens


def test_days_skip_holidays_and_use_makeup_days() -> None:
    cal = five_by_eight(holidays={MON + dt.timedelta(days=1)}, workdays={MON + dt.timedelta(days=5)})
    assert cal.add(at(0, 10), Duration(days=1)) == at(2, 10)
    assert cal.add(at(4, 10), Duration(days=1)) == at(5, 10)  # make-up Saturday


def test_24x7() -> None:
    cal = ServiceCalendar.always()
    assert cal.add(at(0, 10), Duration(days=3)) == at(3, 10)
    assert cal.add(at(5, 10), Duration(days=1)) == at(6, 10)
    assert cal.add(at(0, 23), hours(1.5)) == at(1, 0, 30)
    assert cal.elapsed(at(0, 10), at(1, 10)) == 24 * H
    assert cal.elapsed(at(1, 10), at(0, 10)) == -24 * H
    assert cal.is_working_time(at(5, 3))


def test_elapsed_signed_and_across_weekends() -> None:
    cal = five_by_eight()
    assert cal.elapsed(at(0, 16), at(1, 10)) == 2 * H
    assert cal.elapsed(at(1, 10), at(0, 16)) == -2 * H
    assert cal.elapsed(at(4, 16), at(7, 10)) == 2 * H
    assert cal.elapsed(at(5, 10), at(6, 10)) == 0
    assert cal.elapsed(at(0, 9), at(28, 9)) == 4 * 40 * H
    assert cal.elapsed(at(0, 12), at(0, 12)) == 0


def test_long_durations_cost_about_the_same_as_short_ones() -> None:
    cal = five_by_eight()
    calls = 0
    day = cal._day

    def counting(ordinal: int) -> tuple[tuple[int, int], ...]:
        nonlocal calls
        calls += 1
        return day(ordinal)

    cal._day = counting  # type: ignore[method-assign]
    cal.add(at(0, 10), hours(1))
    short = calls
    calls = 0
    cal.add(at(0, 10), hours(400))
    cal.add(at(0, 10), Duration(days=200))
    cal.elapsed(at(0, 10), at(700, 10))
    assert short <= 2
    assert calls <= 40


def test_overlapping_windows_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        ServiceCalendar({0: [(540, 720), (700, 1020)]})
    with pytest.raises(ValueError, match="overlapping"):
        ServiceCalendar({6: [(1320, 360)], 0: [(300, 600)]})  # Sunday night into Monday
    assert check_windows({0: [(540, 720), (720, 1020)]}) == []  # touching is fine
    with pytest.raises(ValueError, match="end equals start"):
        ServiceCalendar({0: [(540, 540)]})
    with pytest.raises(ValueError, match="at least one"):
        ServiceCalendar({})


def test_cn_holidays_2025_2026() -> None:
    off, on, covered = cn_holidays({2025, 2026, 2027})
    for day in range(1, 9):
        assert dt.date(2025, 10, day) in off
    assert dt.date(2025, 9, 28) in on and dt.date(2025, 9, 28).weekday() == 6
    assert dt.date(2025, 10, 11) in on
    assert dt.date(2026, 10, 1) in off
    assert dt.date(2025, 10, 12) not in off  # ordinary weekends are not listed
    assert covered == {2025, 2026}
    assert 2027 not in cn_covered_years()
    assert cn_uncovered_years({2003, 2004, 2026, 2027}) == {2003, 2027}
    assert all(d.year in (2025, 2026) for d in off | on)


def test_cn_business_calendar() -> None:
    off, on, covered = cn_holidays()
    cal = five_by_eight(holidays=off, workdays=on, covered_years=covered)
    assert cal.add(D(2025, 9, 30, 16), hours(4)) == D(2025, 10, 9, 12)
    assert cal.add(D(2025, 9, 26, 16), hours(2)) == D(2025, 9, 28, 10)  # make-up Sunday
    assert cal.add(D(2025, 10, 10, 16), hours(2)) == D(2025, 10, 11, 10)  # make-up Saturday
    assert cal.add(D(2025, 9, 30, 10), Duration(days=1)) == D(2025, 10, 9, 10)
    # 2026 Spring Festival: Feb 15-23 off, Saturdays Feb 14 and Feb 28 are make-up days.
    assert cal.add(D(2026, 2, 13, 16), hours(2)) == D(2026, 2, 14, 10)
    assert cal.add(D(2026, 2, 14, 16), hours(2)) == D(2026, 2, 24, 10)
    assert cal.add(D(2026, 2, 13, 10), Duration(days=3)) == D(2026, 2, 25, 10)
    assert cal.elapsed(D(2026, 2, 13, 9), D(2026, 3, 2, 9)) == 7 * 8 * H
    assert cal.uncovered_years(D(2026, 12, 30), D(2027, 1, 4)) == {2027}
    assert cal.uncovered_years(D(2025, 1, 1)) == set()
    assert five_by_eight().uncovered_years(D(2030, 1, 1)) == set()  # no holiday table, no claim
