"""Content sniffing: what a column's values look like.

A `Profile` counts, over a column's non-blank values, how many read as
dates, times, numbers or each enum, whether it is a plain row index and
whether it is one repeated value. Mapping uses it as the second kind of
evidence (after labels) and to check that a label's mapping fits the values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.io.values import fold, is_blank
from sheetdesk.legacy.parse import has_time_of_day, looks_like_date, read_enum, read_number, read_time
from sheetdesk.legacy.targets import Target
from sheetdesk.schema import Field, Register

SAMPLE_LIMIT = 2000
_PHONE = re.compile(r"^(\+?86[-\s]?)?(1[3-9]\d{9}|0\d{2,3}[-\s]?\d{7,8}(-\d{1,5})?|\d{3,4}[-\s]\d{7,8})$")


@dataclass
class Profile:
    n: int = 0  # non-blank values looked at
    dates: int = 0
    with_time: int = 0  # dates that carry a time of day
    times: int = 0  # times of day that are not dates
    numbers: int = 0
    phones: int = 0
    index: bool = False  # 0/1, 1/2, 2/3 ... one per row
    values: Counter[str] = field(default_factory=Counter)
    enum_hits: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.n if self.n else 0.0

    @property
    def constant(self) -> str | None:
        """The one value of a column that never changes (None otherwise)."""
        if self.n >= 5 and len(self.values) == 1:
            return next(iter(self.values))
        return None


def short(value: Any, limit: int = 30) -> str:
    text = (
        " ".join(fold(str(value)).split())
        if not isinstance(value, float) or not value.is_integer()
        else str(int(value))
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def profile(values: list[Any], register: Register) -> Profile:
    p = Profile()
    enum_fields = [f for f in register.fields if f.enum is not None]
    present = [v for v in values if not is_blank(v)]
    numbers_seen: list[float] = []
    memo: dict[tuple[type, Any], tuple[bool, bool, bool, float | int | None, bool, tuple[str, ...]]] = {}
    for v in present[:SAMPLE_LIMIT]:
        p.n += 1
        text = short(v, 200)
        p.values[text] += 1
        if len(p.samples) < 3 and short(v) not in p.samples:
            p.samples.append(short(v))
        memo_key = (type(v), v)
        facts = memo.get(memo_key)
        if facts is None:
            facts = _facts(v, enum_fields)
            memo[memo_key] = facts
        is_date, with_time, is_time, number, is_phone, enums = facts
        p.dates += is_date
        p.with_time += with_time
        p.times += is_time
        if number is not None:
            p.numbers += 1
            numbers_seen.append(float(number))
        p.phones += is_phone
        for key in enums:
            p.enum_hits[key] = p.enum_hits.get(key, 0) + 1
    p.index = _is_index(values, numbers_seen, p.n)
    return p


def _facts(v: Any, enum_fields: list[Field]) -> tuple[bool, bool, bool, float | int | None, bool, tuple[str, ...]]:
    is_date = looks_like_date(v)
    with_time = is_date and has_time_of_day(v)
    is_time = not is_date and read_time(v) is not None and not _bare_integer(v)
    is_phone = isinstance(v, str) and bool(_PHONE.match(fold(v).replace(" ", "")))
    enums = tuple(f.key for f in enum_fields if read_enum(v, f) is not None)
    return is_date, with_time, is_time, read_number(v), is_phone, enums


def _bare_integer(value: Any) -> bool:
    """`730` is a time only in a column of times; alone it is a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer()
    return isinstance(value, str) and fold(value).isdigit()


def _is_index(values: list[Any], numbers: list[float], n: int) -> bool:
    """Row numbers (0, 1, 2 ... or 1, 2, 3 ...) in every row: a spreadsheet index."""
    if n < 5 or len(numbers) != n or any(is_blank(v) for v in values):
        return False
    start = numbers[0]
    return start in (0.0, 1.0) and all(x == start + i for i, x in enumerate(numbers))


def parse_rate(p: Profile, target: Target, f: Field | None) -> float:
    """The share of a column's values that read as the target's type."""
    if f is None or p.n == 0:
        return 1.0
    if target.part == "time":
        return p.share(p.times + p.with_time)
    if f.type in ("date", "datetime"):
        return p.share(p.dates)
    if f.type in ("number", "integer"):
        return p.share(p.numbers)
    if f.enum is not None:
        return p.share(p.enum_hits.get(f.key, 0))
    return 1.0


def mostly_times(p: Profile) -> bool:
    """A column of times of day (7:00, 12：30, 730) rather than of dates."""
    return p.n > 0 and p.share(p.times) >= 0.8
