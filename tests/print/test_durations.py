"""Over-time in words: 24-hour days on round-the-clock targets, working hours
on business-hours ones; the JSON keeps minutes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from sheetdesk.durations_text import duration_words
from tests.checking.books import REPAIRS, SALES, repair, sale, write_book
from tests.print.books import sheetdesk


@pytest.mark.parametrize(("minutes", "days", "zh", "en"), [
    (81330, True, "56天11小时30分", "56d 11h 30m"),
    (81330, False, "1355小时30分", "1355h 30m"),
    (1440, True, "1天", "1d"),
    (60, True, "1小时", "1h"),
    (61, False, "1小时1分", "1h 1m"),
    (0, True, "0分", "0m"),
])  # fmt: skip
def test_durations_read_in_words(minutes: int, days: bool, zh: str, en: str) -> None:
    assert duration_words(minutes, "zh", days=days) == zh
    assert duration_words(minutes, "en", days=days) == en


def test_the_over_columns_read_in_words_on_the_target_calendar(tmp_path: Path) -> None:
    reported = dt.datetime(2025, 3, 3, 9, 0)  # a Monday
    book = write_book(tmp_path / "book.xlsx", {
        "Sales": [SALES, sale("S1")],
        "Repairs": [REPAIRS,
                    repair("T-24x7", "S1", reported, "II", responded=reported + dt.timedelta(minutes=30)),
                    repair("T-business", "S1", reported, "III", responded=reported + dt.timedelta(minutes=30))],
    })  # fmt: skip
    out = tmp_path / "out.xlsx"
    code, stdout, err = sheetdesk("check", book, "--as-of", "2025-03-14T09:00", "-o", out, "--json")
    assert code in (0, 1), err
    minutes = {r["ticket_no"]: r["resolve_over_minutes"] for r in json.loads(stdout)["repairs"]}
    assert minutes["T-24x7"] == 11 * 1440 - 8 * 60  # the JSON keeps minutes: 11 days less the 8h target
    ws = openpyxl.load_workbook(out)["Repairs"]
    column = next(c.column for c in ws[1] if c.value == "Resolve Over")
    shown = {ws.cell(r, 1).value: ws.cell(r, column).value for r in range(2, ws.max_row + 1)}
    assert shown["T-24x7"] == "10d 16h"
    # Level III runs on business hours, 9 to 5: due Thursday 09:00, six working days of 8 hours later it is
    # 48 working hours over, which 24-hour days would misread as "2d".
    assert minutes["T-business"] == 48 * 60
    assert shown["T-business"] == "48h"
