"""Reading policy cell values as python-calamine returns them.

Each reader takes one cell value (str, int, float, bool, date, datetime,
time, timedelta or None) and returns the parsed value or raises `ValueError`
with a message a clerk can act on. Blank cells are handled by the caller
(`is_blank`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

__all__ = [
    "is_blank",
    "parse_date",
    "parse_int",
    "parse_percent",
    "parse_time_minutes",
    "parse_weekday",
    "parse_weekdays",
    "text",
]

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_ONE = (dt.date(1899, 12, 31), dt.date(1900, 1, 1))


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def text(value: Any) -> str:
    """A cell as folded text (NFKC, stripped); whole floats lose their `.0`."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_int(value: Any) -> int:
    """A whole number >= 0 (12, 12.0, "12")."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        try:
            number = float(text(value))
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number") from None
    if not number.is_integer():
        raise ValueError(f"{value!r} is not a whole number")
    if number < 0:
        raise ValueError(f"{value!r} is negative")
    return int(number)


def parse_percent(value: Any) -> float:
    """0.98, 98, "98%" or "0.98" -> 0.98. Numbers above 1 are percents (1 = 100%)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a percentage")
    if isinstance(value, (int, float)):
        number = float(value)
        percent = number > 1
    else:
        raw = text(value).replace("％", "%")
        percent = raw.endswith("%")
        try:
            number = float(raw.rstrip("%").strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a percentage (write 98% or 0.98)") from None
        percent = percent or number > 1
    result = number / 100 if percent else number
    if not 0 <= result <= 1:
        raise ValueError(f"{value!r} is not a percentage between 0% and 100%")
    return result


_WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate(
    (
        ("mon", "monday", "周一", "星期一", "礼拜一", "一"),
        ("tue", "tues", "tuesday", "周二", "星期二", "礼拜二", "二"),
        ("wed", "wednesday", "周三", "星期三", "礼拜三", "三"),
        ("thu", "thur", "thurs", "thursday", "周四", "星期四", "礼拜四", "四"),
        ("fri", "friday", "周五", "星期五", "礼拜五", "五"),
        ("sat", "saturday", "周六", "星期六", "礼拜六", "六"),
        ("sun", "sunday", "周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天", "日", "天"),
    )
):
    _WEEKDAYS[str(_i + 1)] = _i
    for _n in _names:
        _WEEKDAYS[_n] = _i


def parse_weekday(value: Any) -> int:
    """`Mon`…`Sun`, `Monday`…, `周一`…`周日`, `星期一`, `1`…`7` -> 0..6 (Mon=0)."""
    key = text(value).casefold().rstrip(".")
    if key in _WEEKDAYS:
        return _WEEKDAYS[key]
    raise ValueError(f"{value!r} is not a weekday (write Mon…Sun, 周一…周日 or 1…7)")


_LIST_SEP = re.compile(r"\s*[,，、;；/]\s*")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*")


def parse_weekdays(value: Any) -> list[int]:
    """One weekday, a range (`Mon-Fri`, `周一至周五`, `1-5`) or a list (`Mon, Wed`) -> 0..6 list.

    A range wraps over the weekend (`Sat-Mon` = Sat, Sun, Mon).
    """
    raw = text(value)
    days: list[int] = []
    for part in _LIST_SEP.split(raw):
        if not part:
            continue
        ends = _RANGE_SEP.split(part.casefold())
        if len(ends) == 1:
            days.append(parse_weekday(ends[0]))
        elif len(ends) == 2:
            first, last = parse_weekday(ends[0]), parse_weekday(ends[1])
            days.extend((first + k) % 7 for k in range((last - first) % 7 + 1))
        else:
            raise ValueError(f"{value!r} is not a weekday range (write e.g. Mon-Fri)")
    if not days:
        raise ValueError(f"{value!r} is not a weekday")
    return list(dict.fromkeys(days))


_HHMM = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$")


def parse_time_minutes(value: Any) -> int:
    """A time of day as minutes 0..1440 (`24:00` = 1440).

    Accepts `datetime.time`, a datetime (its time; Excel's serial 1.0 read as
    1899-12-31/1900-01-01, as a date or a datetime, is 24:00), `timedelta` up to one day, Excel day fractions 0..1
    (0.375 = 09:00, 1 = 24:00), whole numbers 2..24 as hours, and text
    `HH:MM`, `HH:MM:SS`, `9点`, `9:00` with a full-width colon.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a time")
    if isinstance(value, dt.datetime):
        # Excel's 1.0 (24:00) read as a datetime: serial 1 is 1899-12-31 or
        # 1900-01-01 depending on the reader's epoch.
        if value.date() in _SERIAL_ONE and value.time() == dt.time():
            return 1440
        value = value.time()
    elif isinstance(value, dt.date):
        if value in _SERIAL_ONE:  # 24:00 shown with a date format
            return 1440
        raise ValueError(f"{value!r} is a date, not a time of day")
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + round(value.second / 60)
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
    elif isinstance(value, (int, float)):
        if 0 <= value <= 1:
            minutes = round(value * 1440)
        elif float(value).is_integer() and value <= 24:
            minutes = int(value) * 60
        else:
            raise ValueError(f"{value!r} is not a time of day")
    else:
        raw = text(value).replace("点", ":").replace("時", ":").rstrip(":")
        m = _HHMM.match(raw)
        if not m:
            raise ValueError(f"{value!r} is not a time (write HH:MM, e.g. 09:00)")
        hours, mins = int(m.group(1)), int(m.group(2) or 0)
        if mins >= 60:
            raise ValueError(f"{value!r} is not a time (minutes above 59)")
        minutes = hours * 60 + mins
    if not 0 <= minutes <= 1440:
        raise ValueError(f"{value!r} is not a time between 00:00 and 24:00")
    return minutes


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_date(value: Any) -> dt.date:
    """A date cell, an Excel serial number, or text `2025-10-01`, `2025/10/1`, `2025年10月1日`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466 and float(value).is_integer():
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise ValueError(f"{value!r} is not a date")
    raw = text(value).split(" ")[0]
    m = _DATE_TEXT.match(raw) or _DATE_TEXT.match(text(value))
    if not m:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD)")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a date ({exc})") from None
