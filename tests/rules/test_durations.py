import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.rules.durations import Duration, format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30min", Duration(seconds=1800)),
        ("4h", Duration(seconds=14400)),
        ("1.5h", Duration(seconds=5400)),
        ("2d", Duration(days=2)),
        ("90m", Duration(seconds=5400)),
        ("4小时", Duration(seconds=14400)),
        ("30分钟", Duration(seconds=1800)),
        ("2天", Duration(days=2)),
        (" 48 H ", Duration(seconds=48 * 3600)),
        ("1d 4h", Duration(seconds=14400, days=1)),
        ("1h30min", Duration(seconds=5400)),
        ("4", Duration(seconds=14400)),  # bare number = hours
        ("０.５ｈ", Duration(seconds=1800)),  # full-width
        (4, Duration(seconds=14400)),
        (1.5, Duration(seconds=5400)),
        (dt.timedelta(hours=2), Duration(seconds=7200)),
        (dt.time(4, 30), Duration(seconds=16200)),
    ],
)
def test_parse_duration(text: object, expected: Duration) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("bad", ["", "abc", "4x", "1.5d", "-2h", "h", None, True, "4h zz", -1])
def test_parse_duration_rejects_garbage(bad: object) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(bad)


def test_format_duration() -> None:
    assert format_duration(Duration(days=2)) == "2d"
    assert format_duration(Duration(seconds=5400)) == "1.5h"
    assert format_duration(Duration(seconds=1800)) == "30min"
    assert format_duration(Duration(seconds=14400, days=1)) == "1d 4h"
    assert format_duration(Duration()) == "0h"
    assert str(Duration(seconds=45)) == "45s"


@given(st.integers(0, 400), st.integers(0, 10 * 86400))
def test_format_reads_back(days: int, seconds: int) -> None:
    d = Duration(seconds=seconds, days=days)
    assert parse_duration(format_duration(d)) == d
