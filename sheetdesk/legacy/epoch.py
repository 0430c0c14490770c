"""Unix timestamps in a date column: read as UTC dates and times, and said so.

Exports of databases and monitoring systems write moments as seconds or
milliseconds since 1970 (`1675209600000`). A column of them is a date column
only when its header names a moment (`failure_timestamp`, `created`): the
mapping checks that (`evidence.fit`); here its cells are read, in place, before
the rest of the import reads dates. Unix time is UTC, and the Import Report
says so: the log's own time zone is not known.
"""

from __future__ import annotations

from typing import Any

from sheetdesk.legacy.parse import read_epoch
from sheetdesk.legacy.result import ImportResult
from sheetdesk.legacy.sniff import Profile, epoch_column
from sheetdesk.legacy.texts import MILLISECONDS, SECONDS


def read_epochs(result: ImportResult, rows: list[list[Any]], kept: list[int], profiles: list[Profile]) -> None:
    for col in result.columns:
        f = result.register.field(col.target.key) if col.target.is_field else None
        if f is None or f.type not in ("date", "datetime") or col.target.part == "time":
            continue
        if not epoch_column(profiles[col.index]):
            continue
        units: dict[str, int] = {}
        for r in kept:
            row = rows[r]
            found = read_epoch(row[col.index]) if col.index < len(row) else None
            if found is not None:
                row[col.index] = found[0] if f.type == "datetime" else found[0].date()
                units[found[1]] = units.get(found[1], 0) + 1
        if units:
            unit = SECONDS if max(units, key=lambda u: units[u]) == "s" else MILLISECONDS
            result.decide("dates.epoch", col.label, column=col.label, count=sum(units.values()), unit=unit)
