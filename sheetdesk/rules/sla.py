"""SLA targets per repair-log row (SPEC §4 SLA, §8 holds). Pure functions.

For each target (response, plan, on_site, resolve) the due time is
`calendar.add(reported_at, duration)` on the row's calendar, moved later by
the working time the ticket was on hold for a reason that pauses the target
(`sheetdesk.rules.holds`), and the status is met / breached / overdue /
pending / paused / n/a against the event or `as_of`.

`sla_columns.sla_results` gives the same results for a whole repair log at
once (without holds), its clocks worked out over arrays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sheetdesk.rules.calendar import BeyondCalendar, ServiceCalendar
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.finding import Finding, beyond_calendar
from sheetdesk.rules.holds import Hold, Span, paused_clock, pausing_spans
from sheetdesk.rules.policy import ConditionKey, Policy, SlaRule
from sheetdesk.schema.statuses import SLA_TARGETS, SlaTargetKey, TargetStatus

__all__ = [
    "SlaResult",
    "TargetResult",
    "TargetStatus",
    "evaluate_sla",
    "over_minutes",
    "sla_result",
    "target_result",
]

_MIN_US = 60_000_000


@dataclass(frozen=True)
class TargetResult:
    due: dt.datetime | None
    status: TargetStatus
    over_minutes: int | None  # 0 when met; None when pending, paused or n/a
    beyond: bool = False  # the due time is after 9999-12-31: blank, and never passed
    held_minutes: int | None = None  # working minutes on hold; 0 without holds; None when n/a


@dataclass(frozen=True)
class SlaResult:
    targets: dict[SlaTargetKey, TargetResult]
    loaner_due: dt.datetime | None
    loaner_required: bool
    calendar: str | None  # "24x7" / "business" / a named calendar; None when no SLA row applies
    uncovered_years: tuple[int, ...] = ()  # years the holiday table does not cover
    findings: tuple[Finding, ...] = ()  # due times beyond the calendar
    rule: SlaRule | None = None  # the SLA row applied (`rule.row`: JSON `sla_rule`)

    def flat(self) -> dict[str, object]:
        """`response_due`, `response_status`, `response_over_minutes`, `response_held_minutes`,
        ... as in the JSON (SPEC §5, §8)."""
        out: dict[str, object] = {}
        for key, t in self.targets.items():
            due, status, over, held = _FLAT_KEYS[key]
            out[due] = t.due
            out[status] = t.status
            out[over] = t.over_minutes
            out[held] = t.held_minutes
        out["loaner_required"] = self.loaner_required
        return out


_NA = TargetResult(None, "n/a", None)
_BEYOND_PENDING = TargetResult(None, "pending", None, True, 0)
_FLAT_KEYS = {
    t.key: (f"{t.key}_due", f"{t.key}_status", f"{t.key}_over_minutes", f"{t.key}_held_minutes") for t in SLA_TARGETS
}


def over_minutes(calendar: ServiceCalendar, due: dt.datetime, until: dt.datetime, held_us: int = 0) -> int:
    """Working minutes from `due` to `until` on `calendar`, less `held_us` on hold
    after the due time, rounded up (0 if not later)."""
    us = calendar.elapsed_us(due, until) - held_us
    return 0 if us <= 0 else -(-us // _MIN_US)


def target_result(
    calendar: ServiceCalendar,
    reported_at: dt.datetime,
    duration: Duration | None,
    event: dt.datetime | None,
    as_of: dt.datetime,
    spans: Sequence[Span] = (),
) -> TargetResult:
    """One target: due, status, working minutes over and on hold.

    `spans` are the target's pausing holds, sorted and merged
    (`holds.pausing_spans`). Without an event, a target on hold at as-of is
    `paused` unless it is overdue with the held time counted.
    """
    if duration is None:
        return _NA
    if not spans:  # the usual case, and every case without a Holds register
        try:
            due = calendar.add(reported_at, duration)
        except BeyondCalendar:  # due after 9999-12-31: every event and as-of come before it
            return TargetResult(None, "met", 0, True, 0) if event is not None else _BEYOND_PENDING
        if event is not None:
            if event <= due:
                return TargetResult(due, "met", 0, False, 0)
            return TargetResult(due, "breached", over_minutes(calendar, due, event), False, 0)
        if as_of > due:
            return TargetResult(due, "overdue", over_minutes(calendar, due, as_of), False, 0)
        return TargetResult(due, "pending", None, False, 0)
    try:
        clock = paused_clock(calendar, reported_at, calendar.add(reported_at, duration), spans, event, as_of)
    except BeyondCalendar:
        return TargetResult(None, "met", 0, True, 0) if event is not None else _BEYOND_PENDING
    due, held = clock.due, clock.held_us // _MIN_US
    if event is not None:
        if event <= due:
            return TargetResult(due, "met", 0, False, held)
        return TargetResult(due, "breached", over_minutes(calendar, due, event, clock.held_after_due_us), False, held)
    if as_of > due:
        return TargetResult(due, "overdue", over_minutes(calendar, due, as_of, clock.held_after_due_us), False, held)
    return TargetResult(due, "paused" if clock.on_hold else "pending", None, False, held)


def sla_result(
    rule: SlaRule | None,
    calendar: ServiceCalendar,
    reported_at: dt.datetime,
    events: Mapping[str, dt.datetime | None],
    as_of: dt.datetime,
    loaner: str | None = None,
    spans: Mapping[SlaTargetKey, Sequence[Span]] | None = None,
) -> SlaResult:
    """All targets of one row. `events` maps repair-log keys (responded_at, plan_at,
    on_site_at, resolved_at) to their times; `loaner` is "yes"/"no"/None; `spans`
    the pausing holds of each target (see `holds.pausing_spans`).

    Holds never delay the loaner: a customer waiting for parts is the one who
    needs a loaner most."""
    if rule is None:
        return SlaResult({t.key: _NA for t in SLA_TARGETS}, None, False, None)
    if spans:
        targets = {
            t.key: target_result(
                calendar, reported_at, rule.target(t.key), events.get(t.event), as_of, spans.get(t.key, ())
            )
            for t in SLA_TARGETS
        }
    else:
        targets = {
            t.key: target_result(calendar, reported_at, rule.target(t.key), events.get(t.event), as_of)
            for t in SLA_TARGETS
        }
    beyond: list[str] = [key for key, t in targets.items() if t.beyond]
    loaner_due = None
    required = False
    if rule.loaner_after is not None:
        try:
            loaner_due = calendar.add(reported_at, rule.loaner_after)
        except BeyondCalendar:
            beyond.append("loaner")
        else:
            clock = events.get("resolved_at") or as_of
            required = clock > loaner_due and loaner != "yes"
    dues = [t.due for t in targets.values() if t.due is not None]
    years = calendar.uncovered_years(reported_at, *dues)
    findings = tuple(beyond_calendar("reported_at", key) for key in beyond)
    return SlaResult(targets, loaner_due, required, rule.calendar, tuple(sorted(years)), findings, rule)


def evaluate_sla(
    policy: Policy,
    request_type: str | None,
    fault_level: str | None,
    reported_at: dt.datetime,
    events: Mapping[str, dt.datetime | None],
    as_of: dt.datetime,
    loaner: str | None = None,
    holds: Sequence[Hold] = (),
    conditions: ConditionKey | None = None,
) -> SlaResult:
    """Pick the SLA row (by type, level and the sale's `conditions`, see
    `Policy.sla_match`) and its calendar from `policy`, then `sla_result` with
    the ticket's `holds` pausing the targets the policy names for their reasons."""
    rule = policy.sla_for(request_type, fault_level, conditions)
    calendar = policy.calendar(rule.calendar if rule else "24x7")
    spans = None
    if holds and rule is not None:
        spans = {key: pausing_spans(holds, key, policy.paused_targets) for key in policy.pausable_targets()}
    return sla_result(rule, calendar, reported_at, events, as_of, loaner, spans)
