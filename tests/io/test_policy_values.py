"""Policy cells read with the registers' value parsers (sheetdesk/io/values.py):
weekdays, times of day, percentages, durations, and dates in every register form."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sheetdesk.i18n import Bound
from sheetdesk.io.values import coerce_date, coerce_duration, coerce_percent, coerce_time_of_day, coerce_weekdays
from sheetdesk.rules.durations import Duration


def ok(result: tuple[Any, Bound | None]) -> Any:
    value, problem = result
    assert problem is None, problem.render("en") if problem else None
    return value


def refused(result: tuple[Any, Bound | None]) -> str:
    value, problem = result
    assert value is None and isinstance(problem, Bound)
    assert problem.render("zh") != problem.render("en")  # both languages
    return problem.render("en")


@pytest.mark.parametrize(
    ("value", "day"),
    [("Mon", 0), ("monday", 0), ("周一", 0), ("星期一", 0), ("1", 0), (1, 0), (7.0, 6), ("Sun", 6), ("周日", 6),
     ("星期天", 6), ("Thurs", 3), ("ＴＵＥ", 1)],
)  # fmt: skip
def test_weekday(value: object, day: int) -> None:
    assert ok(coerce_weekdays(value)) == (day,)


def test_weekday_ranges_and_lists() -> None:
    assert ok(coerce_weekdays("Mon-Fri")) == (0, 1, 2, 3, 4)
    assert ok(coerce_weekdays("周一至周五")) == (0, 1, 2, 3, 4)
    assert ok(coerce_weekdays("Sat-Mon")) == (5, 6, 0)
    assert ok(coerce_weekdays("Mon, Wed、Fri")) == (0, 2, 4)
    for bad in ("Funday", "0", "8", "Mon-", "Mon-Tue-Wed", True):
        refused(coerce_weekdays(bad))
    assert coerce_weekdays("-") == (None, None)  # a blank, as in the registers


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(dt.time(9, 30), 570), (0.375, 540), (1.0, 1440), (0, 0), ("09:00", 540), ("9:05", 545), ("24:00", 1440),
     ("17：30", 1050), ("8点", 480), ("8点30分", 510), ("14时30分", 870), ("2:30 PM", 870), ("下午2:30", 870),
     ("9am", 540), (dt.timedelta(hours=17), 1020), (dt.datetime(1899, 12, 30, 8), 480),
     (dt.datetime(1900, 1, 1), 1440), (dt.datetime(1899, 12, 31), 1440), (dt.date(1900, 1, 1), 1440), (9, 540),
     ("13:00:00", 780)],
)  # fmt: skip
def test_time_of_day(value: object, minutes: int) -> None:
    assert ok(coerce_time_of_day(value)) == minutes


@pytest.mark.parametrize("value", ["25:00", "12:60", 30, -0.5, True, dt.date(2025, 1, 1), "noon"])
def test_bad_time_of_day(value: object) -> None:
    refused(coerce_time_of_day(value))


def test_percent() -> None:
    assert ok(coerce_percent("100%")) == 1.0 and ok(coerce_percent(1)) == 1.0 and ok(coerce_percent(95)) == 0.95
    assert ok(coerce_percent("98％")) == 0.98 and ok(coerce_percent("0.98")) == 0.98
    assert "between 0% and 100%" in refused(coerce_percent("120%"))
    refused(coerce_percent("lots"))
    refused(coerce_percent(float("inf")))


@pytest.mark.parametrize(
    "value",
    ["2025-10-01", "2025/10/1", "2025年10月1日", "20251001", "1 Oct 2025", "Oct 1, 2025", "25/10/2025", 45931,
     "45931", dt.datetime(2025, 10, 1, 8), dt.date(2025, 10, 1), "２０２５－１０－０１"],
)  # fmt: skip
def test_holiday_dates_take_every_register_form(value: object) -> None:
    assert ok(coerce_date(value)) in (dt.date(2025, 10, 1), dt.date(2025, 10, 25))


def test_bad_dates() -> None:
    refused(coerce_date("2025-02-30"))
    assert "ambiguous" in refused(coerce_date("03/04/2025"))


def test_duration() -> None:
    assert ok(coerce_duration("4h")) == Duration(seconds=4 * 3600)
    assert ok(coerce_duration("1d 4h")) == Duration(seconds=4 * 3600, days=1)
    assert coerce_duration("-") == (None, None)
    refused(coerce_duration("soon"))
    refused(coerce_duration("1" * 400 + "h"))  # a 400-digit number of hours is a finding, not a crash
