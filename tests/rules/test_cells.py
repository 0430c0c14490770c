import datetime as dt

import pytest

from sheetdesk.rules.cells import parse_date, parse_percent, parse_time_minutes, parse_weekday, parse_weekdays


@pytest.mark.parametrize(
    ("value", "day"),
    [("Mon", 0), ("monday", 0), ("周一", 0), ("星期一", 0), ("1", 0), (1, 0), (7.0, 6), ("Sun", 6), ("周日", 6),
     ("星期天", 6), ("Thurs", 3), ("ＴＵＥ", 1)],
)  # fmt: skip
def test_weekday(value: object, day: int) -> None:
    assert parse_weekday(value) == day


def test_weekday_ranges() -> None:
    assert parse_weekdays("Mon-Fri") == [0, 1, 2, 3, 4]
    assert parse_weekdays("周一至周五") == [0, 1, 2, 3, 4]
    assert parse_weekdays("Sat-Mon") == [5, 6, 0]
    assert parse_weekdays("Mon, Wed、Fri") == [0, 2, 4]
    for bad in ("Funday", "0", "8", "Mon-", ""):
        with pytest.raises(ValueError):
            parse_weekdays(bad)


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(dt.time(9, 30), 570), (0.375, 540), (1.0, 1440), (0, 0), ("09:00", 540), ("9:05", 545), ("24:00", 1440),
     ("17：30", 1050), ("8点", 480), (dt.timedelta(hours=17), 1020), (dt.datetime(1899, 12, 30, 8), 480),
     (dt.datetime(1900, 1, 1), 1440), (dt.datetime(1899, 12, 31), 1440), (dt.date(1900, 1, 1), 1440), (9, 540), ("13:00:00", 780)],
)  # fmt: skip
def test_time(value: object, minutes: int) -> None:
    assert parse_time_minutes(value) == minutes


@pytest.mark.parametrize("value", ["25:00", "9am", "12:60", 30, -0.5, "", True, dt.date(2025, 1, 1)])
def test_bad_time(value: object) -> None:
    with pytest.raises(ValueError):
        parse_time_minutes(value)


def test_percent_and_date() -> None:
    assert parse_percent("100%") == 1.0 and parse_percent(1) == 1.0 and parse_percent(95) == 0.95
    with pytest.raises(ValueError):
        parse_percent("lots")
    assert parse_date("2025年10月1日") == dt.date(2025, 10, 1)
    assert parse_date("2025/10/1") == dt.date(2025, 10, 1)
    assert parse_date(45931) == dt.date(2025, 10, 1)  # Excel serial
    assert parse_date(dt.datetime(2025, 10, 1, 8)) == dt.date(2025, 10, 1)
    with pytest.raises(ValueError):
        parse_date("2025-02-30")
