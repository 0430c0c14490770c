"""Turn the data rows into records; every row is written or rejected with a reason.

Per row, mapped cells are read by their field's type (see `parse`); a cell
that cannot be read is not guessed: the field stays blank, the original
text goes into notes as "label: value" and a warning names the cell. Date
and time parts are combined; a time part without its own date takes the
date of the row's main date (报修日期), and an end time earlier than the
start rolls over to the next day when that makes it at most 12 hours later
(a night shift), otherwise it is kept as written (validate flags it).
Unmapped columns are appended to notes as "label: value", except a column
holding one value in every row, which is named once in the Import Report.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sheetdesk.io.values import is_blank
from sheetdesk.legacy.carry import is_ditto
from sheetdesk.legacy.parse import (
    present_text,
    read_date,
    read_datetime,
    read_enum,
    read_month_day,
    read_number,
    read_text,
    read_time,
)
from sheetdesk.legacy.result import ColumnMap, ImportResult
from sheetdesk.legacy.sniff import short
from sheetdesk.legacy.targets import PRIMARY_DATETIME
from sheetdesk.legacy.texts import KIND_WORDS
from sheetdesk.schema import Field

ROLLOVER_LIMIT = dt.timedelta(hours=12)
TYPE_WORDS = {"datetime": "a date and time", "date": "a date", "number": "a number", "integer": "a whole number"}


class RowBuilder:
    """Builds one record per row; counts what it had to decide."""

    def __init__(self, result: ImportResult, constant: set[int]) -> None:
        self.result = result
        self.register = result.register
        self.constant = constant
        self.fields = {c.index: self.register.field(c.target.key) for c in result.columns if c.target.is_field}
        self.primary = PRIMARY_DATETIME.get(result.kind)
        self.has_time_part = {c.target.key: True for c in result.columns if c.target.part == "time"}
        self.rolled = 0
        self.not_rolled = 0
        self.midnight: dict[str, int] = {}  # key -> rows with a date but a blank time
        self.unread: dict[int, int] = {}
        # Per column: what it is and a memo of its distinct values (read once each).
        self.plan: list[tuple[ColumnMap, Field | None, str, dict[Any, tuple[bool, str, Any]]]] = []
        for col in result.columns:
            if col.target.is_skip or (col.target.is_keep and col.index in constant):
                continue
            f = self.fields.get(col.index)
            if col.target.is_keep:
                part = "keep"
            elif f is not None and f.key == "notes":
                part = "notes"
            elif col.target.part != "value":
                part = col.target.part
            elif f is not None and f.type == "datetime":
                part = "datetime"
            else:
                part = "value"
            self.plan.append((col, f, part, {}))

    def build(self, row: list[Any], excel_row: int) -> tuple[dict[str, Any], bool]:
        """The record of one row and whether the row had anything to import."""
        self.main_date_col: dt.date | None = None
        record: dict[str, Any] = {}
        notes_own: list[str] = []
        notes_kept: list[str] = []
        parts: dict[str, dict[str, Any]] = {}
        part_cols: dict[tuple[str, str], ColumnMap] = {}
        broken: set[str] = set()  # datetimes whose time could not be read: not guessed
        usable = False
        width = len(row)
        for col, f, part, memo in self.plan:
            value = row[col.index] if col.index < width else None
            if value is None or value == "":
                continue
            memo_key = value if type(value) is str else (type(value), value)  # 1, 1.0 and True apart
            cell = memo.get(memo_key)
            if cell is None:
                cell = memo[memo_key] = self._prepare(col, f, part, value)
            blank, text, read = cell
            if blank:
                continue
            if part == "keep":
                notes_kept.append(text)
                continue
            if part == "notes":
                notes_own.append(text)
                continue
            usable = True
            assert f is not None  # a field column (keep and notes columns are handled above)
            if read is None:
                self._unread(col, f, value, excel_row, notes_kept)
                if part == "time":
                    broken.add(f.key)
                continue
            if part in ("date", "time", "datetime"):
                parts.setdefault(f.key, {})[part] = read
                if f.key == self.primary and isinstance(read, dt.datetime):
                    self.main_date_col = read.date()
                part_cols[(f.key, part)] = col
                continue
            record[f.key] = read
        for key in broken:
            date_col = part_cols.get((key, "date"))
            if date_col is not None:
                notes_kept.append(f"{date_col.label}: {read_text(row[date_col.index])}")
            parts.pop(key, None)
        if parts:
            self._combine(parts, part_cols, record, notes_kept, excel_row)
        notes = [n for n in notes_own if n] + notes_kept
        if notes:
            record["notes"] = "; ".join(notes)
        return record, usable

    def _prepare(self, col: ColumnMap, f: Field | None, part: str, value: Any) -> tuple[bool, str, Any]:
        """(blank, text for notes, read value) of one distinct cell value of a column."""
        if is_blank(value):
            return True, "", None
        text = present_text(value) or ""
        if part == "keep":
            return False, f"{col.label}: {text}", None
        if part == "notes" or f is None:
            return False, text, None
        if part == "time":
            return False, text, read_time(value)
        if part in ("date", "datetime"):
            stamp = read_datetime(value, col.dayfirst)
            if stamp is None and col.year is not None:
                stamp = read_month_day(value, col.year)
            return False, text, stamp
        return False, text, self._read(f, value, col)

    def _read(self, f: Field, value: Any, col: ColumnMap) -> Any:
        if f.type == "date":
            day = read_date(value, col.dayfirst)
            if day is None and col.year is not None:
                stamp = read_month_day(value, col.year)
                day = stamp.date() if stamp else None
            return day
        if f.type in ("number", "integer"):
            return read_number(value)
        if f.enum is not None:
            return read_enum(value, f)
        return present_text(value)  # _prepare saw it is not blank

    def _unread(self, col: ColumnMap, f: Field, value: Any, excel_row: int, notes: list[str]) -> None:
        notes.append(f"{col.label}: {read_text(value)}")
        self.unread[col.index] = self.unread.get(col.index, 0) + 1
        kind = {"time": "a time", "date": "a date"}.get(col.target.part) or TYPE_WORDS.get(f.type)
        what = KIND_WORDS[kind] if kind else KIND_WORDS["choices"].bind(field=f.title)
        at = {"sheet": self.result.sheet, "row": excel_row, "column": f.key, "col_index": col.index, "value": value}
        self.result.report.add(
            "import.value_unread", at, column=col.label, value=short(value, 60), what=what, field=f.title
        )

    def _combine(
        self,
        parts: dict[str, dict[str, Any]],
        cols: dict[tuple[str, str], ColumnMap],
        record: dict[str, Any],
        notes: list[str],
        excel_row: int,
    ) -> None:
        """Date and time parts -> datetimes; a lone time borrows the main date."""
        main_date: dt.date | None = None
        if self.primary and self.primary in parts:
            p = parts[self.primary]
            main_date = p["datetime"].date() if "datetime" in p else p["date"].date() if "date" in p else None
        elif self.primary and self.main_date_col is not None:
            # The main datetime was dropped (unreadable time); its date still dates the other times.
            main_date = self.main_date_col
        main_stamp: dt.datetime | None = None
        for key in sorted(parts, key=lambda k: k != self.primary):
            p = parts[key]
            stamp: dt.datetime | None = p.get("datetime")
            date = p["date"].date() if "date" in p else stamp.date() if stamp else None
            borrowed = False
            if date is None and key != self.primary and main_date is not None:
                date, borrowed = main_date, True
            if "time" in p:
                if date is None:
                    col = cols[(key, "time")]
                    notes.append(f"{col.label}: {p['time'][0].strftime('%H:%M')}")
                    at = {"sheet": self.result.sheet, "row": excel_row, "column": key, "col_index": col.index}
                    field = self.register.field(key).title
                    self.result.report.add("import.time_without_date", at, column=col.label, field=field)
                    continue
                time, days = p["time"]
                stamp = dt.datetime.combine(date, time) + dt.timedelta(days=days)
            elif date is not None:
                if stamp is None:
                    stamp = dt.datetime.combine(date, dt.time())
                    if self.has_time_part.get(key):
                        self.midnight[key] = self.midnight.get(key, 0) + 1
            if stamp is None:
                continue
            if borrowed and main_stamp is not None and stamp < main_stamp:
                if stamp + dt.timedelta(days=1) - main_stamp <= ROLLOVER_LIMIT:
                    stamp += dt.timedelta(days=1)
                    self.rolled += 1
                else:
                    self.not_rolled += 1
                    end_col = cols.get((key, "time"))
                    at = {
                        "sheet": self.result.sheet,
                        "row": excel_row,
                        "column": key,
                        "col_index": end_col.index if end_col else None,
                        "value": f"{stamp:%H:%M}",
                    }
                    self.result.report.add(
                        "import.end_before_start",
                        at,
                        field=self.register.field(key).title,
                        end=f"{stamp:%H:%M}",
                        start_field=self.register.field(self.primary or key).title,
                        start=f"{main_stamp:%H:%M}",
                    )
            record[key] = stamp
            if key == self.primary:
                main_stamp = stamp


def ticket_for(row: list[Any], excel_row: int, seen: set[str]) -> str:
    """A stable ticket number from the row's content (same row, same number)."""
    import hashlib

    text = "\x1f".join(["" if v is None else str(v) for v in row]).rstrip("\x1f")
    ticket = "IMP-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8].upper()
    if ticket in seen:
        ticket = f"{ticket}-{excel_row}"
    seen.add(ticket)
    return ticket


def constant_columns(result: ImportResult, rows: list[list[Any]], order: list[int]) -> dict[int, str]:
    """Kept columns with one value in every written row (named once, not in every note)."""
    found: dict[int, str] = {}
    if len(order) < 5:
        return found
    for col in result.columns:
        if not col.target.is_keep:
            continue
        c = col.index
        raws: set[Any] = set()
        for r in order:
            raws.add(rows[r][c] if c < len(rows[r]) else None)
            if len(raws) > 8:  # spellings of one value are few: `是`, ` 是`, `是 `
                break
        else:
            values = {read_text(v) for v in raws}
            if len(values) == 1:
                value = next(iter(values))
                if value is not None and not is_ditto(value):
                    found[c] = value
    return found
