"""Property tests for value coercion (sheetdesk/io/values.py): never raises,
dates round-trip through ISO text and Excel serials, numbers keep their
value through thousands separators and currency marks."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.io.values import (
    BLANK_MARKERS,
    EXCEL_EPOCH,
    coerce_column,
    coerce_date,
    coerce_datetime,
    coerce_enum,
    coerce_integer,
    coerce_number,
    coerce_text,
    coercer,
    fold,
    is_blank,
)
from sheetdesk.schema import POLICY_SHEETS, REGISTERS
from sheetdesk.schema.enums import CAUSE, FAULT_LEVEL, SATISFACTION

# Anything a reader can hand over: calamine's types and CSV text.
cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.dates(), st.datetimes(), st.times(), st.timedeltas(),
    st.from_regex(r"\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?( \d{1,2}[:：]\d{1,2})?", fullmatch=True),
)
FIELDS = [f for register in (*REGISTERS, *POLICY_SHEETS) for f in register.fields]
realistic_dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31))


@given(cell_values)
def test_no_coercion_ever_raises(value: Any) -> None:
    for field in FIELDS:
        result, problem = coercer(field)(value)
        assert problem is None or isinstance(problem.render("en"), str) and problem.render("zh")
        if problem:
            assert result is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_dates_round_trip_through_iso_text(day: dt.date) -> None:
    assert coerce_date(day.isoformat()) == (day, None)
    assert coerce_date(f"{day.year}年{day.month}月{day.day}日") == (day, None)


@given(st.datetimes(min_value=dt.datetime(1000, 1, 1)).map(lambda d: d.replace(microsecond=0)))
def test_datetimes_round_trip_through_iso_text(stamp: dt.datetime) -> None:
    assert coerce_datetime(stamp.isoformat(sep=" ")) == (stamp, None)
    assert coerce_datetime(stamp.isoformat()) == (stamp, None)


@given(realistic_dates)
def test_dates_round_trip_through_excel_serials(day: dt.date) -> None:
    serial = (dt.datetime.combine(day, dt.time()) - EXCEL_EPOCH).days
    assert coerce_date(serial) == (day, None)
    assert coerce_date(float(serial)) == (day, None)


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_integers_with_thousands_separators(n: int) -> None:
    assert coerce_number(f"{n:,}") == (n, None)
    assert coerce_integer(f"{n:,}") == (n, None)
    assert coerce_number(f"¥{n:,}") == (n, None)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_decimals_with_thousands_separators(x: Any) -> None:
    value, problem = coerce_number(f"{x:,.2f} 元")
    assert problem is None and math.isclose(value, float(x), abs_tol=1e-9)


@given(st.text(alphabet="0123456789", min_size=1, max_size=12))
def test_text_keeps_leading_zeros(digits: str) -> None:
    assert coerce_text(digits) == (digits, None)
    assert coerce_text(f"  {digits} ") == (digits, None)


@given(st.sampled_from([CAUSE, FAULT_LEVEL, SATISFACTION]).flatmap(
    lambda e: st.tuples(st.just(e), st.sampled_from([(c.key, s) for c in e.choices for s in c.spellings()]))))
def test_every_declared_spelling_maps_to_its_key(case: Any) -> None:
    enum, (key, spelling) = case
    assert coerce_enum(spelling, enum) == (key, None)
    assert coerce_enum(f" {spelling.upper()} ", enum) == (key, None)


# Column values as they come: repeats (enum labels, branches), padded and
# full-width text, blank markers, microseconds, and everything above.
column_values = st.one_of(
    cell_values, st.sampled_from(["", " ", "-", "无", "n/a", " 北京分公司 ", "北京分公司", "二级", "Ⅱ", "是", "ｎ／ａ",
                                  "\u3000—\u3000", "  NULL  ", "350元", "SN-0001", "SN-0001 ", "2025-03-04 14:30"]),
    st.datetimes(min_value=dt.datetime(1950, 1, 1)).map(lambda d: d.replace(microsecond=d.microsecond % 3 * 1000)),
)


@given(st.lists(column_values, max_size=30), st.sampled_from(FIELDS))
def test_column_coercion_is_cell_coercion(raw: list[Any], field: Any) -> None:
    """coerce_column's shortcuts give exactly what coercing each cell gives."""
    typed, problems = coerce_column(field, raw)
    expected = [coercer(field)(v) for v in raw]
    assert [(type(v), v) for v in typed] == [(type(v), v) for v, _ in expected]
    assert problems == [(n, p) for n, (_, p) in enumerate(expected) if p]


# Text that folds into a blank marker: markers padded, in full width, in other case, with marks and
# spaces that fold away, and text around them.
_MARKERISH = st.lists(
    st.sampled_from([*sorted(BLANK_MARKERS), "Ｎ／Ａ", "ＮＵＬＬ", "－", "／", "？", "\u3000", "\u00a0", " ", "\t",
                     "¨", "\u0301", "e", "无", "—", "ｎ", "ａ"]),
    max_size=6,
).map("".join)  # fmt: skip


@given(st.one_of(_MARKERISH, st.text(max_size=12)))
def test_is_blank_is_the_folded_text_being_a_blank_marker(text: str) -> None:
    # is_blank answers most text without folding it; the answer must be the folded one.
    assert is_blank(text) is (fold(text).casefold() in BLANK_MARKERS)
