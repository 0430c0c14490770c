import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.rules.policy import WarrantyRule
from sheetdesk.rules.warranty import (
    RepairFacts,
    add_months,
    assess_repairs,
    repair_assessment,
    warranty_status,
    warranty_terms,
)

d = dt.date
RULE = WarrantyRule()  # 7 | 15 | 12 | lifetime | acceptance | 2
PAID6 = WarrantyRule(paid_months=6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (d(2024, 1, 31), 1, d(2024, 2, 29)),  # leap year
        (d(2025, 1, 31), 1, d(2025, 2, 28)),
        (d(2024, 2, 29), 12, d(2025, 2, 28)),
        (d(2024, 3, 31), -1, d(2024, 2, 29)),
        (d(2024, 12, 15), 1, d(2025, 1, 15)),
        (d(2024, 8, 31), 1, d(2024, 9, 30)),
        (d(2024, 5, 10), 0, d(2024, 5, 10)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@given(st.dates(min_value=d(1900, 1, 1), max_value=d(2200, 1, 1)), st.integers(0, 600))
def test_add_months_clips_to_month_end(day: dt.date, months: int) -> None:
    out = add_months(day, months)
    assert (out.year * 12 + out.month) - (day.year * 12 + day.month) == months
    assert out.day == min(day.day, calendar.monthrange(out.year, out.month)[1])
    assert out >= day
    if day.day <= 28:
        assert add_months(out, -months) == day


def test_terms_start_from_acceptance_or_sale() -> None:
    t = warranty_terms(d(2025, 3, 10), d(2025, 3, 20), RULE)
    assert (t.start, t.free_until, t.paid_until) == (d(2025, 3, 20), d(2026, 3, 19), None)
    t = warranty_terms(d(2025, 3, 10), None, RULE)
    assert t.start == d(2025, 3, 10) and t.free_until == d(2026, 3, 9)
    t = warranty_terms(d(2025, 3, 10), d(2025, 3, 20), WarrantyRule(start_from="sale"))
    assert t.start == d(2025, 3, 10)
    t = warranty_terms(d(2024, 1, 31), None, WarrantyRule(free_months=1, paid_months=1))
    assert t.free_until == d(2024, 2, 28)  # Jan 31 + 1 month = Feb 29, minus one day
    assert t.paid_until == d(2024, 3, 30)  # Jan 31 + 2 months = Mar 31, minus one day
    t = warranty_terms(d(2025, 3, 10), None, WarrantyRule(free_months=0))
    assert t.free_until == d(2025, 3, 9)  # no free period


@pytest.mark.parametrize(
    ("start", "free", "paid", "free_until", "paid_until"),
    [
        # The February clip of free_until is not carried into paid_until: both count from the start.
        (d(2025, 8, 31), 6, 6, d(2026, 2, 27), d(2026, 8, 30)),
        (d(2023, 8, 31), 6, 6, d(2024, 2, 28), d(2024, 8, 30)),  # a leap February
        (d(2025, 1, 31), 1, 2, d(2025, 2, 27), d(2025, 4, 29)),
        (d(2025, 3, 10), 12, 12, d(2026, 3, 9), d(2027, 3, 9)),  # no clip: as free_until + paid_months
        (d(2025, 3, 10), 12, 0, d(2026, 3, 9), d(2026, 3, 9)),  # no paid period
    ],
)
def test_paid_until_counts_from_the_start(
    start: dt.date, free: int, paid: int, free_until: dt.date, paid_until: dt.date
) -> None:
    t = warranty_terms(start, None, WarrantyRule(free_months=free, paid_months=paid))
    assert (t.free_until, t.paid_until) == (free_until, paid_until)


SALE, ACCEPT = d(2025, 3, 10), d(2025, 3, 20)


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (d(2025, 3, 10), "return"),  # day 0
        (d(2025, 3, 17), "return"),  # day 7
        (d(2025, 3, 18), "exchange"),  # day 8
        (d(2025, 3, 25), "exchange"),  # day 15
        (d(2025, 3, 26), "free"),  # day 16
        (d(2026, 3, 19), "free"),  # free_until (from acceptance)
        (d(2026, 3, 20), "paid"),  # the day after
        (d(2026, 9, 19), "paid"),  # paid_until
        (d(2026, 9, 20), "expired"),  # the day after
    ],
)
def test_status_boundaries(on: dt.date, status: str) -> None:
    terms = warranty_terms(SALE, ACCEPT, PAID6)
    assert terms.paid_until == d(2026, 9, 19)
    assert warranty_status(on, SALE, terms, PAID6) == status


