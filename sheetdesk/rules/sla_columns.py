"""The SLA results of a whole repair log at once (SPEC §4 SLA). Pure functions.

`sla.sla_result` is the rule for one repair. `sla_results` gives every
repair the very same `SlaResult`, but works the clocks out a calendar and a
target at a time over arrays (`timeline`): all due times of one duration on
one calendar in one pass, then the statuses and the minutes over. Repairs
with holds are not given here (`evaluate` asks `evaluate_sla` for them);
a repair whose instants the arrays do not hold (a date far from the rest
of the log, a due time after 9999-12-31) is answered by `sla_result` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sheetdesk.rules.calendar import DAY, MIN, ServiceCalendar, to_us
from sheetdesk.rules.durations import Duration
from sheetdesk.rules.policy import Policy, SlaRule
from sheetdesk.rules.sla import SlaResult, TargetResult, sla_result
from sheetdesk.rules.timeline import NONE, Instants, Timeline, from_instants, to_instants
from sheetdesk.schema.statuses import SLA_TARGETS, SlaTargetKey, TargetStatus

__all__ = ["SlaCase", "sla_results"]

_SPAN_DAYS = 30_000  # the most dates one timeline lays out (about 80 years); the rest go one by one
_LAST_DAY = dt.date.max.toordinal()
_END = (_LAST_DAY + 1) * DAY  # the instant after 9999-12-31
_NA = TargetResult(None, "n/a", None)


@dataclass(frozen=True, slots=True)
class SlaCase:
    """One repair's SLA inputs: its row (None: no row applies), when it was reported, its events."""

    rule: SlaRule | None
    reported: dt.datetime
    events: Mapping[str, dt.datetime | None]  # responded_at, plan_at, on_site_at, resolved_at
    loaner: str | None = None


def sla_results(policy: Policy, cases: Sequence[SlaCase], as_of: dt.datetime) -> list[SlaResult]:
    """`sla_result(case.rule, its calendar, ...)` for every case, in order."""
    results: list[SlaResult | None] = [None] * len(cases)
    by_calendar: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        if case.rule is not None:
            by_calendar.setdefault(case.rule.calendar, []).append(i)
    for name, indexes in by_calendar.items():
        calendar = policy.calendar(name)
        found = _on_calendar(calendar, [cases[i] for i in indexes], as_of)
        for i, result in zip(indexes, found, strict=True):
            results[i] = result
    for i, case in enumerate(cases):
        if results[i] is None:
            rule = case.rule
            calendar = policy.calendar(rule.calendar if rule else "24x7")
            results[i] = sla_result(rule, calendar, case.reported, case.events, as_of, case.loaner)
    return results  # type: ignore[return-value]


class _Clock:
    """`add` and `elapsed` over arrays on one calendar: a `Timeline`, or plain arithmetic on 24x7."""

    def __init__(self, calendar: ServiceCalendar, first: int, last: int) -> None:
        self.line = None if calendar.is_24x7 else Timeline(calendar, first, last)

    def add(self, t: Instants, d: Duration) -> tuple[Instants, NDArray[np.bool_]]:
        if self.line is not None:
            return self.line.add(t, d)
        due = t + (d.days * DAY + d.seconds * 1_000_000)
        return due, due < _END

    def elapsed(self, a: Instants, b: Instants) -> tuple[Instants, NDArray[np.bool_]]:
        if self.line is not None:
            return self.line.elapsed(a, b)
        return b - a, np.ones(len(a), dtype=bool)


