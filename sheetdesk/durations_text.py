"""Durations as a person reads them: `56天11小时30分` / `56d 11h 30m`.

The unit words are declared here once, for the annotated workbook and the
terminal alike; the JSON keeps plain minutes. SLA over-time is *working*
time on its target's calendar: on a `24x7` calendar a day is 24 hours, but
on a business calendar a "day" of working time has no fixed length, so such
a duration is given in hours and minutes only (`days=False`).
"""

from __future__ import annotations

from sheetdesk.i18n import Msg

__all__ = ["UNITS", "duration_words"]

UNITS = {
    "day": Msg("{n}d", "{n}天"),
    "hour": Msg("{n}h", "{n}小时"),
    "minute": Msg("{n}m", "{n}分"),
}
_SEPARATOR = {"en": " ", "zh": ""}


def duration_words(minutes: int, lang: str, *, days: bool = True) -> str:
    """`81330` -> `56天11小时30分` / `56d 11h 30m`; with `days=False`,
    `1355小时30分` / `1355h 30m`. Zero parts are left out; 0 reads `0分` / `0m`."""
    minutes = max(int(minutes), 0)
    hours, mins = divmod(minutes, 60)
    whole_days, hours = divmod(hours, 24) if days else (0, hours)
    parts = [UNITS[unit].render(lang, n=n) for unit, n in (("day", whole_days), ("hour", hours), ("minute", mins)) if n]
    return _SEPARATOR.get(lang, " ").join(parts) or UNITS["minute"].render(lang, n=0)
