"""The SLA clock over arrays (`timeline`, `sla_columns`) must give what the clock one instant at a
time gives (`ServiceCalendar.add` / `elapsed_us`, `sla_result`): hand-worked cases on holidays,
make-up days and night windows, random calendars, and whole repair logs with every kind of result.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sheetdesk.io.policy_source import default_policy
from sheetdesk.rules.calendar import BeyondCalendar, ServiceCalendar, cn_holidays
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.policy import SlaRule
from sheetdesk.rules.sla import sla_result
from sheetdesk.rules.sla_columns import SlaCase, sla_results
from sheetdesk.rules.timeline import Timeline, from_instants, to_instants

T = dt.datetime
HOLIDAYS = {dt.date(2025, 1, 1), dt.date(2025, 5, 1), dt.date(2025, 5, 2), dt.date(2025, 10, 1)}
WORKDAYS = {dt.date(2025, 4, 27), dt.date(2025, 9, 28)}  # make-up Sundays
FIVE_BY_EIGHT = ServiceCalendar({d: [(540, 1020)] for d in range(5)}, HOLIDAYS, WORKDAYS)
SATURDAY_HALF = ServiceCalendar({d: [(540, 1020)] for d in range(5)} | {5: [(540, 720)]}, HOLIDAYS, WORKDAYS)
NIGHTS = ServiceCalendar({d: [(1320, 360)] for d in range(5)} | {5: [(600, 1440)]}, HOLIDAYS, WORKDAYS)
# Saturday night runs into Sunday 10:00; a make-up Sunday's 09:00 window then starts at 10:00.
NIGHT_INTO_MAKEUP = ServiceCalendar({d: [(540, 1020)] for d in range(5)} | {5: [(1200, 600)]}, HOLIDAYS, WORKDAYS)
SPLIT = ServiceCalendar({d: [(510, 720), (780, 1050)] for d in range(6)}, HOLIDAYS, WORKDAYS)
_off, _on, _covered = cn_holidays()
CN = ServiceCalendar({d: [(540, 720), (780, 1020)] for d in range(5)}, _off, _on, covered_years=_covered)
CALENDARS = [FIVE_BY_EIGHT, SATURDAY_HALF, NIGHTS, NIGHT_INTO_MAKEUP, SPLIT, CN]


def line(cal: ServiceCalendar) -> Timeline:
    return Timeline(cal, dt.date(2024, 10, 1).toordinal(), dt.date(2026, 6, 30).toordinal())


def add_one(cal: ServiceCalendar, start: T, d: Duration) -> T | None:
    due, ok = line(cal).add(to_instants([start]), d)
    return from_instants(due)[0] if ok[0] else None


@pytest.mark.parametrize(
    ("cal", "start", "duration", "due"),
    [
        # 5x8: Friday 16:00 + 2h = Monday 10:00; a window's end stays the due time.
        (FIVE_BY_EIGHT, T(2025, 3, 7, 16), Duration(seconds=7200), T(2025, 3, 10, 10)),
        (FIVE_BY_EIGHT, T(2025, 3, 10, 13), Duration(seconds=4 * 3600), T(2025, 3, 10, 17)),
        # Started outside hours: the clock starts with the next window.
        (FIVE_BY_EIGHT, T(2025, 3, 8, 10), Duration(seconds=3600), T(2025, 3, 10, 10)),
        # Holiday: Wednesday 2025-04-30 16:00 + 4h skips May 1-2 (holidays) and the weekend.
        (FIVE_BY_EIGHT, T(2025, 4, 30, 16), Duration(seconds=4 * 3600), T(2025, 5, 5, 12)),
        # Make-up Sunday 2025-04-27 works 09:00-17:00: Saturday 10:00 + 1h = Sunday 10:00.
        (FIVE_BY_EIGHT, T(2025, 4, 26, 10), Duration(seconds=3600), T(2025, 4, 27, 10)),
        # Days: Saturday 10:00 + 1d = Tuesday 09:00; Monday 16:00 + 1d 2h = Wednesday 10:00.
        (FIVE_BY_EIGHT, T(2025, 3, 8, 10), Duration(days=1), T(2025, 3, 11, 9)),
        (FIVE_BY_EIGHT, T(2025, 3, 10, 16), Duration(days=1, seconds=7200), T(2025, 3, 12, 10)),
        # A make-up Saturday works the weekday schedule, not the half day: 2025-09-27 is no make-up
        # day, 2025-09-28 (Sunday) is; Saturday 11:00 + 2h = Saturday 12:00 + Sunday 09:00-10:00.
        (SATURDAY_HALF, T(2025, 9, 27, 11), Duration(seconds=7200), T(2025, 9, 28, 10)),
        # Night windows (Mon-Fri 22:00-06:00): Monday 23:00 + 8h = Wednesday 00:00... 23:00-06:00 is 7h,
        # then Tuesday 22:00 + 1h = 23:00.
        (NIGHTS, T(2025, 3, 3, 23), Duration(seconds=8 * 3600), T(2025, 3, 4, 23)),
        # A day of a night window: Tuesday 02:00 belongs to Monday's window; + 1d = Wednesday 02:00.
        (NIGHTS, T(2025, 3, 4, 2), Duration(days=1), T(2025, 3, 5, 2)),
        # Saturday night into a make-up Sunday (2025-04-27): its 09:00 window starts at 10:00.
        (NIGHT_INTO_MAKEUP, T(2025, 4, 27, 9, 30), Duration(seconds=3600), T(2025, 4, 27, 10, 30)),
        # Zero: the start itself inside a window, else the next window's start.
        (FIVE_BY_EIGHT, T(2025, 3, 10, 11), Duration(), T(2025, 3, 10, 11)),
        (FIVE_BY_EIGHT, T(2025, 3, 10, 17), Duration(), T(2025, 3, 11, 9)),
    ],
)
def test_hand_worked_due_times(cal: ServiceCalendar, start: T, duration: Duration, due: T) -> None:
    assert cal.add(start, duration) == due  # the definition
    assert add_one(cal, start, duration) == due


starts = st.datetimes(min_value=T(2024, 12, 1), max_value=T(2025, 12, 31)).map(lambda t: t.replace(microsecond=0))
durations = st.builds(
    Duration, seconds=st.integers(min_value=0, max_value=200 * 3600), days=st.integers(min_value=0, max_value=30)
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), st.lists(starts, min_size=1, max_size=20), durations)
def test_add_over_arrays_is_the_clock(cal: ServiceCalendar, many: list[T], d: Duration) -> None:
    due, ok = line(cal).add(to_instants(many), d)
    assert ok.all()
    assert from_instants(due) == [cal.add(s, d) for s in many]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CALENDARS), st.lists(st.tuples(starts, starts), min_size=1, max_size=20))
def test_elapsed_over_arrays_is_the_clock(cal: ServiceCalendar, pairs: list[tuple[T, T]]) -> None:
    us, ok = line(cal).elapsed(to_instants([a for a, _ in pairs]), to_instants([b for _, b in pairs]))
    assert ok.all()
    assert us.tolist() == [cal.elapsed_us(a, b) for a, b in pairs]


def test_instants_outside_the_laid_out_dates_are_refused_not_guessed() -> None:
    tl = line(FIVE_BY_EIGHT)
    due, ok = tl.add(to_instants([T(2024, 9, 1, 10), T(2026, 6, 29, 16), T(2025, 3, 3, 10)]), Duration(days=5))
    assert ok.tolist() == [False, False, True]  # before the first date; the due beyond the last one
    assert from_instants(due[2:]) == [T(2025, 3, 10, 10)]
    _, ok = tl.elapsed(to_instants([T(2025, 3, 3)]), to_instants([T(2027, 1, 1)]))
    assert ok.tolist() == [False]


# -- whole logs: sla_results against sla_result --------------------------------------------------

POLICY = default_policy()
RULES = [*POLICY.sla, None]
CALENDAR_RULES = [
    SlaRule("repair", "*", {"response": Duration(seconds=3600), "resolve": Duration(days=2, seconds=3600)},
            calendar="business", loaner_after=Duration(days=1)),
    SlaRule("repair", "*", {"response": Duration(), "on_site": Duration(seconds=1800)}, calendar="24x7",
            loaner_after=Duration(seconds=4 * 3600)),
]  # fmt: skip
moments = st.one_of(st.none(), starts)


@st.composite
def cases(draw: st.DrawFn) -> SlaCase:
    reported = draw(starts)
    events = {e: draw(moments) for e in ("responded_at", "plan_at", "on_site_at", "resolved_at")}
    return SlaCase(draw(st.sampled_from(RULES + CALENDAR_RULES)), reported, events,
                   draw(st.sampled_from([None, "yes", "no"])))  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(cases(), min_size=1, max_size=30), starts)
def test_a_log_at_once_is_each_repair_on_its_own(log: list[SlaCase], as_of: T) -> None:
    expected = []
    for case in log:
        calendar = POLICY.calendar(case.rule.calendar if case.rule else "24x7")
        expected.append(sla_result(case.rule, calendar, case.reported, case.events, as_of, case.loaner))
    assert sla_results(POLICY, log, as_of) == expected


def test_every_status_and_the_years_the_holiday_table_does_not_cover() -> None:
    # Level III on business hours (China's holidays): response 4h, on-site 1d, resolve 3d.
    level_iii = POLICY.sla_for("repair", "III")
    assert level_iii is not None and level_iii.calendar == "business"
    as_of = T(2025, 10, 10, 12)
    log = [
        SlaCase(level_iii, T(2025, 9, 30, 10), {"responded_at": T(2025, 9, 30, 11)}),  # met, on site overdue
        SlaCase(level_iii, T(2025, 9, 30, 16), {"responded_at": T(2025, 10, 9, 14)}),  # breached over the holiday
        SlaCase(level_iii, T(2025, 10, 10, 9), {}),  # pending
        SlaCase(level_iii, T(2027, 3, 1, 9), {}),  # a year the table does not cover
        SlaCase(None, T(2025, 10, 1), {}),
    ]
    found = sla_results(POLICY, log, as_of)
    calendar = POLICY.calendar("business")
    assert found == [sla_result(c.rule, calendar, c.reported, c.events, as_of, c.loaner) for c in log]
    assert [r.targets["response"].status for r in found] == ["met", "breached", "pending", "pending", "n/a"]
    # Sep 30 16:00-17:00, then National Day (Oct 1-8): due Oct 9 12:00; responded 14:00.
    assert found[1].targets["response"].due == T(2025, 10, 9, 12)
    assert found[1].targets["response"].over_minutes == 120
    assert found[0].targets["on_site"].status == "overdue"
    assert found[3].uncovered_years == (2027,)


def test_a_due_time_after_9999_is_left_to_the_clock_one_at_a_time() -> None:
    rule = SlaRule("repair", "*", {"resolve": Duration(days=365)}, calendar="24x7")
    case = SlaCase(rule, T(9999, 6, 1), {})
    with pytest.raises(BeyondCalendar):
        ServiceCalendar.always().add(case.reported, Duration(days=365))
    (found,) = sla_results(POLICY, [case], T(9999, 7, 1))
    assert found.targets["resolve"].beyond and found.findings


@settings(max_examples=50, deadline=None)
@given(st.lists(cases(), min_size=1, max_size=30), starts)
def test_an_ordinary_log_is_answered_over_arrays(log: list[SlaCase], as_of: T) -> None:
    # Only repairs without a row go one at a time; every other is answered by the arrays.
    import sheetdesk.rules.sla_columns as columns

    def one_at_a_time(rule: SlaRule | None, *args: object) -> object:
        assert rule is None, "answered one at a time"
        return sla_result(rule, *args)  # type: ignore[arg-type]

    real = columns.sla_result
    columns.sla_result = one_at_a_time  # type: ignore[assignment]
    try:
        assert len(sla_results(POLICY, log, as_of)) == len(log)
    finally:
        columns.sla_result = real
