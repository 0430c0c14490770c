"""Read legacy cell values (SPEC §6): dates, times, numbers, enums, text.

Builds on `sheetdesk.io.values` and adds what hand-kept logs need: Excel
serials only in a plausible range (1980-2100) so that a year or a count is
not read as a date, two-digit years, compact times (`730`), `24:00` as the
end of the day, ITIL priorities as fault levels, and the per-column
day-first / month-first decision from the evidence.

Every `read_*` returns None for a value it cannot read; blanks are None too
(callers tell them apart with `is_blank`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.io.values import (
    coerce_number,
    coerce_text,
    fold,
    from_serial,
    is_blank,
    parse_datetime_text,
    parse_time_text,
)
from sheetdesk.legacy.synonyms import VALUE_SYNONYMS
from sheetdesk.schema import Enum, Field, normalize_label

# Serials a legacy service log can mean as dates: 1980-01-01 .. 2099-12-31.
SERIAL_MIN, SERIAL_MAX = 29221, 73050

_DMY_TEXT = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})(?=$|[\sT])")
_SHORT_YEAR = re.compile(r"^(\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*)(\d{2})(?=$|\s)")
_NUMERIC = re.compile(r"^\d{4,6}(\.\d+)?$")
# `2 - High`, `1 - Critical`, `3、一般`: a level number followed by a priority word, nothing else.
# (`1、更换故障部件` is the first step of a treatment, not level 一级.)
_ITIL_LEVEL = re.compile(
    r"^\s*(?:p|level\s*)?([1-4])\s*[-–—.:、)]\s*"
    r"(critical|urgent|very high|high|medium|moderate|normal|low|planning|紧急|特急|高|中|低|一般|严重|较急|不急)\s*$"
)
_LEVELS = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_ONE_DIGIT_MINUTE = re.compile(r"^\d{1,2}\s*[:;.]+\s*\d$")
_END_OF_DAY = re.compile(r"^24\s*[:：;.]?\s*0?0(\s*[:：]\s*00)?$")


def _serial(value: float) -> dt.datetime | None:
    if not (SERIAL_MIN <= value <= SERIAL_MAX + 1):
        return None
    return from_serial(value)


_ZONE = re.compile(r"(?<=:\d\d)(\.\d+)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)$", re.I)


# `Mon Feb  9 00:13:28 2026` (C's ctime, Unix `date`): the weekday goes, the year moves before the time.
_WEEKDAY = re.compile(r"^\s*(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?=[a-z]{3})", re.I)
_CTIME = re.compile(
    r"^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(?:(\d{1,2}:\d{2}(?::\d{2})?)\s+(\d{4})|(\d{4})\s+(\d{1,2}:\d{2}(?::\d{2})?))$",
    re.I,
)
_MONTHS = {
    name: i
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
         "aug august", "sep sept september", "oct october", "nov november", "dec december"),
        start=1,
    )
    for name in names.split()
}  # fmt: skip


def _iso_from_month_name(m: re.Match[str]) -> str:
    """`Feb 9 00:13:28 2026` or `Feb 9, 2026 00:13` as `2026-02-09 00:13:28`; other words are left alone."""
    month = _MONTHS.get(m[1].lower())
    if month is None:
        return m[0]
    year, clock = (m[4], m[3]) if m[4] else (m[5], m[6])
    return f"{year}-{month:02d}-{int(m[2]):02d} {clock}"


# A clock time as clerks write it in Chinese: `上午9点`, `下午3点半`, `晚上8:30`, `9点30分`, `14时`.
_PERIOD = "上午|早上|早晨|清晨|凌晨|中午|下午|傍晚|晚上|夜间|夜里"
_CLOCK_ZH = re.compile(
    rf"(?:({_PERIOD})\s*)?(?<![\d.])(\d{{1,2}})\s*(?:[点时]钟?\s*(?:(半)|(\d{{1,2}})\s*(?:分钟?)?)?|[:：]\s*(\d{{2}}))"
    r"(?![\d:：.])"
)
_AFTERNOON = {"下午", "傍晚", "晚上", "夜间", "夜里"}
_CLOCK_HINT = re.compile("[点时午晚凌傍夜早清]")  # a character every Chinese clock time above has


def _clock(m: re.Match[str]) -> str:
    """One Chinese clock time as `HH:MM` on the 24-hour clock; left as written when it is not a time."""
    period, hour = m[1], int(m[2])
    minute = 30 if m[3] else int(m[4] or m[5] or 0)
    if period is None and m[5] is not None:
        return m[0]  # a plain `9:30` is the parser's own business
    if period in _AFTERNOON and hour < 12:
        hour += 12
    elif period == "中午" and hour < 11:
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    elif period in _AFTERNOON and hour == 12 and period != "下午":
        return m[0]  # 晚上12点: midnight of which day? not guessed
    if hour > 23 and not (hour == 24 and minute == 0) or minute > 59:
        return m[0]
    return f"{hour:02d}:{minute:02d}"


def clock_zh(text: str) -> str:
    """`2023年5月1日 上午9点` -> `2023年5月1日 09:00`; `下午3点半` -> `15:30`."""
    if _CLOCK_HINT.search(text) is None:  # most values: one scan, no rewrite
        return text
    return _CLOCK_ZH.sub(_clock, text)


def _prepare(text: str) -> str:
    """Fold full-width forms, drop a time zone, expand two-digit years, space `日` from the time.

    A zone (`+01:00`, `Z`) is dropped: the clock time is kept as the log wrote it.
    """
    s = _ZONE.sub(lambda m: m[1] or "", clock_zh(fold(text)))
    s = _CTIME.sub(_iso_from_month_name, _WEEKDAY.sub("", s))
    s = _SHORT_YEAR.sub(lambda m: m[1] + ("20" if int(m[2]) < 70 else "19") + m[2], s)
    s = re.sub(r"日(?=\d)", "日 ", s)
    return s


# The stamps exports write most, in plain ASCII digits: `2024-05-12 14:30`, `2024/5/12 14:30:05`,
# `2024.05.12`, `2024年5月12日 14:30`. They are read here directly, a column of them costing a regex
# match per value; anything else (and any value here that is not a real date or time) takes the
# general path below, which reads these forms to the same value (tests/legacy/test_plain_stamps.py).
_PLAIN_STAMP = re.compile(
    r"([0-9]{4})(?:[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?: +|$)|年([0-9]{1,2})月([0-9]{1,2})日 *)"
    r"(?:([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?)?"
)


def plain_stamp(text: str) -> tuple[dt.datetime, bool] | None:
    """A stamp in one of the plain forms, and whether it has a time of day (None for any other text)."""
    m = _PLAIN_STAMP.fullmatch(text)
    if m is None:
        return None
    year, month, day, hour, minute, second = m.group(1, 2, 3, 6, 7, 8)
    if month is None:
        month, day = m[4], m[5]
        if hour is None and text[-1] == " ":
            return None  # `2024年5月12日 ` is for the general path (it folds the trailing space away)
    elif hour is None and text[-1] == " ":
        return None
    try:
        if hour is None:
            return dt.datetime(int(year), int(month), int(day)), False
        if int(hour) > 23:
            return None  # `24:00` is the end of the day: the general path's business
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0)), True
    except ValueError:  # 2023-02-30, 10:75
        return None


def read_datetime(value: Any, dayfirst: bool | None = None) -> dt.datetime | None:
    """A date and time (a date alone is midnight)."""
    if type(value) is str and (plain := plain_stamp(value)) is not None:
        return plain[0]
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return _serial(float(value))
    if isinstance(value, str):
        s = _prepare(value)
        stamp = parse_datetime_text(s, dayfirst)
        if stamp is None and _NUMERIC.match(s):
            stamp = _serial(float(s))
        return stamp
    return None


# Unix time as exports write it: seconds (10 digits) or milliseconds (13 digits) since 1970-01-01 UTC,
# accepted for 2000-01-01 .. 2099-12-31 only, and only in a column whose header names a moment.
_EPOCH_MIN, _EPOCH_MAX = 946_684_800, 4_102_444_800
_EPOCH_TEXT = re.compile(r"^(\d{10}|\d{13})(\.0+)?$")


def read_epoch(value: Any) -> tuple[dt.datetime, str] | None:
    """A Unix timestamp as a UTC date and time, and its unit (`s` or `ms`)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer():
        number = int(value)
    elif isinstance(value, str) and _EPOCH_TEXT.match(fold(value).strip()):
        number = int(float(fold(value).strip()))
    else:
        return None
    if _EPOCH_MIN <= number < _EPOCH_MAX:
        seconds, unit = float(number), "s"
    elif _EPOCH_MIN * 1000 <= number < _EPOCH_MAX * 1000:
        seconds, unit = number / 1000, "ms"
    else:
        return None
    return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=round(seconds)), unit


