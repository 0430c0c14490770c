"""The plain stamps an export writes (`2024-05-12 14:30`, `2024年5月12日 14:30`) are read directly;
they must read exactly as the general reader reads them, and everything else must still reach it.

A leading space sends a value down the general path (it folds the space away), so
`read_datetime(" " + text)` is the general reader's answer for `text`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.legacy.parse import date_order, has_time_of_day, looks_like_date, plain_stamp, read_datetime

D = dt.datetime


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-12 14:30", D(2024, 5, 12, 14, 30)),
    ("2024/5/12 14:30", D(2024, 5, 12, 14, 30)),
    ("2024年5月12日 14:30", D(2024, 5, 12, 14, 30)),
    ("2024年5月12日14:30", D(2024, 5, 12, 14, 30)),
    ("2024.05.12 14:30", D(2024, 5, 12, 14, 30)),
    ("2024-05-12 14:30:05", D(2024, 5, 12, 14, 30, 5)),
    ("2024-05-12  7:05", D(2024, 5, 12, 7, 5)),
    ("2024-05-12", D(2024, 5, 12)),
    ("2024/5/1", D(2024, 5, 1)),
    ("2024年5月1日", D(2024, 5, 1)),
    ("2024-05/12 00:00", D(2024, 5, 12)),  # mixed separators: the general reader takes them too
])
def test_plain_stamps_are_read_directly_and_as_the_general_reader_reads_them(text: str, expected: D) -> None:
    found = plain_stamp(text)
    assert found is not None and found[0] == expected
    assert read_datetime(text) == expected == read_datetime(" " + text)
    assert has_time_of_day(text) is has_time_of_day(" " + text) is (":" in text)


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-02-30 14:00", None),  # no such day
    ("2024-05-12 14:75", None),  # no such minute
    ("2024-05-12 24:00", D(2024, 5, 12)),  # 24:00 read as the general reader reads it
    ("2024-05-12 ", D(2024, 5, 12)),  # a trailing space is folded away
    ("２０２４-05-12 14:30", D(2024, 5, 12, 14, 30)),  # full-width digits
    ("2024-05-12T14:30", D(2024, 5, 12, 14, 30)),
    ("2024-05-12 14:30:00Z", D(2024, 5, 12, 14, 30)),
    ("2024-05-12 下午2点", D(2024, 5, 12, 14, 0)),
    ("12/05/2024 14:30", None),  # day/month undecided
    ("2024-05-12 14:5", D(2024, 5, 12, 14, 5)),
])
def test_other_forms_take_the_general_path(text: str, expected: D | None) -> None:
    assert plain_stamp(text) is None
    assert read_datetime(text) == expected


_SEPARATED = st.tuples(st.sampled_from("-/."), st.sampled_from("-/."))


@given(
    st.datetimes(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)),
    _SEPARATED,
    st.sampled_from(["dash", "zh"]),
    st.sampled_from(["", "hm", "hms", "h:mm"]),
    st.booleans(),
)
def test_plain_and_general_readers_agree(
    stamp: D, seps: tuple[str, str], form: str, clock: str, padded: bool
) -> None:
    month = f"{stamp.month:02d}" if padded else str(stamp.month)
    day = f"{stamp.day:02d}" if padded else str(stamp.day)
    date = f"{stamp.year}{seps[0]}{month}{seps[1]}{day}" if form == "dash" else f"{stamp.year}年{month}月{day}日"
    time = {"": "", "hm": f"{stamp.hour:02d}:{stamp.minute:02d}",
            "hms": f"{stamp.hour:02d}:{stamp.minute:02d}:{stamp.second:02d}",
            "h:mm": f"{stamp.hour}:{stamp.minute:02d}"}[clock]  # fmt: skip
    text = f"{date} {time}" if time else date
    assert plain_stamp(text) is not None
    assert read_datetime(text) == read_datetime(" " + text)
    assert has_time_of_day(text) is has_time_of_day(" " + text)
    assert looks_like_date(text) is looks_like_date(" " + text) is True


@given(st.text(alphabet="0123456789-/.年月日: T", max_size=22))
def test_any_text_of_stamp_characters_reads_the_same_either_way(text: str) -> None:
    if text[:1] == " ":
        return  # already the general path
    assert read_datetime(text) == read_datetime(" " + text)
    assert looks_like_date(text) is looks_like_date(" " + text)


def test_a_column_of_plain_stamps_is_year_first() -> None:
    order = date_order(["2024-05-12 14:30", "2024/5/13", "2024年5月14日 09:00"])
    assert (order.decision, order.dayfirst) == ("year-first", None)
    mixed = date_order(["2024-05-12 14:30", "13/05/2024 09:00"])
    assert (mixed.decision, mixed.dayfirst, mixed.day_first) == ("day-first", True, 1)
