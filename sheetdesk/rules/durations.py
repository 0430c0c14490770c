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

__all__ = ["Duration", "format_duration", "parse_duration"]


@dataclass(frozen=True)
class Duration:
    """`days` whole (calendar or working) days plus `seconds` of clock time."""

    seconds: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if self.seconds < 0 or self.days < 0:
            raise ValueError("a duration cannot be negative")

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


def _fail(value: Any, why: str) -> ValueError:
    return ValueError(f"cannot read {value!r} as a duration ({why}); write e.g. 30min, 4h, 1.5h, 2d")


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
        raise _fail(value, "empty" if value is None else "not a number")
    if isinstance(value, dt.timedelta):
        secs = value.total_seconds()
        if secs < 0:
            raise _fail(value, "negative")
        return Duration(seconds=round(secs))
    if isinstance(value, dt.time):  # an hh:mm cell typed as a time of day
        return Duration(seconds=value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, (int, float)):
        if value != value or value < 0:
            raise _fail(value, "not a positive number")
        return Duration(seconds=round(value * 3600))
    if not isinstance(value, str):
        raise _fail(value, f"unexpected {type(value).__name__}")
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    if not text:
        raise _fail(value, "empty")
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
            raise _fail(value, f"unexpected {text[pos:]!r}")
        number, unit = float(m.group(1)), m.group(2)
        if unit == "":
            unit = "h"
        if unit not in _UNITS:
            raise _fail(value, f"unknown unit {unit!r}")
        size = _UNITS[unit]
        if size == 86400:
            if number != int(number):
                raise _fail(value, "days must be whole; write 1d 12h")
            days += int(number)
        else:
            seconds += number * size
        seen = True
        pos = m.end()
    if not seen:
        raise _fail(value, "no number")
    return Duration(seconds=round(seconds), days=days)


def format_duration(d: Duration) -> str:
    """The shortest policy spelling that reads back to `d` (`2d`, `1.5h`, `30min`)."""
    parts: list[str] = []
    if d.days:
        parts.append(f"{d.days}d")
    s = d.seconds
    if s or not parts:
        if s % 3600 == 0:
            parts.append(f"{s // 3600}h")
        elif s % 360 == 0 and s > 3600:  # one decimal of an hour: 1.5h, 2.1h
            parts.append(f"{s / 3600:g}h")
        elif s % 60 == 0:
            parts.append(f"{s // 60}min")
        else:
            parts.append(f"{s}s")
    return " ".join(parts)