def read_date(value: Any, dayfirst: bool | None = None) -> dt.date | None:
    stamp = read_datetime(value, dayfirst)
    return stamp.date() if stamp else None


def read_time(value: Any) -> tuple[dt.time, int] | None:
    """A time of day and the days it adds (1 for `24:00`, the end of the day)."""
    if is_blank(value) or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0), 0
    if isinstance(value, dt.time):
        return value.replace(microsecond=0), 0
    if isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
        return _from_seconds(seconds)
    if isinstance(value, (int, float)):
        number = float(value)
        if 0 <= number < 1:
            return _from_seconds(round(number * 86400))
        if number.is_integer() and 0 <= number <= 2400 and number % 100 < 60:
            return _from_seconds(int(number) // 100 * 3600 + int(number) % 100 * 60)
        return None
    if isinstance(value, str):
        s = clock_zh(fold(value)).replace("：", ":")
        if _END_OF_DAY.match(s) or s == "2400":
            return dt.time(0, 0), 1
        if _ONE_DIGIT_MINUTE.match(s):
            return None  # "10:4" is 10:04 or a cut-off 10:4x: not guessed
        t = parse_time_text(s, compact=True)
        if t is None:
            stamp = parse_datetime_text(_prepare(s))
            if stamp is not None and (stamp.hour or stamp.minute):
                return stamp.time(), 0
            return None
        return t, 0
    return None


def _from_seconds(seconds: int) -> tuple[dt.time, int] | None:
    if seconds == 86400:
        return dt.time(0, 0), 1
    if not 0 <= seconds < 86400:
        return None
    return dt.time(seconds // 3600, seconds % 3600 // 60, seconds % 60), 0


def read_number(value: Any) -> float | int | None:
    number, problem = coerce_number(value)
    return None if problem else number


def _enum_table(enum: Enum, extra: str) -> dict[str, str]:
    """Folded spelling -> choice key: the schema's spellings, then the legacy ones (built once per enum).

    Kept by the enum's identity: hashing a frozen `Enum` walks all its choices, which cost more than
    the lookup itself when every distinct value of a column is read.
    """
    found = _ENUM_TABLES.get((id(enum), extra))
    if found is None or found[0] is not enum:
        table = dict(enum.lookup())
        for spelling, choice in VALUE_SYNONYMS.get(extra, {}).items():
            table.setdefault(normalize_label(spelling), choice)
        found = _ENUM_TABLES[(id(enum), extra)] = (enum, table)  # the enum is kept: its id stays its own
    return found[1]


_ENUM_TABLES: dict[tuple[int, str], tuple[Enum, dict[str, str]]] = {}


def read_enum(value: Any, f: Field) -> str | None:
    """An enum or yes/no key: the schema's spellings, then the legacy ones."""
    if f.enum is None or is_blank(value):
        return None
    if isinstance(value, bool):
        return ("yes" if value else "no") if f.type == "yesno" else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _enum_key(value, normalize_label(value), f)


def enums_read(value: Any, fields: list[Field]) -> tuple[str, ...]:
    """The keys of the enum `fields` that read `value` as one of their choices (`read_enum`, folded once)."""
    if is_blank(value):
        return ()
    if isinstance(value, bool):
        return tuple(f.key for f in fields if f.enum is not None and f.type == "yesno")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    folded = normalize_label(value)
    return tuple(f.key for f in fields if f.enum is not None and _enum_key(value, folded, f) is not None)


def _enum_key(value: Any, folded: str, f: Field) -> str | None:
    assert f.enum is not None
    key = _enum_table(f.enum, "yesno" if f.type == "yesno" else f.key).get(folded)
    if key is not None:
        return key
    if f.key == "fault_level":
        m = _ITIL_LEVEL.match(fold(str(value)).casefold())
        if m:
            return _LEVELS[m[1]]
        if folded.endswith("级") and folded[:-1] in {"i", "ii", "iii", "iv"}:
            return folded[:-1].upper()
    return None


def read_text(value: Any) -> str | None:
    return None if is_blank(value) else present_text(value)


def present_text(value: Any) -> str | None:
    """`read_text` of a value already known not to be blank."""
    if type(value) is str:
        return value.strip() or None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    text: str | None = coerce_text(value)[0]
    return text


# `5月1日`, `5月1号`, `5月1日 上午9点`: a date without its year (a monthly ledger writes the year once, on top).
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?(?:\s*(\d{1,2}:\d{2}(?::\d{2})?))?$")


def read_month_day(value: Any, year: int) -> dt.datetime | None:
    """A month-day date (`5月1日`, with a time or not) in the given year."""
    if not isinstance(value, str):
        return None
    m = _MONTH_DAY.match(_prepare(value).strip())
    if not m:
        return None
    try:
        stamp = dt.datetime(year, int(m[1]), int(m[2]))
    except ValueError:
        return None
    if m[3]:
        t = parse_time_text(m[3])
        if t is None:
            return None
        stamp = dt.datetime.combine(stamp.date(), t)
    return stamp


def is_month_day(value: Any) -> bool:
    """A date written without its year (`5月1日`): a date to the profile, read only once a year is known."""
    return read_month_day(value, 2000) is not None  # 2000 is a leap year: 2月29日 is a date


def looks_like_date(value: Any) -> bool:
    """A value that reads as a date with any day order, or a date without its year (for sniffing)."""
    if isinstance(value, str):
        if plain_stamp(value) is not None:
            return True
        s = _prepare(value)
        m = _DMY_TEXT.match(s)
        if m:
            return int(m[1]) <= 31 and int(m[2]) <= 31
        if read_datetime(value, None) is not None:
            return True
        return "月" in s and _MONTH_DAY.match(s.strip()) is not None and is_month_day(value)
    return read_datetime(value, None) is not None


def has_time_of_day(value: Any) -> bool:
    if type(value) is str and (plain := plain_stamp(value)) is not None:
        return plain[1]
    stamp = read_datetime(value, True) or read_datetime(value, False) or read_month_day(value, 2000)
    if isinstance(value, str) and stamp is not None:
        return bool(re.search(r"\d[:：时点]\s*\d|\d\s*点|[午晚上]\s*\d", fold(value)))
    return stamp is not None and (stamp.hour, stamp.minute, stamp.second) != (0, 0, 0)


@dataclass
class DateOrder:
    """How a column's `a/b/yyyy` dates are read, and why."""

    dayfirst: bool | None
    decision: str  # year-first | day-first | month-first | ambiguous | mixed | mapping file
    day_first: int = 0  # values whose first part is > 12
    month_first: int = 0  # values whose second part is > 12
    ambiguous: int = 0  # values with both parts <= 12
    examples: list[str] = field(default_factory=list)

    @property
    def is_warning(self) -> bool:
        return self.decision in ("mixed", "ambiguous")


def _order_slot(value: str) -> int:
    """0: day-first (13/01), 1: month-first (01/13), 2: ambiguous (03/04), -1: no day/month text."""
    if _PLAIN_STAMP.fullmatch(value):
        return -1  # year first
    m = _DMY_TEXT.match(_prepare(value))
    if not m:
        return -1
    a, b = int(m[1]), int(m[2])
    return 0 if a > 12 >= b else 1 if b > 12 >= a else 2 if a <= 12 and b <= 12 else -1


def date_order(values: Iterable[Any], keep: int = 2) -> DateOrder:
    """Decide day-first vs month-first for one column from its text dates."""
    day_first: list[str] = []
    month_first: list[str] = []
    ambiguous: list[str] = []
    counts = [0, 0, 0]
    slots: dict[str, int] = {}  # a text's slot, worked out once per distinct text
    for value in values:
        if type(value) is not str:
            continue
        slot = slots.get(value)
        if slot is None:
            slot = slots[value] = _order_slot(value)
        if slot < 0:
            continue
        counts[slot] += 1
        bucket = (day_first, month_first, ambiguous)[slot]
        if len(bucket) < keep and value.strip() not in bucket:
            bucket.append(value.strip())
    n_day, n_month, n_amb = counts
    if n_day and n_month:
        return DateOrder(None, "mixed", n_day, n_month, n_amb, day_first[:1] + month_first[:1])
    if n_day:
        return DateOrder(True, "day-first", n_day, 0, n_amb, day_first)
    if n_month:
        return DateOrder(False, "month-first", 0, n_month, n_amb, month_first)
    if n_amb:
        return DateOrder(None, "ambiguous", 0, 0, n_amb, ambiguous)
    return DateOrder(None, "year-first")
