"""SLA durations as written in the policy: `30min`, `4h`, `1.5h`, `2d`, `4小时`.

A `Duration` keeps whole days apart from the rest, because a day means
different things on the two calendars: on `24x7` it is 24 hours, on
`business` it is one working day later at the same time of day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sheetdesk.errors import BadValue
from sheetdesk.i18n import Bound, Msg

__all__ = ["MAX_DAYS", "Duration", "DurationError", "format_duration", "parse_duration"]

# Days from 0001-01-01 to 9999-12-31, the whole range of dates Python and
# Excel can hold: no clock can run longer, so a longer duration is refused
# when it is read instead of overflowing (or walking for hours) later.
MAX_DAYS = dt.date.max.toordinal() - 1
_MAX_SECONDS = MAX_DAYS * 86400


@dataclass(frozen=True)
class Duration:
    """`days` whole (calendar or working) days plus `seconds` of clock time."""

    seconds: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.days < 0:
            raise DurationError(NOT_A_DURATION, value=str(self), why=WHY_NEGATIVE)
        if self.days * 86400 + self.seconds > _MAX_SECONDS:
            raise DurationError(NOT_A_DURATION, value=f"{self.days}d {self.seconds}s", why=WHY_TOO_LONG)

    @property
    def is_zero(self) -> bool:
        return self.seconds == 0 and self.days == 0

    def total_seconds_24x7(self) -> int:
        """Length on a 24x7 calendar (a day is 24 hours)."""
        return self.days * 86400 + self.seconds

    def __str__(self) -> str:
        return format_duration(self)


_UNITS: dict[str, int] = {}
for _names, _secs in (
    (("d", "day", "days", "天", "日", "工作日"), 86400),
    (("h", "hr", "hrs", "hour", "hours", "小时", "时", "钟头", "个小时"), 3600),
    (("m", "min", "mins", "minute", "minutes", "分钟", "分"), 60),
    (("s", "sec", "secs", "second", "seconds", "秒"), 1),
):
    for _n in _names:
        _UNITS[_n] = _secs

_PART = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*([a-z\u4e00-\u9fff]*)")


class DurationError(BadValue):
    """A policy cell that is not a duration. `msg` is the sentence in both
    languages (for a finding at the cell); `str()` is the English one."""


NOT_A_DURATION = Msg(
    "cannot read {value} as a duration ({why}); write e.g. 30min, 4h, 1.5h, 2d",
    "无法把 {value} 读作时长（{why}）；请写成 30分钟、4小时、1.5小时、2天 等",
)
WHY_EMPTY = Msg("empty", "为空")
WHY_NOT_NUMBER = Msg("not a number", "不是数字")
WHY_NEGATIVE = Msg("negative", "为负数")
WHY_NOT_POSITIVE = Msg("not a positive number", "不是正数")
WHY_TYPE = Msg("unexpected {kind}", "意外的类型 {kind}")
WHY_UNEXPECTED = Msg("unexpected {text}", "无法识别 {text}")
WHY_UNIT = Msg("unknown unit {unit}", "未知单位 {unit}")
WHY_HALF_DAY = Msg("days must be whole; write 1d 12h", "天数须为整数；请写成 1天12小时")
WHY_NO_NUMBER = Msg("no number", "没有数字")
WHY_TOO_LONG = Msg(
    "longer than 9999 years, more than any calendar holds",
    "超过 9999 年，比任何日历都长",
)


def _fail(value: Any, why: Msg | Bound) -> DurationError:
    shown = repr(value) if isinstance(value, str) else str(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return DurationError(NOT_A_DURATION, value=shown, why=why)


def parse_duration(value: Any) -> Duration:
    """Read a policy duration.

    Text: one or more `<number><unit>` parts (`1d 4h`, `1h30min`), units
    d/day/天, h/hour/小时, min/m/分钟, s/秒; a bare number (text or cell
    value) means hours. Days must be whole: `1.5d` is refused (write `1d 12h`),
    because on a business calendar half a working day is not defined.
    A `timedelta` or `time` cell (`04:00`) is taken as clock time.
    """
    if isinstance(value, Duration):
        return value
    if isinstance(value, bool) or value is None:
        raise _fail(value, WHY_EMPTY if value is None else WHY_NOT_NUMBER)
    if isinstance(value, dt.timedelta):
        secs = value.total_seconds()
        if secs < 0:
            raise _fail(value, WHY_NEGATIVE)
        return _checked(value, 0, secs)
    if isinstance(value, dt.time):  # an hh:mm cell typed as a time of day
        return Duration(seconds=value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, (int, float)):
        if value != value or value < 0:
            raise _fail(value, WHY_NOT_POSITIVE)
        return _checked(value, 0, value * 3600)
    if not isinstance(value, str):
        raise _fail(value, WHY_TYPE.bind(kind=type(value).__name__))
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if not text:
        raise _fail(value, WHY_EMPTY)
    pos = 0
    seconds = 0.0
    days = 0
    seen = False
    text = text.replace(",", " ")
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _PART.match(text, pos)
        if not m or m.end() == pos:
            raise _fail(value, WHY_UNEXPECTED.bind(text=repr(text[pos : pos + 20])))
        number, unit = float(m.group(1)), m.group(2)
        if not number <= _MAX_SECONDS:  # 400 digits read as inf: refuse before any arithmetic
            raise _fail(value, WHY_TOO_LONG)
        if unit == "":
            unit = "h"
        if unit not in _UNITS:
            raise _fail(value, WHY_UNIT.bind(unit=repr(unit[:20])))
        size = _UNITS[unit]
        if size == 86400:
            if number != int(number):
                raise _fail(value, WHY_HALF_DAY)
            days += int(number)
        else:
            seconds += number * size
        seen = True
        pos = m.end()
    if not seen:
        raise _fail(value, WHY_NO_NUMBER)
    return _checked(value, days, seconds)


def _checked(value: Any, days: int, seconds: float) -> Duration:
    """A Duration, or DurationError when it is longer than any calendar (or not finite)."""
    if days > MAX_DAYS or not days * 86400 + seconds <= _MAX_SECONDS:  # also NaN and inf
        raise _fail(value, WHY_TOO_LONG)
    return Duration(seconds=round(seconds), days=days)


# The units a written duration uses, by language: both read back (`_UNITS`).
_SPELLING = {
    "en": {"day": "d", "hour": "h", "minute": "min", "second": "s", "sep": " "},
    "zh": {"day": "天", "hour": "小时", "minute": "分钟", "second": "秒", "sep": ""},
}


def format_duration(d: Duration, lang: str = "en") -> str:
    """The shortest policy spelling that reads back to `d` (`2d`, `1.5h`, `30min`;
    in Chinese `2天`, `1.5小时`, `30分钟`)."""
    unit = _SPELLING["zh" if lang == "zh" else "en"]
    parts: list[str] = []
    if d.days:
        parts.append(f"{d.days}{unit['day']}")
    s = d.seconds
    if s or not parts:
        if s % 3600 == 0:
            parts.append(f"{s // 3600}{unit['hour']}")
        elif s % 360 == 0 and s > 3600:  # one decimal of an hour: 1.5h, 2.1h
            parts.append(f"{s / 3600:g}{unit['hour']}")
        elif s % 60 == 0:
            parts.append(f"{s // 60}{unit['minute']}")
        else:
            parts.append(f"{s}{unit['second']}")
    return unit["sep"].join(parts)
