"""Planned visits of one unit: due dates, windows, matching and statuses, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.rules.intervals import Interval, parse_interval
from sheetdesk.rules.policy import PlanRule, WarrantyRule
from sheetdesk.rules.schedule import Occurrence, VisitFact, covered_until, due_dates, nth_due, schedule_unit
from sheetdesk.rules.warranty import warranty_terms

D, T = dt.date, dt.datetime


def plan(kind: str = "inspection", every: str = "1m", first: str | None = None, during: str = "warranty",
         grace: int = 0) -> PlanRule:
    return PlanRule("*", kind, parse_interval(every), parse_interval(first or every), during, grace)  # type: ignore[arg-type]


def visits(*times: dt.datetime, absent: tuple[int, ...] = ()) -> list[VisitFact]:
    return [VisitFact(t, i, i not in absent) for i, t in enumerate(times)]


def summary(occurrences: list[Occurrence]) -> list[tuple[int, dt.date, str, int | None]]:
    return [(o.number, o.due, o.status, o.visit) for o in occurrences]


def test_twice_a_year_during_warranty_the_first_within_six_months() -> None:
    # Accepted 2025-03-01, 12 months free: free_until = 2025-03-01 + 12 months - 1 day = 2026-02-28.
    terms = warranty_terms(D(2025, 2, 20), D(2025, 3, 1), WarrantyRule())
    assert (terms.start, terms.free_until) == (D(2025, 3, 1), D(2026, 2, 28))
    rule = plan("return_visit", "6m", "6m", "warranty", grace=15)
    # 1st: opens on the start, due start + 6 months = 2025-09-01, on time until 09-01 + 15 = 09-16,
    #      a late visit counts until the next due date, 2026-03-01.
    # 2nd: opens the day after, 2025-09-02; start + 12 months = 2026-03-01 is past free_until, so it
    #      is due on free_until, 2026-02-28 (on time until 03-15). A 3rd would open on 2026-03-02,
    #      after the warranty: there is none. Twice in the warranty year, as the plan says.
    dates = due_dates(terms.start, rule, until=covered_until(terms, rule), horizon=D(2030, 1, 1))
    assert dates == [
        (D(2025, 3, 1), D(2025, 9, 1), D(2025, 9, 16), D(2026, 3, 1)),
        (D(2025, 9, 2), D(2026, 2, 28), D(2026, 3, 15), D(2026, 9, 1)),
    ]
    # One visit in August. As of 2026-02-01 the second is due (its window is open, no visit yet);
    # as of 2026-03-16 its grace is over: missing.
    seen = visits(T(2025, 8, 20, 10))
    on_feb = schedule_unit(terms.start, rule, seen, D(2026, 2, 1), until=terms.free_until, horizon=D(2030, 1, 1))
    assert summary(on_feb.occurrences) == [(1, D(2025, 9, 1), "done", 0), (2, D(2026, 2, 28), "due", None)]
    on_mar = schedule_unit(terms.start, rule, seen, D(2026, 3, 16), until=terms.free_until, horizon=D(2030, 1, 1))
    assert summary(on_mar.occurrences)[1] == (2, D(2026, 2, 28), "missing", None)


def test_monthly_inspection_across_the_31st_and_february_does_not_drift() -> None:
    rule = plan("inspection", "1m", "1m", "lifetime")
    # Counted from the start each time: Dec 31 + 1, 2, 3, 4 months = Jan 31, Feb 28, Mar 31, Apr 30
    # (not Mar 28 after a February clip).
    dues = [d for _, d, _, _ in due_dates(D(2024, 12, 31), rule, until=None, horizon=D(2025, 4, 30))]
    assert dues == [D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 31), D(2025, 4, 30), D(2025, 5, 31)]
    # 2024 is a leap year: Feb 29.
    leap = [d for _, d, _, _ in due_dates(D(2023, 12, 31), rule, until=None, horizon=D(2024, 3, 31))]
    assert leap == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]
    # Windows: each opens the day after the previous due date.
    opens = [o for o, _, _, _ in due_dates(D(2024, 12, 31), rule, until=None, horizon=D(2025, 3, 31))]
    assert opens == [D(2024, 12, 31), D(2025, 2, 1), D(2025, 3, 1), D(2025, 4, 1)]


def test_a_plan_during_warranty_stops_at_free_until() -> None:
    # Start 2025-01-15, 12 months free: free_until 2026-01-14. Every 3 months from the start:
    # 04-15, 07-15, 10-15, then 2026-01-15, past free_until: due on free_until, 2026-01-14.
    # The next would open on 2026-01-16 (after 2026-01-15), past the warranty: none, however late as-of is.
    terms = warranty_terms(D(2025, 1, 15), None, WarrantyRule())
    rule = plan("inspection", "3m", "3m", "warranty")
    unit = schedule_unit(terms.start, rule, [], D(2027, 6, 1), until=covered_until(terms, rule))
    assert [o.due for o in unit.occurrences] == [D(2025, 4, 15), D(2025, 7, 15), D(2025, 10, 15), D(2026, 1, 14)]
    assert {o.status for o in unit.occurrences} == {"missing"}
    # `paid` runs to paid_until: 12 free + 12 paid months = 2027-01-14, so 8 occurrences
    paid_terms = warranty_terms(D(2025, 1, 15), None, WarrantyRule(paid_months=12))
    paid = plan("inspection", "3m", "3m", "paid")
    unit = schedule_unit(paid_terms.start, paid, [], D(2027, 6, 1), until=covered_until(paid_terms, paid))
    assert [o.due for o in unit.occurrences][-2:] == [D(2026, 10, 15), D(2027, 1, 14)]
    assert len(unit.occurrences) == 8


def test_a_lifetime_plan_runs_to_as_of_and_lists_the_next_one() -> None:
    # Yearly from 2020-06-30: due 2021-06-30 ... 2026-06-30 by as-of 2026-11-16, then 2027-06-30,
    # whose window opened on 2026-07-01: due. The ones before, without visits, are missing.
    rule = plan("maintenance", "1y", "1y", "lifetime", grace=10)
    unit = schedule_unit(D(2020, 6, 30), rule, [], D(2026, 11, 16), until=None)
    assert [o.due.year for o in unit.occurrences] == [2021, 2022, 2023, 2024, 2025, 2026, 2027]
    assert [o.status for o in unit.occurrences] == ["missing"] * 6 + ["due"]
    # a horizon reaching past 2027-06-30 lists the one after it too (2028-06-30)
    assert len(schedule_unit(D(2020, 6, 30), rule, [], D(2026, 11, 16), until=None,
                             horizon=D(2027, 7, 24)).occurrences) == 8
    assert covered_until(warranty_terms(D(2020, 6, 30), None, WarrantyRule()), rule) is None


def test_a_late_visit_and_the_grace_window() -> None:
    # Due 2025-09-01 with 5 days' grace: on time until the end of 2025-09-06.
    rule = plan("return_visit", "6m", "6m", "lifetime", grace=5)
    start = D(2025, 3, 1)

    def first(at: dt.datetime) -> str:
        return schedule_unit(start, rule, visits(at), D(2025, 12, 1), until=None).occurrences[0].status

    assert first(T(2025, 9, 6, 23, 59, 59)) == "done"  # any time on the last day of grace
    assert first(T(2025, 9, 7, 0, 0)) == "late"
    assert first(T(2025, 11, 20, 9)) == "late"  # late, until the next due date (2026-03-01)
    # without a visit: due until 09-06, missing from 09-07
    assert schedule_unit(start, rule, [], D(2025, 9, 6), until=None).occurrences[0].status == "due"
    assert schedule_unit(start, rule, [], D(2025, 9, 7), until=None).occurrences[0].status == "missing"
    # a visit where the customer was absent does not count
    absent = schedule_unit(start, rule, visits(T(2025, 8, 1), absent=(0,)), D(2025, 12, 1), until=None)
    assert absent.occurrences[0].status == "missing" and absent.matched == {} and absent.extra == []


def test_visits_close_together_go_to_the_right_occurrence() -> None:
    # Monthly from 2024-12-31, 3 days' grace:
    #   1st opens 12-31, due 01-31, on time until 02-03, late until 02-28
    #   2nd opens 02-01, due 02-28, on time until 03-03, late until 03-31
    #   3rd opens 03-01, due 03-31, on time until 04-03, late until 04-30
    rule = plan("inspection", "1m", "1m", "lifetime", grace=3)
    start = D(2024, 12, 31)
    # Feb 2 is in the 1st's grace (it is still open): on time for January; Feb 20 is February's.
    unit = schedule_unit(start, rule, visits(T(2025, 2, 2), T(2025, 2, 20)), D(2025, 3, 10), until=None)
    assert summary(unit.occurrences) == [(1, D(2025, 1, 31), "done", 0), (2, D(2025, 2, 28), "done", 1),
                                         (3, D(2025, 3, 31), "due", None)]
    # Two in January's window: the earlier counts, the later is extra (it is before February's opens).
    unit = schedule_unit(start, rule, visits(T(2025, 1, 10), T(2025, 1, 20)), D(2025, 3, 10), until=None)
    assert summary(unit.occurrences)[:2] == [(1, D(2025, 1, 31), "done", 0), (2, D(2025, 2, 28), "missing", None)]
    assert unit.extra == [1]
    # February missed, caught up on Mar 5 (late for February, still open), March done on Mar 20.
    unit = schedule_unit(start, rule, visits(T(2025, 1, 30), T(2025, 3, 20), T(2025, 3, 5)), D(2025, 4, 1),
                         until=None)
    assert summary(unit.occurrences)[:3] == [(1, D(2025, 1, 31), "done", 0), (2, D(2025, 2, 28), "late", 2),
                                             (3, D(2025, 3, 31), "done", 1)]
    assert unit.matched[2].number == 2 and unit.extra == []


def test_one_missed_visit_does_not_make_the_following_ones_late() -> None:
    # Quarterly from 2025-03-30, 7 days' grace: due 06-30, 09-30, 12-30, 2026-03-30.
    # September's is missed; the visits of December 26 and March 23 are each a few days before their
    # own due date (far from September's): done, done. September stays missing.
    rule = plan("inspection", "3m", "3m", "lifetime", grace=7)
    seen = visits(T(2025, 6, 25), T(2025, 12, 26), T(2026, 3, 23))
    unit = schedule_unit(D(2025, 3, 30), rule, seen, D(2026, 4, 15), until=None)
    assert summary(unit.occurrences)[:4] == [(1, D(2025, 6, 30), "done", 0), (2, D(2025, 9, 30), "missing", None),
                                             (3, D(2025, 12, 30), "done", 1), (4, D(2026, 3, 30), "done", 2)]
    # A visit 20 days after September's due date is nearer to it than to December's: late for September.
    unit = schedule_unit(D(2025, 3, 30), rule, visits(T(2025, 10, 20)), D(2026, 1, 15), until=None)
    assert summary(unit.occurrences)[1:3] == [(2, D(2025, 9, 30), "late", 0), (3, D(2025, 12, 30), "missing", None)]


def test_visits_fulfil_occurrences_in_date_order() -> None:
    # Monthly from 2024-12-31, 3 days' grace; January missed, two visits in February.
    # Feb 20 is nearer February's due date (Feb 28) and is taken first; Feb 25 can only be January's,
    # late (its window runs to Feb 28). The two are then put in date order: January <- Feb 20 (late),
    # February <- Feb 25 (done): the same statuses.
    rule = plan("inspection", "1m", "1m", "lifetime", grace=3)
    unit = schedule_unit(D(2024, 12, 31), rule, visits(T(2025, 2, 20), T(2025, 2, 25)), D(2025, 3, 10), until=None)
    assert summary(unit.occurrences)[:2] == [(1, D(2025, 1, 31), "late", 0), (2, D(2025, 2, 28), "done", 1)]


def test_a_unit_out_of_service_has_no_occurrence_after_that_day() -> None:
    rule = plan("inspection", "1m", "1m", "lifetime")
    unit = schedule_unit(D(2025, 1, 10), rule, [], D(2025, 12, 1), until=None, ended=D(2025, 4, 20))
    assert [o.due for o in unit.occurrences] == [D(2025, 2, 10), D(2025, 3, 10), D(2025, 4, 10)]


def test_first_within_in_days_then_months_keeps_the_first_due_day() -> None:
    # 30 days after 2025-01-15 is 02-14; then monthly from there: 03-14, 04-14.
    rule = plan("phone_visit", "1m", "30d", "lifetime")
    assert [nth_due(D(2025, 1, 15), rule, n) for n in range(3)] == [D(2025, 2, 14), D(2025, 3, 14), D(2025, 4, 14)]


@pytest.mark.parametrize(("text", "interval"), [
    ("1m", Interval(1)), ("3m", Interval(3)), ("6m", Interval(6)), ("1y", Interval(12)), ("90", Interval(0, 90)),
    ("90d", Interval(0, 90)), (30, Interval(0, 30)), ("半年", Interval(6)), ("六个月", Interval(6)),
    ("每季度", Interval(3)), ("两年", Interval(24)), ("1y 6m", Interval(18)), ("2w", Interval(0, 14)),
    ("every 3 months", Interval(3)), ("3个月", Interval(3)), ("１Ｍ", Interval(1)),
])  # fmt: skip
def test_intervals_as_clerks_write_them(text: object, interval: Interval) -> None:
    assert parse_interval(text) == interval


@pytest.mark.parametrize("text", ["1.5m", "abc", "-1", "1h", "4小时", 1e9, True])
def test_what_is_not_an_interval(text: object) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


@given(start=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
       months=st.integers(1, 24), first=st.integers(0, 24), n=st.integers(0, 60))
def test_due_dates_never_drift_and_never_go_back(start: dt.date, months: int, first: int, n: int) -> None:
    rule = PlanRule("*", "inspection", Interval(months), Interval(first), "lifetime", 0)
    due, following = nth_due(start, rule, n), nth_due(start, rule, n + 1)
    assert start <= due < following
    # counted from the start: the n-th lands in month (start month + first + n * months), on the start's day or
    # its month's last day
    index = start.year * 12 + start.month - 1 + first + n * months
    assert (due.year, due.month) == divmod(index, 12)[0:1] + (divmod(index, 12)[1] + 1,)
    assert due.day == start.day or due.day < start.day and (due + dt.timedelta(days=1)).day == 1
