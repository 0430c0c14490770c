"""Callback due dates and status (SPEC §4 Callbacks). Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sheetdesk.rules.finding import Finding, beyond_calendar
from sheetdesk.schema.statuses import CallbackStatus

__all__ = ["CallbackResult", "CallbackStatus", "callback_due", "callback_result"]


def callback_due(resolved_at: dt.datetime, callback_days: int) -> dt.datetime | None:
    """End of the day resolved_at + callback_days (calendar days): 23:59:59.

    None when that day would be after 9999-12-31 (no date holds it).
    """
    try:
        day = resolved_at.date() + dt.timedelta(days=callback_days)
    except OverflowError:
        return None
    return dt.datetime.combine(day, dt.time(23, 59, 59))


@dataclass(frozen=True)
class CallbackResult:
    due: dt.datetime | None
    status: CallbackStatus
    callback_at: dt.datetime | None  # the callback that counts (the earliest)
    satisfaction: str | None  # of the earliest callback that recorded one
    findings: tuple[Finding, ...] = ()  # the due date beyond the calendar


def callback_result(
    resolved_at: dt.datetime | None,
    callbacks: Sequence[tuple[dt.datetime, str | None]],
    callback_days: int,
    as_of: dt.datetime,
) -> CallbackResult:
    """Status of one ticket's callback.

    `callbacks` are the ticket's (callback_at, satisfaction) pairs in any
    order. The earliest callback counts: `done` if on or before the due day,
    `late` after it. Without one: `missing` once as_of is past the due time,
    else `pending`. Unresolved repairs: `n/a`.
    """
    if len(callbacks) < 2:  # most tickets: nothing to order
        ordered = list(callbacks)
        rated = ordered[0][1] if ordered and ordered[0][1] else None
    else:
        ordered = sorted(callbacks, key=lambda c: c[0])
        rated = next((s for _, s in ordered if s), None)
    if resolved_at is None:
        return CallbackResult(None, "n/a", ordered[0][0] if ordered else None, rated)
    due = callback_due(resolved_at, callback_days)
    if due is None:  # after 9999-12-31: nothing can be late for it
        beyond = (beyond_calendar("resolved_at", "callback"),)
        if ordered:
            return CallbackResult(None, "done", ordered[0][0], rated, beyond)
        return CallbackResult(None, "pending", None, None, beyond)
    if ordered:
        first = ordered[0][0]
        status: CallbackStatus = "done" if first.date() <= due.date() else "late"
        return CallbackResult(due, status, first, rated)
    return CallbackResult(due, "missing" if as_of > due else "pending", None, None)
