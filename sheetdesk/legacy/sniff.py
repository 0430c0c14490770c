"""Content sniffing: what a column's values look like.

A `Profile` is taken on an evenly spaced sample of a column (at most
`SAMPLE_ROWS` rows, so a 200k-row log costs the same as a 2k-row one) and
counts, over the sample's non-blank values, how many read as dates, times,
numbers, phone numbers or each enum, and what kind of text the rest is:
long free text, codes, yes/no words, identifiers. Each distinct value is
looked at once. Mapping uses the profile as the second kind of evidence
(after labels), to check that a label's key fits the values, and to weigh
a full column above a nearly empty one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Any

from sheetdesk.io.values import fold, is_blank
from sheetdesk.legacy.parse import enums_read, has_time_of_day, looks_like_date, read_epoch, read_number, read_time
from sheetdesk.schema import Field, Register

SAMPLE_ROWS = 2000
_PHONE = re.compile(r"^(\+?\d{1,3}[-\s]?)?(1[3-9]\d{9}|0\d{2,3}[-\s]?\d{7,8}(-\d{1,5})?|\d{3,4}[-\s]\d{7,8}|\d{10})$")
_CODE = re.compile(r"^[A-Za-z0-9_#./:\-,+]*\d[A-Za-z0-9_#./:\-,+]*$")
_ID = re.compile(r"^[#A-Za-z0-9][A-Za-z0-9_#./:\-]{0,39}$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")
_DIGIT = re.compile(r"\d")  # any decimal digit (\d and float() take the same ones)
YES_NO_WORDS = frozenset(
    {
        "yes", "no", "y", "n", "true", "false", "t", "f", "是", "否", "有", "无", "√", "×", "✓", "✗",
        "勾选", "未勾选", "已勾选", "ok", "done", "not done", "na", "需要", "不需要", "已", "未",
    }
)  # fmt: skip


@dataclass
class Profile:
    n: int = 0  # non-blank values looked at
    rows: int = 0  # sample rows looked at (blank ones too)
    dates: int = 0
    with_time: int = 0  # dates that carry a time of day
    times: int = 0  # times of day that are not dates
    serials: int = 0  # dates only as bare numbers (45000): Excel serials, or identifiers in that range
    epochs: int = 0  # Unix timestamps (1675209600000): dates only under a header that names a moment
    numbers: int = 0
    phones: int = 0
    long_text: int = 0  # more than 30 characters, or a sentence
    codes: int = 0  # one token of letters and digits (H93,H15  PM01  4G63)
    ids: int = 0  # short tokens without spaces (identifiers)
    yes_no: int = 0  # yes / no / 是 / 否 / 勾选 words
    lettered: int = 0  # values with a letter or a Chinese character
    length: int = 0  # total characters
    index: bool = False  # 0/1, 1/2, 2/3 ... one per row
    values: Counter[str] = field(default_factory=Counter)
    enum_hits: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)

    def share(self, count: int) -> float:
        return count / self.n if self.n else 0.0

    @property
    def fill(self) -> float:
        """Share of the sample's rows with a value in this column."""
        return self.n / self.rows if self.rows else 0.0

    @property
    def distinct(self) -> float:
        """Share of distinct values (1.0: every value different)."""
        return len(self.values) / self.n if self.n else 0.0

    @property
    def mean_length(self) -> float:
        return self.length / self.n if self.n else 0.0

    @property
    def free_text(self) -> bool:
        """Sentences rather than choices: never an enum."""
        return self.n > 0 and (self.share(self.long_text) >= 0.2 or self.mean_length > 20)

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


Facts = tuple[bool, bool, bool, float | int | None, bool, tuple[str, ...], int, bool, bool, bool, bool, bool, bool]