def test_lifetime_paid_never_expires() -> None:
    terms = warranty_terms(SALE, ACCEPT, RULE)
    assert warranty_status(d(2060, 1, 1), SALE, terms, RULE) == "paid"


def test_days_count_from_sale_even_when_warranty_starts_at_acceptance() -> None:
    terms = warranty_terms(SALE, d(2025, 4, 30), RULE)
    assert warranty_status(d(2025, 3, 26), SALE, terms, RULE) == "free"


def facts(when: dt.datetime | dt.date, **kw: object) -> RepairFacts:
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(10))
    return RepairFacts(reported_at=when, **kw)  # type: ignore[arg-type]


def test_exclusion_inside_return_window_is_billable() -> None:
    terms = warranty_terms(SALE, ACCEPT, RULE)
    r = repair_assessment(facts(d(2025, 3, 12), cause="water", parts_cost=30, labor_cost=20), SALE, terms, RULE)
    assert (r.status, r.window_status, r.billable, r.expected_fee) == ("excluded", "return", True, 50)
    assert [f.code for f in r.findings] == ["repair.fee_missing"]
    assert r.findings[0].severity == "warning" and r.findings[0].column == "fee_charged"


def test_quality_cause_keeps_warranty() -> None:
    terms = warranty_terms(SALE, ACCEPT, RULE)
    r = repair_assessment(facts(d(2025, 6, 1), cause="quality", parts_cost=30), SALE, terms, RULE)
    assert (r.status, r.billable, r.expected_fee, r.findings) == ("free", False, 0, ())


def test_fee_findings() -> None:
    terms = warranty_terms(SALE, ACCEPT, PAID6)
    r = repair_assessment(facts(d(2025, 6, 1), fee_charged=50), SALE, terms, PAID6)
    assert [(f.severity, f.code) for f in r.findings] == [("error", "repair.fee_not_billable")]
    r = repair_assessment(facts(d(2027, 1, 1), parts_cost=30, labor_cost=None), SALE, terms, PAID6)
    assert (r.status, r.billable, r.expected_fee) == ("expired", True, 30)
    assert [(f.severity, f.code) for f in r.findings] == [("warning", "repair.fee_missing")]
    r = repair_assessment(facts(d(2026, 5, 1), parts_cost=30, fee_charged=30), SALE, terms, PAID6)
    assert (r.status, r.billable, r.findings) == ("paid", True, ())


def test_one_finding_per_fee_problem() -> None:
    """A negative fee is validation's `range.negative`, not also a fee charged in warranty;
    a billable repair whose costs come to 0 is not missing its fee."""
    terms = warranty_terms(SALE, ACCEPT, PAID6)
    in_warranty = repair_assessment(facts(d(2025, 6, 1), fee_charged=-20), SALE, terms, PAID6)
    assert (in_warranty.status, in_warranty.findings) == ("free", ())
    billable = repair_assessment(facts(d(2027, 1, 1), parts_cost=30, fee_charged=-20), SALE, terms, PAID6)
    assert (billable.status, billable.expected_fee, billable.findings) == ("expired", 30, ())
    no_costs = repair_assessment(facts(d(2025, 6, 1), cause="water"), SALE, terms, PAID6)
    assert (no_costs.status, no_costs.billable, no_costs.expected_fee, no_costs.findings) == ("excluded", True, 0, ())
    zero_costs = repair_assessment(facts(d(2027, 1, 1), parts_cost=0, labor_cost=0), SALE, terms, PAID6)
    assert (zero_costs.status, zero_costs.findings) == ("expired", ())


def test_unknown_serial() -> None:
    r = repair_assessment(facts(d(2025, 6, 1), fee_charged=10), None, None, RULE)
    assert (r.status, r.billable, r.expected_fee, r.replacement_eligible, r.findings) == (
        "unknown",
        False,
        0,
        False,
        (),  # a fee on an unknown serial is not judged
    )
    r = repair_assessment(facts(d(2025, 6, 1), cause="drop", labor_cost=40), None, None, RULE)
    assert (r.status, r.billable, r.expected_fee) == ("excluded", True, 40)


def test_repair_before_sale_is_flagged() -> None:
    terms = warranty_terms(SALE, None, RULE)
    r = repair_assessment(facts(d(2025, 3, 1)), SALE, terms, RULE)
    assert [f.code for f in r.findings] == ["repair.before_sale"]


