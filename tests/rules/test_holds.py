"""SLA clocks that pause while a ticket is on hold (rules/holds.py, rules/sla.py), worked by hand.

The built-in policy: level II on 24x7 (response 2h, plan 3h, on site 2h,
resolve 8h), level III on business hours Mon–Fri 09:00–17:00 with China's
holidays (response 4h, on site 1d, resolve 3d); every hold reason pauses the
resolve target only.
"""

from __future__ import annotations

import datetime as dt

from sheetdesk.io.policy_source import default_policy, parse_policy
from sheetdesk.rules.holds import Hold, merge_spans, pausing_spans
from sheetdesk.rules.policy import Policy
from sheetdesk.rules.sla import evaluate_sla
from sheetdesk.schema.policy import PAUSES
from tests.helpers.labels import header

T = dt.datetime
P = default_policy()


def resolve(
    level: str, reported: T, holds: tuple[Hold, ...], as_of: T, resolved: T | None = None
) -> tuple[T | None, str, int | None, int | None]:
    """(due, status, over, held) of the resolve target."""
    r = evaluate_sla(P, "repair", level, reported, {"resolved_at": resolved}, as_of, holds=holds)
    t = r.targets["resolve"]
    return t.due, t.status, t.over_minutes, t.held_minutes


def test_without_holds_nothing_moves_and_held_is_zero() -> None:
    # Thu 2025-03-06 10:00 + 3 working days = Tue 03-11 10:00; resolved 11:00: 60 working minutes late.
    assert resolve("III", T(2025, 3, 6, 10), (), T(2025, 3, 12), T(2025, 3, 11, 11)) == (
        T(2025, 3, 11, 10), "breached", 60, 0
    )  # fmt: skip


def test_a_hold_over_a_weekend_pauses_nothing_on_a_business_calendar() -> None:
    # Fri 17:00 (the window's end) to Mon 09:00 (the next opening): no working time in between.
    weekend = (Hold(T(2025, 3, 7, 17), T(2025, 3, 10, 9), "waiting_parts"),)
    assert resolve("III", T(2025, 3, 6, 10), weekend, T(2025, 3, 12), T(2025, 3, 11, 11)) == (
        T(2025, 3, 11, 10), "breached", 60, 0
    )  # fmt: skip
    # Fri 15:00 to Mon 11:00: Fri 15–17 (2h) + Mon 09–11 (2h) = 4h held; due Tue 10:00 + 4h = Tue 14:00.
    longer = (Hold(T(2025, 3, 7, 15), T(2025, 3, 10, 11), "waiting_parts"),)
    assert resolve("III", T(2025, 3, 6, 10), longer, T(2025, 3, 12), T(2025, 3, 11, 11)) == (
        T(2025, 3, 11, 14), "met", 0, 240
    )  # fmt: skip


def test_a_hold_over_the_national_day_holiday() -> None:
    # 2025: Oct 1–8 off, Sat Oct 11 a make-up workday. Reported Tue Sep 30 10:00: 3 working days are
    # Oct 9, Oct 10, Oct 11 -> due Sat Oct 11 10:00. On hold Sep 30 15:00 to Thu Oct 9 10:00:
    # Sep 30 15–17 (2h) + the holiday (nothing) + Oct 9 09–10 (1h) = 3h -> due Oct 11 13:00.
    hold = (Hold(T(2025, 9, 30, 15), T(2025, 10, 9, 10), "waiting_parts"),)
    assert resolve("III", T(2025, 9, 30, 10), (), T(2025, 10, 12), T(2025, 10, 11, 12, 30)) == (
        T(2025, 10, 11, 10), "breached", 150, 0
    )  # fmt: skip
    assert resolve("III", T(2025, 9, 30, 10), hold, T(2025, 10, 12), T(2025, 10, 11, 12, 30)) == (
        T(2025, 10, 11, 13), "met", 0, 180
    )  # fmt: skip
    # The same wait on a 24x7 target (level II, due Sep 30 18:00) holds 8 days 19 hours.
    assert resolve("II", T(2025, 9, 30, 10), hold, T(2025, 10, 12), T(2025, 10, 9, 12)) == (
        T(2025, 10, 9, 13), "met", 0, (8 * 24 + 19) * 60
    )  # fmt: skip