def _on_calendar(calendar: ServiceCalendar, cases: list[SlaCase], as_of: dt.datetime) -> list[SlaResult | None]:
    """The results of cases whose rows run on `calendar`; None where the arrays cannot tell."""
    n = len(cases)
    rules = [c.rule for c in cases]
    reported = to_instants([c.reported for c in cases])
    events = {t.key: to_instants([c.events.get(t.event) for c in cases]) for t in SLA_TARGETS}
    until_now = np.int64(to_us(as_of))
    clock = _Clock(calendar, *_dates_needed(rules, reported, events, int(until_now)))
    ok = np.ones(n, dtype=bool)

    columns: dict[SlaTargetKey, tuple[list[Duration | None], Instants, list[TargetStatus], Instants]] = {}
    for t in SLA_TARGETS:
        durations = [r.target(t.key) if r else None for r in rules]
        due, due_ok = _dues(clock, reported, durations)
        ok &= due_ok
        event = events[t.key]
        has_event = event != NONE
        until = np.where(has_event, event, until_now)
        timed = due != NONE
        late = (until > due) & timed
        over_us, over_ok = clock.elapsed(np.where(timed, due, until), until)
        ok &= over_ok | ~late
        over = np.where(late & (over_us > 0), -(-over_us // MIN), 0)
        statuses: list[TargetStatus] = [
            ("breached" if lt else "met") if he else ("overdue" if lt else "pending")
            for he, lt in zip(has_event.tolist(), late.tolist(), strict=True)
        ]
        columns[t.key] = (durations, due, statuses, over)

    loaner_after = [r.loaner_after if r else None for r in rules]
    loaner_due, loaner_ok = _dues(clock, reported, loaner_after)
    ok &= loaner_ok
    resolved = events["resolve"]
    loaner_clock = np.where(resolved != NONE, resolved, until_now)
    loaner_late = ((loaner_clock > loaner_due) & (loaner_due != NONE)).tolist()

    uncovered = _maybe_uncovered(calendar, reported, [columns[t.key][1] for t in SLA_TARGETS])
    per_target = [
        (t.key, durations, _stamps(due, ok), statuses, over.tolist())
        for t in SLA_TARGETS
        for durations, due, statuses, over in (columns[t.key],)
    ]
    loaner_stamps = _stamps(loaner_due, ok)
    results: list[SlaResult | None] = []
    for i, case in enumerate(cases):
        if not ok[i]:
            results.append(None)
            continue
        targets: dict[SlaTargetKey, TargetResult] = {}
        for key, durations, dues, statuses, overs in per_target:
            if durations[i] is None:
                targets[key] = _NA
            else:
                status = statuses[i]
                minutes: int | None = overs[i] if status in ("breached", "overdue") else 0 if status == "met" else None
                targets[key] = TargetResult(dues[i], status, minutes, False, 0)
        rule = case.rule
        assert rule is not None
        required = rule.loaner_after is not None and loaner_late[i] and case.loaner != "yes"
        years: tuple[int, ...] = ()
        if uncovered[i]:
            dues = [t.due for t in targets.values() if t.due is not None]
            years = tuple(sorted(calendar.uncovered_years(case.reported, *dues)))
        results.append(SlaResult(targets, loaner_stamps[i], required, rule.calendar, years, (), rule))
    return results


def _dues(clock: _Clock, reported: Instants, durations: list[Duration | None]) -> tuple[Instants, NDArray[np.bool_]]:
    """Each case's due time for its duration (NONE where it has none), one pass per distinct duration."""
    due = np.full(len(reported), NONE, dtype=np.int64)
    ok = np.ones(len(reported), dtype=bool)
    groups: dict[Duration, list[int]] = {}
    for i, d in enumerate(durations):
        if d is not None:
            groups.setdefault(d, []).append(i)
    for d, indexes in groups.items():
        at = np.array(indexes, dtype=np.int64)
        due[at], ok[at] = clock.add(reported[at], d)
    return due, ok


def _dates_needed(
    rules: list[SlaRule | None], reported: Instants, events: Mapping[SlaTargetKey, Instants], as_of: int
) -> tuple[int, int]:
    """The dates (ordinals) a timeline must lay out: from the day before the first report (a night
    window of the day before may still run), to the last event, as-of, or as far as the longest
    duration can reach; at most `_SPAN_DAYS` around the middle report."""
    durations = [d for r in rules if r for d in (*r.targets.values(), r.loaner_after) if d is not None]
    most_days = max((d.days for d in durations), default=0)
    most_hours = max((d.seconds for d in durations), default=0) // 3600
    reach = 30 + 3 * most_days + 7 * (most_hours // 5 + 1)  # generous; what it misses goes one by one
    days = reported // DAY
    first = int(days.min()) - 2
    latest = [int(days.max()) + reach, as_of // DAY]
    latest += [int(e[e != NONE].max() // DAY) for e in events.values() if (e != NONE).any()]
    last = max(latest) + 1
    middle = int(np.median(days))
    first, last = max(first, middle - _SPAN_DAYS // 2, 1), min(last, middle + _SPAN_DAYS // 2, _LAST_DAY)
    return first, last


def _stamps(instants: Instants, ok: NDArray[np.bool_]) -> list[dt.datetime | None]:
    """Datetimes where the instant is set and the case answered here; None elsewhere."""
    usable = (instants != NONE) & ok
    out: list[dt.datetime | None] = [None] * len(instants)
    at = np.flatnonzero(usable)
    for i, stamp in zip(at.tolist(), from_instants(instants[at]), strict=True):
        out[i] = stamp
    return out


def _maybe_uncovered(calendar: ServiceCalendar, reported: Instants, dues: list[Instants]) -> list[bool]:
    """Which cases may have a date in a year the holiday table does not cover (asked one by one)."""
    if calendar.covered_years is None or calendar.is_24x7:
        return [False] * len(reported)
    covered = np.array(sorted(calendar.covered_years), dtype=np.int64)
    flagged = np.zeros(len(reported), dtype=bool)
    for instants in (reported, *dues):
        present = instants != NONE
        years = _years(np.where(present, instants, reported))
        flagged |= present & ~np.isin(years, covered)
    return flagged.tolist()


def _years(instants: Instants) -> NDArray[np.int64]:
    return (instants - to_us(dt.datetime(1970, 1, 1))).astype("datetime64[us]").astype("datetime64[Y]").astype(
        np.int64
    ) + 1970
