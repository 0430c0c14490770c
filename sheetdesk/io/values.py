"""Turn raw cell values into typed values: dates, datetimes, numbers, enums.

Each `coerce_*` function takes one raw value (as calamine or csv gives it)
and returns `(value, problem)`: the typed value or None, and a message (a
`Bound` sentence in English and Chinese) when the raw value is present but
cannot be read as the type. A blank is `(None, None)`. They never raise,
whatever they are given.

The registers and the policy sheets are read with these same functions:
`coercer(field)` gives the one for a declared field of any type, including
the policy's durations, times of day, weekdays and percentages
(`sheetdesk.io.policy_text`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from sheetdesk.i18n import Bound, Msg
from sheetdesk.io import policy_text
from sheetdesk.rules.durations import parse_duration
from sheetdesk.rules.intervals import parse_interval
from sheetdesk.schema.fields import Enum, Field

Result = tuple[Any, Bound | None]

NOT_A_DATE = Msg("{value} is not a date", "{value} 不是日期")
NOT_A_DATE_TEXT = Msg("{value} is not a date (write it as 2025-03-01)", "{value} 不是日期（请写作 2025-03-01）")
AMBIGUOUS_DATE = Msg(
    "{value} is ambiguous (day/month?); write it as 2025-03-01", "{value} 分不清日和月，请写作 2025-03-01"
)
NOT_A_DATETIME = Msg("{value} is not a date and time", "{value} 不是日期时间")
NOT_A_DATETIME_TEXT = Msg(
    "{value} is not a date and time (write it as 2025-03-01 14:30)", "{value} 不是日期时间（请写作 2025-03-01 14:30）"
)
NOT_A_NUMBER = Msg("{value} is not a number", "{value} 不是数字")
NOT_A_WHOLE_NUMBER = Msg("{value} is not a whole number", "{value} 不是整数")
NOT_A_CHOICE = Msg("{value} is not one of: {choices}", "{value} 不是以下之一：{choices}")
NOT_AN_INTERVAL = Msg(
    "cannot read {value} as an interval; write 1m, 3m, 6m, 1y or a number of days (90d)",
    "无法把 {value} 读作周期；请写成 1m、3m、6m、1y 或天数（90d）",
)
NOT_A_DURATION = Msg(
    "cannot read {value} as a duration; write e.g. 30min, 4h, 1.5h, 2d",
    "无法把 {value} 读作时长；请写成 30min、4h、1.5h、2d 等",
)


def shown(value: Any) -> str:
    """A raw cell as a message quotes it: text in quotes, other values as Python writes them."""
    return f"'{value}'" if isinstance(value, str) else repr(value)


EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Serial numbers Excel can show as dates: 1 (1900-01-01) .. 2958465 (9999-12-31).
MIN_SERIAL, MAX_SERIAL = 1, 2958465
BLANK_MARKERS = frozenset({"", "-", "--", "/", "?", "??", "???", "????", "#", "n/a", "na", "null", "none", "—", "无"})


def fold(text: str) -> str:
    """NFKC: full-width digits, letters, colons and spaces become ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        if len(value) > _LONGEST_MARKER and value.strip() is value:
            return False  # most text: longer than any marker, and NFKC never folds it into one (below)
        if value.isascii():  # NFKC leaves ASCII as it is: no need to fold
            return value.strip().casefold() in BLANK_MARKERS
        return fold(value).casefold() in BLANK_MARKERS
    return False


def blank_cells(values: Iterable[Any]) -> list[bool]:
    """`is_blank` of every cell of a column, in order.

    A text that repeats down a column (a fault level, an enum label) is
    looked at once; other cells go through `is_blank` as they are.
    """
    memo: dict[str, bool] = {}
    get = memo.get
    return [
        (b if (b := get(v)) is not None else memo.setdefault(v, is_blank(v))) if type(v) is str else is_blank(v)
        for v in values
    ]


# A string longer than any blank marker, with nothing to strip, is its own
# text: NFKC never shortens a string into one of the markers (it only
# lengthens text, or composes a letter with its marks into one that is no
# marker's; no character folds into bare spaces).
_LONGEST_MARKER = max(len(m) for m in BLANK_MARKERS)


