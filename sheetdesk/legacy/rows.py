"""Rows that are not records: totals, repeated headers, shifted rows, notes.

Each is rejected with its reason (never dropped):
- a totals row has a cell reading 合计 / 总计 / 小计 / 共计 / Total / Subtotal
  / Grand total / Sum (optionally with 本月, 本页..., a colon);
- a repeated header (printed logs repeat it on every page) has the same
  labels as the header;
- a shifted row (an unquoted comma in a CSV moved the rest of the row one
  column right) is found from the columns' own vocabularies: from some column
  on, no value fits its column and at least two fit the column to their left;
- a note (制表人：王五 under the table) is a row with one value where records
  typically have four or more, or a short line of sign-offs and `label：value`
  notes (`制表人：王五 | 审核：李四`) where records have twice as many values
  (decided in `classify`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.io.values import fold, is_blank
from sheetdesk.legacy.header import cell_text
from sheetdesk.legacy.parse import looks_like_date, read_number, read_time
from sheetdesk.legacy.sniff import Profile, mostly_times, short

_TOTALS = re.compile(
    r"^(本[月页年日周季]|全年|全部|总|各项)?\s*(合\s*计|总\s*计|小\s*计|共\s*计|累\s*计)\s*[:：]?$"
    r"|^(grand\s+|sub\s*-?\s*)?totals?\s*[:：]?$|^sum\s*[:：]?$",
    re.I,
)


_TOTALS_MEMO: dict[str, bool] = {}


def is_totals(value: str) -> bool:
    """A totals label (合计, 本月合计：, Grand total); memoised, the same words repeat down a log."""
    if value.isascii() and "tot" not in (low := value.lower()) and "sum" not in low:
        return False  # no 计, total or sum: most values of a log, told without a lookup
    found = _TOTALS_MEMO.get(value)
    if found is None:
        found = len(value.strip()) <= 15 and bool(_TOTALS.match(fold(value)))
        if len(_TOTALS_MEMO) < 100_000:
            _TOTALS_MEMO[value] = found
    return found


# A sign-off or note line under a table: `制表人：王五`, `审核 | 李四`, `日期：2023.5.31`, `备注：以上均已回访`.
_SIGN_OFF = re.compile(
    r"^(制表|填表|统计|审核|审批|复核|批准|核对|校对|经办|负责|主管|签字|签名|签收|盖章|记录|编制|部门负责|单位)"
    r"(人|员|部门|领导)?\s*([:：]|$)"
)
_LABEL_VALUE = re.compile(r"^[^\d:：]{1,10}[:：]")


def sign_off_line(cells: list[str]) -> bool:
    """A line of `label：value` notes, or one that starts with a sign-off label (制表人, 审核, 负责人 ...)."""
    if not cells:
        return False
    if _SIGN_OFF.match(cells[0]):
        return True
    return all(_LABEL_VALUE.match(c) for c in cells)


def totals_cell(row: list[Any]) -> tuple[int, str] | None:
    """The (column, text) of a totals label in the row, if any."""
    for c, value in enumerate(row):
        if type(value) is str and value and is_totals(value):
            return c, value.strip()
    return None


def is_repeated_header(row: list[Any], header: list[Any]) -> bool:
    texts = [cell_text(v) for v in row]
    labels = [cell_text(v) for v in header]
    filled = [(t, h) for t, h in zip(texts, labels, strict=False) if t or h]
    return len(filled) >= 2 and all(t == h for t, h in filled)


class HeaderAgain:
    """Is a row the header once more? Checks one cell first, the whole row only when it matches."""

    def __init__(self, headers: list[list[Any]]) -> None:
        self.headers = headers
        self.first: list[tuple[int, str]] = []
        for header in headers:
            c = next((i for i, v in enumerate(header) if cell_text(v)), -1)
            self.first.append((c, cell_text(header[c]) if c >= 0 else ""))

    def __call__(self, row: list[Any]) -> bool:
        for header, (c, text) in zip(self.headers, self.first, strict=True):
            if c < 0 or c >= len(row) or row[c] is None:
                continue
            value = row[c]
            if (value == text or cell_text(value) == text) and is_repeated_header(row, header):
                return True
        return False


@dataclass
class Shape:
    """What a column's values are, when that is clear enough to spot a misfit."""

    kind: str  # date | time | number | vocab
    vocab: frozenset[str] = frozenset()
    memo: dict[Any, bool | None] = field(default_factory=dict, compare=False, repr=False)

    def fits(self, value: Any) -> bool | None:
        key = value if type(value) is str else (type(value), value)  # 1, 1.0 and True apart
        found = self.memo.get(key, "")
        if found == "":
            found = self.memo[key] = self._fits(value)
        return found  # type: ignore[return-value]

    def _fits(self, value: Any) -> bool | None:
        if is_blank(value):
            return None
        if self.kind == "date":
            return looks_like_date(value)
        if self.kind == "time":
            return read_time(value) is not None
        if self.kind == "number":
            return read_number(value) is not None
        return short(value, 200) in self.vocab


def shape_of(p: Profile) -> Shape | None:
    if p.n < 20:
        return None
    if p.share(p.dates) >= 0.9:
        return Shape("date")
    if mostly_times(p) and p.share(p.times) >= 0.9:
        return Shape("time")
    if p.share(p.numbers) >= 0.95:
        return Shape("number")
    common = {v for v, n in p.values.items() if n >= 2}
    if len(common) <= 40 and sum(p.values[v] for v in common) >= 0.95 * p.n:
        return Shape("vocab", frozenset(common))
    return None


def shifted_from(row: list[Any], shapes: list[Shape | None]) -> int | None:
    """The column from which the row sits one column right of its header, if it does."""
    eligible = [c for c in range(1, len(shapes)) if shapes[c] is not None and shapes[c - 1] is not None]
    for start_at, k in enumerate(eligible):
        fits_here = fits_left = 0
        for c in eligible[start_at:]:
            value = row[c] if c < len(row) else None
            here = shapes[c].fits(value)  # type: ignore[union-attr]
            left = shapes[c - 1].fits(value)  # type: ignore[union-attr]
            if here:
                fits_here += 1
                break
            if left:
                fits_left += 1
        if fits_here == 0 and fits_left >= 2:
            return k
    return None