def test_two_holds_on_one_ticket() -> None:
    # Level III reported Mon 2025-03-03 09:00: due Thu 03-06 09:00. Waiting for parts Mon 13–15 (2h),
    # then for the customer Tue 16:00 to Wed 10:00 (Tue 16–17 + Wed 09–10 = 2h): due Thu 13:00.
    holds = (
        Hold(T(2025, 3, 3, 13), T(2025, 3, 3, 15), "waiting_parts"),
        Hold(T(2025, 3, 4, 16), T(2025, 3, 5, 10), "waiting_customer"),
    )
    assert resolve("III", T(2025, 3, 3, 9), holds, T(2025, 3, 7), T(2025, 3, 6, 14)) == (
        T(2025, 3, 6, 13), "breached", 60, 240
    )  # fmt: skip


def test_overlapping_holds_count_their_shared_time_once() -> None:
    assert merge_spans([(T(2025, 3, 3, 13), T(2025, 3, 3, 15)), (T(2025, 3, 3, 14), T(2025, 3, 3, 16))]) == (
        (T(2025, 3, 3, 13), T(2025, 3, 3, 16)),
    )
    assert merge_spans([(T(2025, 3, 3, 13), None), (T(2025, 3, 4, 9), T(2025, 3, 4, 10))]) == ((T(2025, 3, 3, 13), None),)
    # 13:00–16:00 = 3h held, not 4h.
    holds = (Hold(T(2025, 3, 3, 13), T(2025, 3, 3, 15), "waiting_parts"),
             Hold(T(2025, 3, 3, 14), T(2025, 3, 3, 16), "other"))  # fmt: skip
    assert resolve("III", T(2025, 3, 3, 9), holds, T(2025, 3, 7), T(2025, 3, 6, 11)) == (
        T(2025, 3, 6, 12), "met", 0, 180
    )  # fmt: skip


def test_an_open_hold_at_as_of_is_paused() -> None:
    # Level II (24x7) reported Mon 09:00: due 17:00. On hold since 12:00, still open at Tue 09:00:
    # 21h held, due 17:00 + 21h = Tue 14:00, not passed: paused.
    hold = (Hold(T(2025, 3, 3, 12), None, "waiting_parts"),)
    assert resolve("II", T(2025, 3, 3, 9), hold, T(2025, 3, 4, 9)) == (T(2025, 3, 4, 14), "paused", None, 1260)


def test_an_open_hold_that_started_after_the_due_time_is_overdue_even_with_the_pause_counted() -> None:
    # Due Mon 17:00; the hold starts at 18:00, after the due time, and is still open at Tue 09:00.
    # 16h since the due time, of which 15h on hold (not over-time): overdue by 60 minutes, 900 held.
    hold = (Hold(T(2025, 3, 3, 18), None, "waiting_customer"),)
    assert resolve("II", T(2025, 3, 3, 9), hold, T(2025, 3, 4, 9)) == (T(2025, 3, 3, 17), "overdue", 60, 900)


def test_over_time_never_counts_held_time() -> None:
    # Level II: due Mon 17:00, resolved Tue 12:00 (19h late); on hold Mon 20:00 to Tue 08:00 (12h): 7h over.
    hold = (Hold(T(2025, 3, 3, 20), T(2025, 3, 4, 8), "waiting_vendor"),)
    assert resolve("II", T(2025, 3, 3, 9), hold, T(2025, 3, 5), T(2025, 3, 4, 12)) == (
        T(2025, 3, 3, 17), "breached", 7 * 60, 12 * 60
    )  # fmt: skip


def test_a_hold_pauses_only_the_targets_its_reason_names() -> None:
    # Built in: resolve only. Level II reported Mon 09:00, on hold 09:30–10:30, never responded:
    # the response (due 11:00) keeps running; the resolve moves from 17:00 to 18:00.
    hold = (Hold(T(2025, 3, 3, 9, 30), T(2025, 3, 3, 10, 30), "waiting_customer"),)
    r = evaluate_sla(P, "repair", "II", T(2025, 3, 3, 9), {}, T(2025, 3, 3, 12), holds=hold)
    assert (r.targets["response"].due, r.targets["response"].status, r.targets["response"].held_minutes) == (
        T(2025, 3, 3, 11), "overdue", 0
    )  # fmt: skip
    assert (r.targets["resolve"].due, r.targets["resolve"].held_minutes) == (T(2025, 3, 3, 18), 60)