def branch_key(name: Any) -> str:
    """How branch names are compared by split, collect and the worklist: NFKC, spaces
    collapsed, case-blind; a blank or a blank marker (`-`, `N/A`) is no branch ("")."""
    if name is None or is_blank(name):
        return ""
    text = unicodedata.normalize("NFKC", str(name))
    return " ".join(text.split()).casefold()


def from_serial(serial: float) -> dt.datetime | None:
    if not (MIN_SERIAL <= serial <= MAX_SERIAL):
        return None
    # Round to the second: Excel stores times as binary fractions of a day.
    return EXCEL_EPOCH + dt.timedelta(seconds=round(serial * 86400))


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DMY = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_YMD_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MON_NAMES = {
    m.lower(): i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_D_MON_Y = re.compile(r"^(\d{1,2})[\s\-/]*([a-z]{3})[a-z]*[\s\-/,]*(\d{4})$", re.I)
_MON_D_Y = re.compile(r"^([a-z]{3})[a-z]*[\s\-/]*(\d{1,2})(?:st|nd|rd|th)?[\s,\-/]*(\d{4})$", re.I)
_TIME = re.compile(
    r"^(\d{1,2})\s*[:;：.时点]\s*:?\s*(\d{1,2})(?:\s*[:;.分]\s*(\d{1,2}(?:\.\d+)?))?\s*[秒分]?\s*(am|pm|上午|下午)?$",
    re.I,
)
_TIME_COMPACT = re.compile(r"^(\d{1,2})(\d{2})$")
_AMPM_PREFIX = re.compile(r"^(上午|下午|am|pm)\s*(.+)$", re.I)


def parse_date_text(text: str, dayfirst: bool | None = None) -> dt.date | None:
    """Date text in Chinese and Western forms; None if it is not a date.

    `dayfirst` decides `03/04/2023`: True = 3 April, False = 4 March,
    None = only read it when one part is > 12 (unambiguous).
    """
    s = fold(text)
    try:
        m = _YMD.match(s)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.match(s)
        if m:
            a, b, y = int(m[1]), int(m[2]), int(m[3])
            if a > 12 or (dayfirst is True and b <= 12):
                return dt.date(y, b, a)
            if b > 12 or dayfirst is False:
                return dt.date(y, a, b)
            return None
        m = _YMD_COMPACT.match(s)
        if m and 1900 <= int(m[1]) <= 2100:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _D_MON_Y.match(s)
        if m and m[2].lower()[:3] in _MON_NAMES:
            return dt.date(int(m[3]), _MON_NAMES[m[2].lower()[:3]], int(m[1]))
        m = _MON_D_Y.match(s)
        if m and m[1].lower()[:3] in _MON_NAMES:
            return dt.date(int(m[3]), _MON_NAMES[m[1].lower()[:3]], int(m[2]))
    except ValueError:  # 2023-02-30
        return None
    return None


def parse_time_text(text: str, *, compact: bool = False) -> dt.time | None:
    """`14:30`, `2:30 PM`, `12：30`, `12;30`, `14时30分`, and `730` when compact."""
    s = fold(text).replace("：", ":")
    m = _AMPM_PREFIX.match(s)
    if m:
        s = f"{m[2]} {m[1]}"
    m = _TIME.match(s)
    if not m and compact:
        m2 = _TIME_COMPACT.match(s)
        if m2:
            s = f"{m2[1]}:{m2[2]}"
            m = _TIME.match(s)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2])
    second = float(m[3]) if m[3] else 0.0
    ampm = (m[4] or "").lower()
    if ampm in ("pm", "下午") and hour < 12:
        hour += 12
    if ampm in ("am", "上午") and hour == 12:
        hour = 0
    if hour == 24 and minute == 0:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60):
        return None
    return dt.time(hour, minute, int(second))


def parse_datetime_text(text: str, dayfirst: bool | None = None) -> dt.datetime | None:
    s = fold(text).replace("T", " ")
    d = parse_date_text(s, dayfirst)
    if d is not None:
        return dt.datetime(d.year, d.month, d.day)
    # Split the date from the time at the first space after the date part.
    m = re.match(r"^(.+?日|\S+)\s+(.+)$", s)
    if not m:
        return None
    d = parse_date_text(m[1], dayfirst)
    t = parse_time_text(m[2])
    if d is None or t is None:
        return None
    return dt.datetime.combine(d, t)


