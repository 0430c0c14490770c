import datetime as dt

from sheetdesk.io.policy_source import default_policy
from sheetdesk.rules.calendar import ServiceCalendar
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.sla import evaluate_sla, over_minutes, target_result

D = dt.datetime
P = default_policy()


def test_level_iii_on_business_calendar() -> None:
    reported = D(2025, 3, 3, 15)  # Monday
    events = {"responded_at": D(2025, 3, 4, 10), "on_site_at": D(2025, 3, 4, 16, 30)}
    r = evaluate_sla(P, "repair", "III", reported, events, as_of=D(2025, 3, 7, 10))
    t = r.targets
    assert (t["response"].due, t["response"].status, t["response"].over_minutes) == (D(2025, 3, 4, 11), "met", 0)
    assert (t["plan"].due, t["plan"].status, t["plan"].over_minutes) == (None, "n/a", None)
    assert (t["on_site"].due, t["on_site"].status, t["on_site"].over_minutes) == (D(2025, 3, 4, 15), "breached", 90)
    # resolve 3d = Thursday 15:00; as of Friday 10:00: 2h Thursday + 1h Friday
    assert (t["resolve"].due, t["resolve"].status, t["resolve"].over_minutes) == (D(2025, 3, 6, 15), "overdue", 180)
    assert r.loaner_required is False and r.loaner_due is None
    assert r.calendar == "business" and r.uncovered_years == ()


def test_pending_until_due() -> None:
    r = evaluate_sla(P, "repair", "III", D(2025, 3, 3, 15), {}, as_of=D(2025, 3, 4, 11))
    assert (r.targets["response"].status, r.targets["response"].over_minutes) == ("pending", None)  # as_of == due
    r = evaluate_sla(P, "repair", "III", D(2025, 3, 3, 15), {}, as_of=D(2025, 3, 4, 11, 0, 1))
    assert (r.targets["response"].status, r.targets["response"].over_minutes) == ("overdue", 1)  # minutes round up


def test_breached_after_hours_has_zero_working_minutes() -> None:
    events = {"responded_at": D(2025, 3, 3, 18, 30)}
    r = evaluate_sla(P, "repair", "III", D(2025, 3, 3, 13), events, as_of=D(2025, 3, 10))
    assert r.targets["response"].due == D(2025, 3, 3, 17)
    assert (r.targets["response"].status, r.targets["response"].over_minutes) == ("breached", 0)


def test_level_i_24x7_and_loaner() -> None:
    reported = D(2025, 3, 3, 22)
    events = {"responded_at": D(2025, 3, 3, 23)}
    r = evaluate_sla(P, "repair", "I", reported, events, as_of=D(2025, 3, 3, 23, 10))
    t = r.targets
    assert (t["response"].due, t["response"].status) == (D(2025, 3, 3, 23), "met")  # event == due is met
    assert (t["plan"].due, t["plan"].status) == (D(2025, 3, 3, 23, 30), "pending")
    assert t["on_site"].status == "n/a"
    assert (t["resolve"].due, t["resolve"].status) == (D(2025, 3, 4, 2), "pending")
    assert r.loaner_due == D(2025, 3, 4, 2) and r.loaner_required is False

    later = D(2025, 3, 4, 3)
    r = evaluate_sla(P, "repair", "I", reported, events, as_of=later)
    assert (r.targets["plan"].status, r.targets["plan"].over_minutes) == ("overdue", 210)
    assert (r.targets["resolve"].status, r.targets["resolve"].over_minutes) == ("overdue", 60)
    assert r.loaner_required is True
    assert evaluate_sla(P, "repair", "I", reported, events, later, loaner="yes").loaner_required is False
    fixed = {**events, "resolved_at": D(2025, 3, 4, 1, 59)}
    r = evaluate_sla(P, "repair", "I", reported, fixed, as_of=later)
    assert r.targets["resolve"].status == "met" and r.loaner_required is False
    late_fix = {**events, "resolved_at": D(2025, 3, 4, 2, 30)}
    r = evaluate_sla(P, "repair", "I", reported, late_fix, as_of=later)
    assert (r.targets["resolve"].status, r.targets["resolve"].over_minutes) == ("breached", 30)
    assert r.loaner_required is True


def test_level_ii_loaner_after_48h() -> None:
    reported = D(2025, 3, 3, 10)
    r = evaluate_sla(P, "repair", "II", reported, {}, as_of=D(2025, 3, 5, 10))
    assert r.loaner_due == D(2025, 3, 5, 10) and r.loaner_required is False  # not passed yet
    r = evaluate_sla(P, "repair", "II", reported, {}, as_of=D(2025, 3, 5, 10, 1))
    assert r.loaner_required is True


def test_no_sla_row_is_not_applicable() -> None:
    r = evaluate_sla(P, "maintenance", None, D(2025, 3, 3, 10), {}, as_of=D(2025, 3, 10))
    assert {k: t.status for k, t in r.targets.items()} == dict.fromkeys(
        ("response", "plan", "on_site", "resolve"), "n/a"
    )
    assert r.calendar is None and r.loaner_required is False
    assert r.flat()["response_status"] == "n/a" and r.flat()["response_due"] is None


def test_flat_keys_match_spec_json() -> None:
    r = evaluate_sla(P, "complaint", None, D(2025, 3, 3, 10), {}, as_of=D(2025, 3, 3, 11))
    assert list(r.flat()) == [
        f"{k}_{s}"
        for k in ("response", "plan", "on_site", "resolve")
        for s in ("due", "status", "over_minutes", "held_minutes")
    ] + ["loaner_required"]
    assert r.flat()["resolve_due"] == D(2025, 3, 5, 10)  # 2d on business


def test_cn_holidays_in_due_and_uncovered_year() -> None:
    r = evaluate_sla(P, "repair", "IV", D(2025, 9, 30, 10), {}, as_of=D(2025, 9, 30, 11))
    assert r.targets["response"].due == D(2025, 10, 9, 10)  # 1d across the National Day week
    r = evaluate_sla(P, "repair", "III", D(2027, 3, 1, 10), {}, as_of=D(2027, 3, 1, 11))
    assert r.uncovered_years == (2027,)


def test_over_minutes_helper() -> None:
    cal = ServiceCalendar({d: [(540, 1020)] for d in range(5)})
    assert over_minutes(cal, D(2025, 3, 7, 16), D(2025, 3, 10, 10)) == 120
    assert over_minutes(cal, D(2025, 3, 7, 16), D(2025, 3, 7, 15)) == 0
    assert target_result(cal, D(2025, 3, 3, 9), None, None, D(2026, 1, 1)).status == "n/a"
    assert (
        target_result(cal, D(2025, 3, 3, 9), Duration(seconds=60), D(2025, 3, 3, 9, 1), D(2026, 1, 1)).status == "met"
    )
