"""The column-at-a-time shortcuts of validation read every cell exactly as the per-cell functions do."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.io.load import _empty, _records
from sheetdesk.io.values import blank_cells, is_blank
from sheetdesk.links import column_keys, match_key
from sheetdesk.validation.text import _plausible_numbers, fold, plausible_phone, plausible_postcode

# Cells as calamine and the coercers hand them over, with the spellings the shortcuts single out.
CELLS = st.one_of(
    st.none(),
    st.sampled_from(
        ["", " ", "-", "N/A", "无", "　", "ＳＮ０１", "sn 01", "SN01", "sn01", "01", "二级", "Ⅱ", "x" * 40]
    ),
    st.text(max_size=12),
    st.text(alphabet="AZaz09 -/", max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.just(dt.datetime(2024, 5, 6, 7, 8)),
    st.just(dt.date(2024, 5, 6)),
)


@given(st.lists(CELLS, max_size=30))
def test_column_keys_are_the_match_keys_of_the_cells(cells: list[Any]) -> None:
    assert column_keys(cells) == [match_key(v) for v in cells]


@given(st.lists(CELLS, max_size=30))
def test_blank_cells_are_is_blank_of_the_cells(cells: list[Any]) -> None:
    assert blank_cells(cells) == [is_blank(v) for v in cells]


def test_blank_cells_answers_each_nan_for_itself() -> None:
    nan = float("nan")
    assert blank_cells([nan, math.nan, "无", "无", "二级"]) == [True, True, True, True, False]


PLAIN_PHONES = st.lists(st.text(alphabet="0123456789", min_size=1, max_size=9), min_size=1, max_size=4).map("-".join)


@given(st.one_of(PLAIN_PHONES, st.text(alphabet="0123456789-+ ()/转x#８", max_size=20)))
def test_plain_phone_numbers_are_judged_as_the_general_reading_judges_them(text: str) -> None:
    assert plausible_phone(text) is _plausible_numbers(text)


def test_plain_phone_shortcut_examples() -> None:
    assert plausible_phone("13812345678") and plausible_phone("010-12345678")
    assert not plausible_phone("138-00") and not plausible_phone("1234567890123456")
    assert plausible_phone("0086-13812345678") and not plausible_phone("0086-12")


@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=20))
def test_records_are_found_alike_with_the_inline_blank_test(rows: list[list[Any]]) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else []
    assert _records(columns, _empty) == _records(columns, lambda value: _empty(value))


@given(st.text(alphabet="0123456789 \t-ab", max_size=9))
def test_ascii_postcodes_are_judged_as_the_folded_reading_judges_them(text: str) -> None:
    folded = fold(text)
    assert plausible_postcode(text) is (len(folded) == 6 and folded.isascii() and folded.isdigit())