def sample_rows(count: int) -> range:
    """Evenly spaced row positions to look at (all of them for a small column)."""
    step = max(1, -(-count // SAMPLE_ROWS))
    return range(0, count, step)


class Column(Sequence[Any]):
    """One column of a sheet's rows, read lazily: profiles look at a sample of it."""

    def __init__(self, rows: list[list[Any]], order: list[int], col: int) -> None:
        self.rows, self.order, self.col = rows, order, col

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        row = self.rows[self.order[i]]
        return row[self.col] if self.col < len(row) else None


def columns_of(rows: list[list[Any]], order: list[int], width: int) -> list[tuple[Any, ...]]:
    """The first `width` columns of the rows in `order`, a tuple of cells each (None past a row's end).

    Transposed in one C pass: much cheaper than picking the cells a column at a time.
    """
    columns = list(zip_longest(*(rows[r] for r in order)))[:width]
    return columns + [(None,) * len(order)] * (width - len(columns))


def profile(values: Sequence[Any], register: Register) -> Profile:
    """The profile of one column (its cells, one per data row: a list or a `Column`)."""
    p = Profile()
    enum_fields = [f for f in register.fields if f.enum is not None]
    positions = sample_rows(len(values))
    picked = [values[i] for i in positions]
    p.rows = len(picked)
    for i in range(len(values)):
        if len(p.samples) >= 3 or i >= 20 * SAMPLE_ROWS:
            break
        v = values[i]
        if not is_blank(v) and short(v) not in p.samples:
            p.samples.append(short(v))
    numbers_seen: list[float] = []
    memo: dict[Any, Facts] = {}  # by value, or (type, value) for what is not text
    for v in picked:
        if is_blank(v):
            continue
        p.n += 1
        text = short(v, 200)
        p.values[text] += 1
        memo_key = v if type(v) is str else (type(v), v)  # 1, 1.0 and True apart
        facts = memo.get(memo_key)
        if facts is None:
            facts = memo[memo_key] = _facts(v, text, enum_fields)
        (
            is_date,
            with_time,
            is_time,
            number,
            is_phone,
            enums,
            length,
            long_text,
            code,
            ident,
            yes_no,
            lettered,
            epoch,
        ) = facts
        p.dates += is_date
        p.serials += is_date and _bare_number(v)
        p.epochs += epoch
        p.with_time += with_time
        p.times += is_time
        if number is not None:
            p.numbers += 1
            numbers_seen.append(float(number))
        p.phones += is_phone
        for key in enums:
            p.enum_hits[key] = p.enum_hits.get(key, 0) + 1
        p.length += length
        p.long_text += long_text
        p.codes += code
        p.ids += ident
        p.yes_no += yes_no
        p.lettered += lettered
    p.index = p.n == len(picked) and _is_index(list(positions), numbers_seen)
    return p


def _facts(v: Any, text: str, enum_fields: list[Field]) -> Facts:
    if isinstance(v, str) and _DIGIT.search(fold(v)) is None:
        # Every date, time, number and timestamp form has a digit: text without one is none of them.
        is_date = with_time = is_time = epoch = False
        number = None
    else:
        is_date = looks_like_date(v)
        with_time = is_date and has_time_of_day(v)
        is_time = not is_date and read_time(v) is not None and not _bare_integer(v)
        epoch = not is_date and read_epoch(v) is not None
        number = read_number(v)
    plain = text.replace(" ", "")
    is_phone = isinstance(v, str) and bool(_PHONE.match(plain))
    enums = enums_read(v, enum_fields)
    cjk = len(_CJK.findall(text))
    length = len(text) + cjk  # a Chinese character reads as long as two letters
    long_text = len(text.split()) >= 5 or cjk >= 12 or (length > 30 and (" " in text or cjk > 0))
    is_str = isinstance(v, str)
    code = is_str and not is_date and bool(_CODE.match(text)) and len(text) <= 40 and not cjk
    ident = (
        (not is_date or _bare_number(v)) and bool(_ID.match(text)) and not (isinstance(v, float) and not v.is_integer())
    )
    yes_no = text.casefold() in YES_NO_WORDS
    lettered = is_str and bool(_LETTER.search(text))
    return (
        is_date, with_time, is_time, number, is_phone, enums, length, long_text, code, ident, yes_no,
        lettered, epoch,
    )  # fmt: skip


def _bare_number(value: Any) -> bool:
    """A plain number (`47110`, `45000.5`): a date only if the column is a date column."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d+(\.\d+)?", fold(value).strip()))


def _bare_integer(value: Any) -> bool:
    """`730` is a time only in a column of times; alone it is a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer()
    return isinstance(value, str) and fold(value).isdigit()


def _is_index(positions: list[int], numbers: list[float]) -> bool:
    """Row numbers (0, 1, 2 ... or 1, 2, 3 ...) in every row looked at: a spreadsheet index."""
    if len(numbers) < 5 or len(numbers) != len(positions):
        return False
    start = numbers[0]
    return start in (0.0, 1.0) and all(x == start + i for i, x in zip(positions, numbers, strict=True))


def epoch_column(p: Profile) -> bool:
    """Unix timestamps rather than dates: nearly every value, and hardly any date."""
    return p.n > 0 and p.share(p.epochs) >= 0.9 and p.share(p.dates) < 0.5


def mostly_times(p: Profile) -> bool:
    """A column of times of day (7:00, 12：30, 730) rather than of dates."""
    return p.n > 0 and p.share(p.times) >= 0.8


def has_times(p: Profile) -> bool:
    """Dates that carry a time of day (in at least a fifth of the values)."""
    return p.with_time > 0 and p.share(p.with_time) >= 0.2
