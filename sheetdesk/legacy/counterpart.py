"""The end of the step whose start is the report: `出厂日期` beside `进厂日期`, `开机时间` beside `停机时间`.

Alone, `出厂日期` is a unit's manufacture date and `开机时间` may be a shift's
start: neither names the fix. Beside the column that took the report time,
and named by the opposite word of the same step (in / out, down / up,
停机 / 开机, 进厂 / 出厂), it is the end of that step: the vehicle leaves the
workshop, the machine runs again. The values must agree: the column is never
earlier than the report in the rows compared (at least `MIN_ROWS`), and later
in some. Only one such column is taken; two are left to the clerk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sheetdesk.legacy.header import label_text
from sheetdesk.legacy.labels import core, words
from sheetdesk.legacy.moments import MIN_ROWS, order_in_rows
from sheetdesk.legacy.sniff import Profile, has_times
from sheetdesk.legacy.targets import Part


@dataclass(frozen=True)
class Step:
    """A step's starting and ending words: Chinese patterns, English words."""

    start_zh: str
    end_zh: str
    start_en: frozenset[str] = frozenset()
    end_en: frozenset[str] = frozenset()


STEPS = (
    # the unit enters and leaves the workshop, the station, the shop
    Step(
        "进厂|入厂|进站|入站|进店|到店|入场|进场|接车|收车|收机|送修",
        "出厂|离厂|出站|离站|离店|出场|离场|交车|取车|提车|取机|交机",
        frozenset({"in"}),
        frozenset({"out"}),
    ),  # fmt: skip
    # the unit stops and runs again
    Step(
        "停机|停运|停车|停产|停梯|宕机|停用|故障停机|断电|停电|停水|中断|退服",
        "开机|复机|启机|开车|复产|复运|投运|复电|送电|来电|复水|通水|恢复|启用|复用|开通",
        frozenset({"down", "stop", "stopped", "shutdown", "off"}),
        frozenset({"up", "restart", "restarted", "startup", "on", "running", "back"}),
    ),
)
# Words that make the end column a plan, a deadline or a length of time, not the moment the step ended.
_NOT_DONE_ZH = "计划|预计|预约|要求|约定|承诺|截止|期限|时长|历时|耗时|用时|下次|保修|质保"
_NOT_DONE_EN = frozenset(
    {"planned", "plan", "expected", "estimated", "eta", "due", "target", "scheduled", "by", "to", "hour", "hours",
     "hrs", "hr", "minute", "min", "mins", "duration", "elapsed", "total", "count"}
)  # fmt: skip


def _words(text: str) -> set[str]:
    return set(words(core(text)))


def names_the_end(start_label: str, label: str) -> bool:
    """Does `label` name the end of the step `start_label` names the start of?"""
    if re.search(_NOT_DONE_ZH, label) or _words(label) & _NOT_DONE_EN:
        return False
    for step in STEPS:
        if re.search(step.start_zh, start_label) and re.search(step.end_zh, label):
            return True
        start_words, end_words = _words(start_label), _words(label)
        if start_words & step.start_en and end_words & step.end_en and not end_words & step.start_en:
            return True
    return False


def end_of_step(
    rows: list[list[object]],
    data: list[int],
    parts: list[list[str]],
    profiles: list[Profile],
    report_col: int,
    free_cols: list[int],
) -> tuple[int, int] | None:
    """The one free date column that ends the report's step, with the rows compared; or None."""
    start_label = label_text(parts[report_col]) if parts[report_col] else ""
    if not start_label:
        return None
    found: list[tuple[int, int]] = []
    for c in free_cols:
        p = profiles[c]
        if not parts[c] or not p.n or p.share(p.dates) < 0.9 or p.fill < 0.3:
            continue
        if not names_the_end(start_label, label_text(parts[c])):
            continue
        earlier, later, compared = order_in_rows(rows, data, report_col, c)
        if compared >= MIN_ROWS and later == 0 and earlier > 0:
            found.append((c, compared))
    return found[0] if len(found) == 1 else None


def whole_or_date(p: Profile) -> Part:
    """The whole date-and-time key, or its date part when the column holds dates only."""
    return "value" if has_times(p) else "date"


__all__ = ["STEPS", "end_of_step", "names_the_end", "whole_or_date"]