def coerce_text(value: Any) -> Result:
    if is_blank(value):
        return None, None
    if isinstance(value, str):
        s = value.strip()
        return (s or None), None
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), None
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value)), None
        return repr(value), None
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" "), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    return str(value), None


def coerce_date(value: Any, dayfirst: bool | None = None) -> Result:
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = from_serial(value)  # not float(): an int beyond a float's range is simply not a date
        if stamp is None:
            return None, NOT_A_DATE.bind(value=shown(value))
        return stamp.date(), None
    if isinstance(value, str):
        s = fold(value)
        d = parse_date_text(s, dayfirst)
        if d is None:
            full = parse_datetime_text(s, dayfirst)
            d = full.date() if full else None
        if d is None and re.fullmatch(r"\d{4,6}(\.\d+)?", s):
            stamp = from_serial(float(s))
            d = stamp.date() if stamp else None
        if d is None:
            if _DMY.match(s):
                return None, AMBIGUOUS_DATE.bind(value=shown(value))
            return None, NOT_A_DATE_TEXT.bind(value=shown(value))
        return d, None
    return None, NOT_A_DATE.bind(value=shown(value))


def coerce_datetime(value: Any, dayfirst: bool | None = None) -> Result:
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0), None
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        stamp = from_serial(value)  # not float(): an int beyond a float's range is simply not a date
        if stamp is None:
            return None, NOT_A_DATETIME.bind(value=shown(value))
        return stamp, None
    if isinstance(value, str):
        s = fold(value)
        stamp = parse_datetime_text(s, dayfirst)
        if stamp is None and re.fullmatch(r"\d{4,6}(\.\d+)?", s):
            stamp = from_serial(float(s))
        if stamp is None:
            return None, NOT_A_DATETIME_TEXT.bind(value=shown(value))
        return stamp, None
    return None, NOT_A_DATETIME.bind(value=shown(value))


_NUMBER_JUNK = re.compile(r"[,\s¥￥$€元]|RMB|CNY", re.I)


