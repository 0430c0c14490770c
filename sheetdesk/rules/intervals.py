"""How often a planned visit recurs, as the Maintenance policy sheet writes it: `1m`, `3m`, `6m`, `1y`, `90d`.

An `Interval` is whole calendar months plus whole days. Months are counted
on the calendar (`add_months`: a day that does not exist clips to the
month's end), days are plain days. Unlike an SLA duration, `m` here means
**months**: a maintenance plan is never measured in minutes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sheetdesk.errors import BadValue
from sheetdesk.i18n import Msg

__all__ = ["Interval", "IntervalError", "format_interval", "parse_interval"]

# Longer than any plan needs, short enough that every date worked out stays in the calendar.
MAX_MONTHS = 1200
MAX_DAYS = 36_600


@dataclass(frozen=True, slots=True)
class Interval:
    """`months` calendar months, then `days` days."""

    months: int = 0
    days: int = 0

    @property
    def is_zero(self) -> bool:
        return self.months == 0 and self.days == 0

    def approx_days(self) -> int:
        """About how many days long (a month as 31 days): for bounds, never for dates."""
        return self.months * 31 + self.days

    def __str__(self) -> str:
        return format_interval(self)


class IntervalError(BadValue):
    """A Maintenance cell that is not an interval (`msg` in both languages, for a finding at the cell)."""


NOT_AN_INTERVAL = Msg(
    "cannot read {value} as an interval; write 1m, 3m, 6m, 1y or a number of days (90d)",
    "无法把 {value} 读作周期；请写成 1m、3m、6m、1y 或天数（90d）",
)
TOO_LONG = Msg("{value} is too long: at most 100 years", "{value} 过长：最多 100 年")

_MONTHS: tuple[str, ...] = ("m", "mo", "mon", "month", "months", "个月", "月")
_YEARS: tuple[str, ...] = ("y", "yr", "yrs", "year", "years", "年")
_WEEKS: tuple[str, ...] = ("w", "wk", "wks", "week", "weeks", "周", "星期", "个星期")
_DAYS: tuple[str, ...] = ("d", "day", "days", "天", "日")
_UNIT: dict[str, tuple[int, int]] = {}  # unit -> (months, days) per one
for _names, _size in ((_MONTHS, (1, 0)), (_YEARS, (12, 0)), (_WEEKS, (0, 7)), (_DAYS, (0, 1))):
    for _n in _names:
        _UNIT[_n] = _size

# Words a plan is often written in.
_WORDS: dict[str, Interval] = {}
_WORD_LISTS: tuple[tuple[tuple[str, ...], Interval], ...] = (
    (("monthly", "每月", "月度", "每个月", "一个月", "一月"), Interval(1)),
    (("quarterly", "每季度", "季度", "每季", "一季度", "三个月"), Interval(3)),
    (("half-yearly", "semiannual", "semi-annual", "每半年", "半年", "六个月"), Interval(6)),
    (("yearly", "annual", "annually", "每年", "年度", "一年", "每年度"), Interval(12)),
    (("weekly", "每周", "每星期", "一周"), Interval(0, 7)),
    (("daily", "每天", "每日"), Interval(0, 1)),
)
for _words, _interval in _WORD_LISTS:
    for _n in _words:
        _WORDS[_n] = _interval

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PART = re.compile(r"(\d+)\s*([a-z\u4e00-\u9fff]*)")


def _cn_number(text: str) -> str:
    """`十二个月` -> `12个月`, `两年` -> `2年`: Chinese numerals up to 99 as digits."""

    def value(m: re.Match[str]) -> str:
        s = m.group(0)
        if "十" not in s:
            return str(_CN_DIGITS[s])
        tens, _, ones = s.partition("十")
        return str((_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0))

    return re.sub(r"[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]", value, text)


def _fail(value: Any, msg: Msg = NOT_AN_INTERVAL) -> IntervalError:
    shown = repr(value) if isinstance(value, str) else str(value)
    return IntervalError(msg, value=shown[:40])


def parse_interval(value: Any) -> Interval:
    """Read a Maintenance interval.

    `<n>m` months, `<n>y` years, `<n>w` weeks, `<n>d` days (also 个月/月,
    年, 周, 天/日, Chinese numerals: `六个月`, `两年`), combined (`1y 6m`);
    a bare number (text or cell) is days; `monthly`, `每季度`, `半年`,
    `每年`... IntervalError for anything else.
    """
    if isinstance(value, Interval):
        return value
    if isinstance(value, bool) or value is None:
        raise _fail(value)
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or value < 0 or value != int(value):
            raise _fail(value)
        return _checked(value, 0, int(value))
    if not isinstance(value, str):
        raise _fail(value)
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    for prefix in ("every ", "每隔", "间隔"):
        text = text.removeprefix(prefix)
    word = _WORDS.get(text.replace(" ", ""))
    if word is not None:
        return word
    text = _cn_number(text).replace(",", " ")
    months = days = 0
    pos, seen = 0, False
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        m = _PART.match(text, pos)
        if m is None or len(m.group(1)) > 6:
            raise _fail(value)
        number, unit = int(m.group(1)), m.group(2) or "d"
        size = _UNIT.get(unit)
        if size is None:
            raise _fail(value)
        months += number * size[0]
        days += number * size[1]
        seen, pos = True, m.end()
    if not seen:
        raise _fail(value)
    return _checked(value, months, days)


def _checked(value: Any, months: int, days: int) -> Interval:
    if months > MAX_MONTHS or days > MAX_DAYS:
        raise _fail(value, TOO_LONG)
    return Interval(months, days)


_SPELLING = {
    "en": {"year": "y", "month": "m", "day": "d", "sep": " "},
    "zh": {"year": "年", "month": "个月", "day": "天", "sep": ""},
}


def format_interval(interval: Interval, lang: str = "en") -> str:
    """The policy spelling that reads back to `interval`: `1y`, `6m`, `1y 6m`, `90d`
    (in Chinese `1年`, `6个月`, `1年6个月`, `90天`)."""
    unit = _SPELLING["zh" if lang == "zh" else "en"]
    parts: list[str] = []
    years, months = divmod(interval.months, 12)
    if years:
        parts.append(f"{years}{unit['year']}")
    if months:
        parts.append(f"{months}{unit['month']}")
    if interval.days or not parts:
        parts.append(f"{interval.days}{unit['day']}")
    return unit["sep"].join(parts)
