"""Cells only the policy sheets hold: times of day, weekdays and percentages.

Each reader takes one non-blank cell value as python-calamine gives it and
returns `(value, problem)` like the coercers of `sheetdesk.io.values`
(which wraps them with its blank test and picks them by field type).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sheetdesk.i18n import Bound, Msg

__all__ = ["percent", "time_of_day", "weekdays"]

Result = tuple[Any, Bound | None]

NOT_A_TIME = Msg("{value} is not a time (write HH:MM, e.g. 09:00)", "{value} 不是时间（请写作 HH:MM，如 09:00）")
NOT_A_TIME_OF_DAY = Msg("{value} is not a time between 00:00 and 24:00", "{value} 不是 00:00 到 24:00 之间的时间")
A_DATE_NOT_A_TIME = Msg("{value} is a date, not a time of day", "{value} 是日期，不是时间")
NOT_A_WEEKDAY = Msg(
    "{value} is not a weekday (write Mon…Sun, 周一…周日 or 1…7)", "{value} 不是星期（请写作 周一…周日、Mon…Sun 或 1…7）"
)
NOT_A_WEEKDAY_RANGE = Msg(
    "{value} is not a weekday range (write e.g. Mon-Fri)", "{value} 不是星期范围（请写作 周一至周五 或 Mon-Fri）"
)
NOT_A_PERCENT = Msg("{value} is not a percentage (write 98% or 0.98)", "{value} 不是百分比（请写作 98% 或 0.98）")
NOT_A_PERCENT_IN_RANGE = Msg("{value} is not a percentage between 0% and 100%", "{value} 不是 0% 到 100% 之间的百分比")

# Excel's serial 1.0 (24:00 shown as a date) is 1899-12-31 or 1900-01-01, by the reader's epoch.
_SERIAL_ONE = (dt.date(1899, 12, 31), dt.date(1900, 1, 1))


def _shown(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else repr(value)


def _text(value: Any) -> str:
    """A cell as folded text (NFKC, stripped); whole floats lose their `.0`."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


_HHMM = re.compile(r"^(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2}))?$")
_AMPM = re.compile(r"^(上午|下午|am|pm)?\s*(.+?)\s*(am|pm)?$", re.I)


def time_of_day(value: Any) -> Result:
    """A time of day as minutes 0..1440 (`24:00` = 1440).

    A time cell; a datetime (its time; Excel's 1.0 read as a date is 24:00);
    a time delta up to one day; an Excel day fraction 0..1 (0.375 = 09:00,
    1 = 24:00); a whole number 2..24 as hours; text `HH:MM`, `HH:MM:SS`,
    `9点`, `14时30分`, `2:30 PM`, `17：30`.
    """
    bad = NOT_A_TIME.bind(value=_shown(value))
    if isinstance(value, bool):
        return None, bad
    if isinstance(value, dt.datetime):
        if value.date() in _SERIAL_ONE and value.time() == dt.time():
            return 1440, None
        value = value.time()
    elif isinstance(value, dt.date):
        if value in _SERIAL_ONE:
            return 1440, None
        return None, A_DATE_NOT_A_TIME.bind(value=_shown(value))
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + round(value.second / 60), None
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
    elif isinstance(value, (int, float)):
        if value != value:
            return None, bad
        if 0 <= value <= 1:
            minutes = round(value * 1440)
        elif float(value).is_integer() and value <= 24:
            minutes = int(value) * 60
        else:
            return None, NOT_A_TIME_OF_DAY.bind(value=_shown(value))
    else:
        parsed = _clock_minutes(_text(value))
        if parsed is None:
            return None, bad
        minutes = parsed
    if not 0 <= minutes <= 1440:
        return None, NOT_A_TIME_OF_DAY.bind(value=_shown(value))
    return minutes, None


def _clock_minutes(text: str) -> int | None:
    """`09:00`, `9点`, `9点30分`, `14时30分`, `2:30 PM`, `下午2:30`, `24:00` -> minutes, else None."""
    m = _AMPM.match(text.replace("：", ":"))
    if not m:
        return None
    half = (m[1] or m[3] or "").lower()
    core = re.sub(r"[点時时]", ":", m[2]).replace("分", "").replace("秒", "").rstrip(":")
    hm = _HHMM.match(core)
    if not hm:
        return None
    hours, mins, secs = int(hm[1]), int(hm[2] or 0), int(hm[3] or 0)
    if mins >= 60 or secs >= 60:
        return None
    if half in ("pm", "下午") and hours < 12:
        hours += 12
    elif half in ("am", "上午") and hours == 12:
        hours = 0
    return hours * 60 + mins + round(secs / 60)


def percent(value: Any) -> Result:
    """0.98, 98, "98%" or "0.98" -> 0.98. A number above 1 is a percent (1 = 100%)."""
    bad = NOT_A_PERCENT.bind(value=_shown(value))
    if isinstance(value, bool):
        return None, bad
    if isinstance(value, (int, float)):
        number = float(value)
        is_percent = number > 1
    elif isinstance(value, str):
        raw = _text(value).replace("％", "%")
        is_percent = raw.endswith("%")
        try:
            number = float(raw.rstrip("%").strip())
        except ValueError:
            return None, bad
        is_percent = is_percent or number > 1
    else:
        return None, bad
    result = number / 100 if is_percent else number
    if not 0 <= result <= 1:  # also NaN and inf
        return None, NOT_A_PERCENT_IN_RANGE.bind(value=_shown(value))
    return result, None


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

_LIST_SEP = re.compile(r"\s*[,，、;；/]\s*")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|~|～|至|到|to)\s*")


def weekdays(value: Any) -> Result:
    """One weekday, a range (`Mon-Fri`, `周一至周五`, `1-5`) or a list (`Mon, Wed`) -> days 0..6 (Mon = 0).

    `Mon`…`Sun`, `Monday`…, `周一`…`周日`, `星期一`, `1`…`7`. A range wraps
    over the weekend (`Sat-Mon` = Sat, Sun, Mon).
    """
    bad = NOT_A_WEEKDAY.bind(value=_shown(value))
    if isinstance(value, bool):
        return None, bad
    days: list[int] = []
    for part in _LIST_SEP.split(_text(value)):
        if not part:
            continue
        found = [_WEEKDAYS.get(e.rstrip(".")) for e in _RANGE_SEP.split(part.casefold())]
        ends = [e for e in found if e is not None]
        if len(ends) != len(found):
            return None, bad
        if len(ends) == 1:
            days.append(ends[0])
        elif len(ends) == 2:
            first, last = ends
            days.extend((first + k) % 7 for k in range((last - first) % 7 + 1))
        else:
            return None, NOT_A_WEEKDAY_RANGE.bind(value=_shown(value))
    if not days:
        return None, bad
    return tuple(dict.fromkeys(days)), None