def coerce_number(value: Any) -> Result:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, NOT_A_NUMBER.bind(value=shown(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None, NOT_A_NUMBER.bind(value=shown(value))
        return value, None
    if isinstance(value, str):
        s = _NUMBER_JUNK.sub("", fold(value))
        try:
            number = float(s)
        except ValueError:
            return None, NOT_A_NUMBER.bind(value=shown(value))
        if not math.isfinite(number):
            return None, NOT_A_NUMBER.bind(value=shown(value))
        return (int(number) if number.is_integer() and "." not in s else number), None
    return None, NOT_A_NUMBER.bind(value=shown(value))


def coerce_integer(value: Any) -> Result:
    number, problem = coerce_number(value)
    if problem or number is None:
        return number, problem
    if isinstance(number, float) and not number.is_integer():
        return None, NOT_A_WHOLE_NUMBER.bind(value=shown(value))
    return int(number), None


def coerce_enum(value: Any, enum: Enum) -> Result:
    """The enum key a cell stands for (`Enum.read` caches per distinct text)."""
    if is_blank(value):
        return None, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = enum.read(value)
    if key is None:
        return None, NOT_A_CHOICE.bind(value=f"'{value}'", choices=enum.titles())
    return key, None


def coerce_yesno(value: Any, enum: Enum) -> Result:
    if isinstance(value, bool):
        return ("yes" if value else "no"), None
    return coerce_enum(value, enum)


def coerce_duration(value: Any) -> Result:
    """A policy duration (`30min`, `4h`, `1.5h`, `2d`, a bare number of hours, a time cell)."""
    if is_blank(value):
        return None, None
    try:
        return parse_duration(value), None
    except (ValueError, OverflowError) as exc:
        why = getattr(exc, "msg", None)
        return None, why if isinstance(why, Bound) else NOT_A_DURATION.bind(value=shown(value))


def coerce_interval(value: Any) -> Result:
    """A Maintenance interval (`1m`, `3m`, `6m`, `1y`, `90d`, a bare number of days, `半年`)."""
    if is_blank(value):
        return None, None
    try:
        return parse_interval(value), None
    except (ValueError, OverflowError) as exc:
        why = getattr(exc, "msg", None)
        return None, why if isinstance(why, Bound) else NOT_AN_INTERVAL.bind(value=shown(value))


def _blank_or(parse: Callable[[Any], Result]) -> Callable[[Any], Result]:
    def coerce(value: Any) -> Result:
        return (None, None) if is_blank(value) else parse(value)

    return coerce


coerce_time_of_day = _blank_or(policy_text.time_of_day)
coerce_weekdays = _blank_or(policy_text.weekdays)
coerce_percent = _blank_or(policy_text.percent)


def coercer(field: Field) -> Callable[[Any], Result]:
    """The coercion function for a declared field (a register's or a policy sheet's)."""
    if field.read_as is not None:
        read_as = field.read_as
        return lambda v: coerce_enum(v, read_as)
    if field.type == "date":
        return coerce_date
    if field.type == "datetime":
        return coerce_datetime
    if field.type == "number":
        return coerce_number
    if field.type == "integer":
        return coerce_integer
    if field.type in ("enum", "yesno") and field.enum is not None:
        enum = field.enum
        if field.type == "yesno":
            return lambda v: coerce_yesno(v, enum)
        return lambda v: coerce_enum(v, enum)
    if field.type == "any":
        return lambda v: (None if is_blank(v) else v, None)
    if field.type == "duration":
        return coerce_duration
    if field.type == "interval":
        return coerce_interval
    if field.type == "time":
        return coerce_time_of_day
    if field.type == "weekday":
        return coerce_weekdays
    if field.type == "percent":
        return coerce_percent
    return coerce_text


def coerce_column(field: Field, raw: list[Any]) -> tuple[list[Any], list[tuple[int, Bound]]]:
    """Coerce a whole column: the typed values and (index, problem) pairs.

    The same results as calling `coercer(field)` on every cell; cells whose
    result is known without the call (a date cell in a date column, an empty
    cell, a plain string in a text column) skip it, and a text that repeats
    down the column (an enum label, a branch) is coerced once.
    """
    coerce = coercer(field)
    problems: list[tuple[int, Bound]] = []
    memo: dict[str, Result] = {}
    # Text read before without a problem -> its value: looked up inline below,
    # without a call (a short name or an enum label repeats down a column).
    known: dict[str, Any] = {}
    get, missing = known.get, _MISSING

    def call(n: int, value: Any) -> Any:
        if type(value) is str:
            result = memo.get(value)
            if result is None:
                result = memo[value] = coerce(value)
                if result[1] is None:
                    known[value] = result[0]
        else:
            result = coerce(value)
        if result[1]:
            problems.append((n, result[1]))
        return result[0]

    datetime_, date_, str_ = dt.datetime, dt.date, str
    kind = "enum" if field.read_as is not None else field.type
    if kind == "datetime":
        typed = [
            v if type(v) is datetime_ and not v.microsecond else None if v == "" else call(n, v)
            for n, v in enumerate(raw)
        ]
    elif kind == "date":
        typed = [
            v if type(v) is date_ else v.date() if type(v) is datetime_ else None if v == "" else call(n, v)
            for n, v in enumerate(raw)
        ]
    elif kind == "number":  # v - v == 0 only for finite numbers (inf - inf and nan are nan)
        typed = [
            v if (type(v) is float and v - v == 0) or type(v) is int else None if v == "" else call(n, v)
            for n, v in enumerate(raw)
        ]
    elif kind == "text":
        typed = [
            v
            if type(v) is str_ and len(v) > _LONGEST_MARKER and v.strip() is v
            else None
            if v == ""
            else x
            if (x := get(v, missing)) is not missing
            else call(n, v)
            for n, v in enumerate(raw)
        ]
    else:
        typed = [
            None if v == "" else x if (x := get(v, missing)) is not missing else call(n, v) for n, v in enumerate(raw)
        ]
    return typed, problems


_MISSING: Any = object()
