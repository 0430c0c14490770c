"""SLA targets per repair-log row (SPEC §4 SLA). Pure functions.

For each target (response, plan, on_site, resolve) the due time is
`calendar.add(reported_at, duration)` on the row's calendar, and the status is
met / breached / overdue / pending / n/a against the event or `as_of`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sheetdesk.rules.calendar import BeyondCalendar, ServiceCalendar
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.finding import Finding, beyond_calendar
from sheetdesk.rules.policy import Policy, SlaRule
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
    over_minutes: int | None  # 0 when met; None when pending or n/a
    beyond: bool = False  # the due time is after 9999-12-31: blank, and never passed


@dataclass(frozen=True)
class SlaResult:
    targets: dict[SlaTargetKey, TargetResult]
    loaner_due: dt.datetime | None
    loaner_required: bool
    calendar: str | None  # "24x7" / "business"; None when no SLA row applies
    uncovered_years: tuple[int, ...] = ()  # years the holiday table does not cover
    findings: tuple[Finding, ...] = ()  # due times beyond the calendar

    def flat(self) -> dict[str, object]:
        """`response_due`, `response_status`, `response_over_minutes`, ... as in SPEC §5 JSON."""
        out: dict[str, object] = {}
        for key, t in self.targets.items():
            due, status, over = _FLAT_KEYS[key]
            out[due] = t.due
            out[status] = t.status
            out[over] = t.over_minutes
        out["loaner_required"] = self.loaner_required
        return out


_NA = TargetResult(None, "n/a", None)
_FLAT_KEYS = {t.key: (f"{t.key}_due", f"{t.key}_status", f"{t.key}_over_minutes") for t in SLA_TARGETS}


def over_minutes(calendar: ServiceCalendar, due: dt.datetime, until: dt.datetime) -> int:
    """Working minutes from `due` to `until` on `calendar`, rounded up (0 if not later)."""
    us = calendar.elapsed_us(due, until)
    return 0 if us <= 0 else -(-us // _MIN_US)


def target_result(
    calendar: ServiceCalendar,
    reported_at: dt.datetime,
    duration: Duration | None,
    event: dt.datetime | None,
    as_of: dt.datetime,
) -> TargetResult:
    """One target: due, status and working minutes over."""
    if duration is None:
        return _NA
    try:
        due = calendar.add(reported_at, duration)
    except BeyondCalendar:  # due after 9999-12-31: every event and as-of come before it
        return TargetResult(None, "met", 0, True) if event is not None else TargetResult(None, "pending", None, True)
    if event is not None:
        if event <= due:
            return TargetResult(due, "met", 0)
        return TargetResult(due, "breached", over_minutes(calendar, due, event))
    if as_of > due:
        return TargetResult(due, "overdue", over_minutes(calendar, due, as_of))
    return TargetResult(due, "pending", None)


def sla_result(
    rule: SlaRule | None,
    calendar: ServiceCalendar,
    reported_at: dt.datetime,
    events: Mapping[str, dt.datetime | None],
    as_of: dt.datetime,
    loaner: str | None = None,
) -> SlaResult:
    """All targets of one row. `events` maps repair-log keys (responded_at, plan_at,
    on_site_at, resolved_at) to their times; `loaner` is "yes"/"no"/None."""
    if rule is None:
        return SlaResult({t.key: _NA for t in SLA_TARGETS}, None, False, None)
    targets = {
        t.key: target_result(calendar, reported_at, rule.target(t.key), events.get(t.event), as_of) for t in SLA_TARGETS
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
    return SlaResult(targets, loaner_due, required, rule.calendar, tuple(sorted(years)), findings)


def evaluate_sla(
    policy: Policy,
    request_type: str | None,
    fault_level: str | None,
    reported_at: dt.datetime,
    events: Mapping[str, dt.datetime | None],
    as_of: dt.datetime,
    loaner: str | None = None,
) -> SlaResult:
    """Pick the SLA row and calendar from `policy`, then `sla_result`."""
    rule = policy.sla_for(request_type, fault_level)
    calendar = policy.calendar(rule.calendar if rule else "24x7")
    return sla_result(rule, calendar, reported_at, events, as_of, loaner)
