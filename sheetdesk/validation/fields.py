"""Rules every register gets from its declaration: required, unique,
minimum values and dates in the future.

Each rule walks whole columns (plain lists) once, so 200k rows take a
fraction of a second.
"""

from __future__ import annotations

import datetime as dt

from sheetdesk.io.load import Table
from sheetdesk.io.values import is_blank
from sheetdesk.links import column_keys
from sheetdesk.report import Report
from sheetdesk.validation.messages import quoted, show

# A date up to this far ahead of now is a clock or time-zone slip, not a typo.
FUTURE_TOLERANCE = dt.timedelta(days=1)


def check_required(table: Table, report: Report) -> None:
    """A blank cell in a required column (a missing column is reported by the loader)."""
    for f in table.register.fields:
        if not f.required or f.key not in table.raw:
            continue
        raw = table.raw[f.key]
        # A blank reads as None; a None from an unreadable value is reported by the loader.
        for i in [i for i, value in enumerate(table.values[f.key]) if value is None and is_blank(raw[i])]:
            report.add("required", table.where(i, f.key), field=f.title)


def check_unique(table: Table, report: Report) -> None:
    """A second record with the same key: an error there, naming the first row."""
    for f in table.register.fields:
        if not f.unique or f.key not in table.values:
            continue
        values = table.values[f.key]
        first: dict[str, int] = {}
        for i, key in enumerate(column_keys(values)):
            if key is None:
                continue
            seen = first.setdefault(key, i)
            if seen != i:
                report.add(
                    "duplicate",
                    table.where(i, f.key),
                    field=f.title,
                    value=quoted(values[i]),
                    first_row=table.rows[seen],
                )


def check_min_values(table: Table, report: Report) -> None:
    """Numbers below the declared minimum (costs and fees are never negative)."""
    for f in table.register.fields:
        if f.min_value is None or f.key not in table.values:
            continue
        minimum = f.min_value
        values = table.values[f.key]
        for i in [i for i, value in enumerate(values) if value is not None and value < minimum]:
            value = values[i]
            if minimum == 0:
                report.add("range.negative", table.where(i, f.key), field=f.title, value=show(value))
            else:
                report.add(
                    "range.below_min",
                    table.where(i, f.key),
                    field=f.title,
                    value=show(value),
                    minimum=show(minimum),
                )


def check_future(table: Table, report: Report, now: dt.datetime) -> None:
    """Dates and times after now (+1 day): a typo in the year or month, usually."""
    # --as-of 9999-12-31: nothing can be later than the last moment a date holds
    limit = now + FUTURE_TOLERANCE if now < dt.datetime.max - FUTURE_TOLERANCE else dt.datetime.max
    for f in table.register.fields:
        if f.type not in ("date", "datetime") or f.key not in table.values:
            continue
        bound: dt.date = limit if f.type == "datetime" else limit.date()
        values = table.values[f.key]
        for i in [i for i, value in enumerate(values) if value is not None and value > bound]:
            report.add(
                "date.future",
                table.where(i, f.key),
                field=f.title,
                value=show(values[i]),
                now=show(now.replace(second=0, microsecond=0)),
            )


def check_declared(table: Table, report: Report, now: dt.datetime) -> None:
    check_required(table, report)
    check_unique(table, report)
    check_min_values(table, report)
    check_future(table, report, now)