def test_replacement_after_repeated_repairs_of_the_same_problem() -> None:
    repairs = [
        facts(d(2025, 5, 1), fault_category="Power"),
        facts(d(2025, 6, 1), fault_category="Screen"),
        facts(d(2025, 7, 1), fault_category="power", cause="misuse"),  # excluded: not counted
        facts(d(2025, 8, 1), fault_category=" power "),
        facts(d(2025, 9, 1), fault_category="POWER"),
        facts(d(2025, 10, 1), fault_category=None),
    ]
    out = assess_repairs(repairs, SALE, ACCEPT, RULE)
    assert [r.replacement_eligible for r in out] == [False, False, False, False, True, False]


def test_replacement_counts_only_repairs_inside_the_free_period_and_sorts_by_time() -> None:
    rule = WarrantyRule(free_months=12, replace_after_repairs=1)
    late = facts(d(2026, 5, 1), fault_category="Power")  # after free_until 2026-03-19
    later = facts(d(2026, 6, 1), fault_category="Power")
    early = facts(d(2025, 5, 1), fault_category="Power")
    out = assess_repairs([later, late, early], SALE, ACCEPT, rule)  # any order in
    assert [r.replacement_eligible for r in out] == [True, True, False]  # same order out
    out = assess_repairs([late, later], SALE, ACCEPT, rule)
    assert [r.replacement_eligible for r in out] == [False, False]


def test_only_repair_rows_count_as_earlier_repairs() -> None:
    rule = WarrantyRule(replace_after_repairs=2)
    repairs = [
        facts(d(2025, 5, 1), fault_category="Power", request_type="complaint"),
        facts(d(2025, 5, 2), fault_category="Power", request_type="consultation"),
        facts(d(2025, 5, 3), fault_category="Power", request_type="maintenance"),
        facts(d(2025, 6, 1), fault_category="Power", request_type="repair"),
        facts(d(2025, 7, 1), fault_category="Power"),  # blank request type = repair
        facts(d(2025, 8, 1), fault_category="Power", request_type="repair"),
    ]
    out = assess_repairs(repairs, SALE, ACCEPT, rule)
    assert [r.replacement_eligible for r in out] == [False, False, False, False, False, True]


def test_same_problem_ignores_width_and_inner_spaces() -> None:
    rule = WarrantyRule(replace_after_repairs=2)
    repairs = [facts(d(2025, 5, 1), fault_category="Display  Panel"), facts(d(2025, 6, 1), fault_category="ＤＩＳＰＬＡＹ panel"),
               facts(d(2025, 7, 1), fault_category="display panel ")]  # fmt: skip
    out = assess_repairs(repairs, SALE, ACCEPT, rule)
    assert [r.replacement_eligible for r in out] == [False, False, True]


def test_assess_repairs_unknown_serial() -> None:
    out = assess_repairs([facts(d(2025, 5, 1), fault_category="x")], None, None, RULE)
    assert out[0].status == "unknown" and out[0].replacement_eligible is False


def test_sale_warranty_as_of() -> None:
    from sheetdesk.rules.warranty import sale_warranty

    s = sale_warranty(SALE, ACCEPT, PAID6, d(2026, 3, 20))
    assert (s.status, s.start, s.free_until, s.paid_until) == ("paid", ACCEPT, d(2026, 3, 19), d(2026, 9, 19))


ORDER = ["return", "exchange", "free", "paid", "expired"]


@given(
    st.dates(min_value=d(2000, 1, 1), max_value=d(2030, 12, 31)),
    st.integers(0, 90),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 36),
    st.one_of(st.none(), st.integers(0, 36)),
    st.lists(st.integers(0, 3000), min_size=2, max_size=6),
)
def test_status_never_goes_back(
    sale: dt.date, accept_after: int, rd: int, extra: int, free: int, paid: int | None, offsets: list[int]
) -> None:
    rule = WarrantyRule(return_days=rd, exchange_days=rd + extra, free_months=free, paid_months=paid)
    terms = warranty_terms(sale, sale + dt.timedelta(days=accept_after), rule)
    ranks = [ORDER.index(warranty_status(sale + dt.timedelta(days=o), sale, terms, rule)) for o in sorted(offsets)]
    assert ranks == sorted(ranks)
    assert terms.free_until >= terms.start - dt.timedelta(days=1)
    assert terms.paid_until is None or terms.paid_until >= terms.free_until