def waiting_customer_pauses_response_and_resolve() -> Policy:
    """A Pauses sheet: waiting for the customer pauses the response and the resolve; any other reason resolve."""
    rows = [header(PAUSES), ["*", "no", "no", "no", "yes"], ["Waiting for customer", "yes", "no", "no", "yes"]]
    return parse_policy({"pauses": ("Pauses", rows)})


def test_a_hold_that_starts_after_the_response_was_met_leaves_the_response_alone() -> None:
    policy = waiting_customer_pauses_response_and_resolve()
    # Level II reported Mon 09:00, responded 10:00 (due 11:00: met); waiting for the customer 10:30–12:30.
    hold = (Hold(T(2025, 3, 3, 10, 30), T(2025, 3, 3, 12, 30), "waiting_customer"),)
    events = {"responded_at": T(2025, 3, 3, 10)}
    r = evaluate_sla(policy, "repair", "II", T(2025, 3, 3, 9), events, T(2025, 3, 3, 20), holds=hold)
    response, resolve_ = r.targets["response"], r.targets["resolve"]
    assert (response.due, response.status, response.over_minutes, response.held_minutes) == (
        T(2025, 3, 3, 11), "met", 0, 0
    )  # fmt: skip
    assert (resolve_.due, resolve_.status, resolve_.held_minutes) == (T(2025, 3, 3, 19), "overdue", 120)
    # The same hold before the response (responded 12:45) pauses it: 09:00–10:30 ran 90 min, resumed
    # at 12:30 with 30 min left -> due 13:00, met.
    r = evaluate_sla(policy, "repair", "II", T(2025, 3, 3, 9), {"responded_at": T(2025, 3, 3, 12, 45)},
                     T(2025, 3, 3, 20), holds=hold)  # fmt: skip
    assert (r.targets["response"].due, r.targets["response"].status, r.targets["response"].held_minutes) == (
        T(2025, 3, 3, 13), "met", 120
    )  # fmt: skip
    # Another reason keeps the * row: resolve only.
    other = (Hold(T(2025, 3, 3, 10, 30), T(2025, 3, 3, 12, 30), "waiting_parts"),)
    r = evaluate_sla(policy, "repair", "II", T(2025, 3, 3, 9), {"responded_at": T(2025, 3, 3, 12, 45)},
                     T(2025, 3, 3, 20), holds=other)  # fmt: skip
    assert (r.targets["response"].status, r.targets["response"].held_minutes) == ("breached", 0)


def test_a_hold_after_the_event_or_before_the_report_is_clipped() -> None:
    # Reported Mon 09:00 (24x7, due 17:00). A hold from Sun 20:00 counts from 09:00 only (to 11:00: 2h);
    # a hold after the resolution (16:00) counts nothing.
    holds = (Hold(T(2025, 3, 2, 20), T(2025, 3, 3, 11), "waiting_parts"),
             Hold(T(2025, 3, 3, 17), T(2025, 3, 3, 20), "waiting_parts"))  # fmt: skip
    assert resolve("II", T(2025, 3, 3, 9), holds, T(2025, 3, 4), T(2025, 3, 3, 16)) == (
        T(2025, 3, 3, 19), "met", 0, 120
    )  # fmt: skip


def test_pausing_spans_pick_the_reasons_of_a_target() -> None:
    policy = waiting_customer_pauses_response_and_resolve()
    holds = (Hold(T(2025, 3, 3, 10), T(2025, 3, 3, 11), "waiting_customer"),
             Hold(T(2025, 3, 3, 12), T(2025, 3, 3, 13), "waiting_parts"),
             Hold(T(2025, 3, 3, 15), T(2025, 3, 3, 14), "waiting_parts"))  # fmt: skip
    assert pausing_spans(holds, "response", policy.paused_targets) == ((T(2025, 3, 3, 10), T(2025, 3, 3, 11)),)
    assert pausing_spans(holds, "resolve", policy.paused_targets) == (
        (T(2025, 3, 3, 10), T(2025, 3, 3, 11)), (T(2025, 3, 3, 12), T(2025, 3, 3, 13)),
    )  # fmt: skip  (a hold that ends before it starts pauses nothing)
    assert policy.pausable_targets() == ("response", "resolve")
    assert P.pausable_targets() == ("resolve",)
