"""Reading legacy cell values: times, dates, levels, the day/month decision, header joining."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sheetdesk.io.values import fold
from sheetdesk.legacy import import_legacy
from sheetdesk.legacy.header import label_forms
from sheetdesk.legacy.parse import (
    date_order,
    looks_like_date,
    read_datetime,
    read_enum,
    read_epoch,
    read_number,
    read_time,
)
from sheetdesk.schema import CALLBACKS, REPAIRS

T = dt.time


@pytest.mark.parametrize(("raw", "expected"), [
    ("7:00", (T(7, 0), 0)),
    ("12：:30", (T(12, 30), 0)),  # full-width colon typed twice
    ("12;30", (T(12, 30), 0)),
    ("１４：３０", (T(14, 30), 0)),
    ("730", (T(7, 30), 0)),
    (730, (T(7, 30), 0)),
    ("14时30分", (T(14, 30), 0)),
    ("下午2:30", (T(14, 30), 0)),
    ("02:23 PM", (T(14, 23), 0)),
    (0.375, (T(9, 0), 0)),
    ("24:00", (T(0, 0), 1)),
    ("24:00:00", (T(0, 0), 1)),
    ("10：:4", None),  # 10:04 or a cut-off 10:4x: not guessed
    ("178:10:00", None),
    ("2次", None),
    ("/", None),
])
def test_read_time(raw: object, expected: tuple[T, int] | None) -> None:
    assert read_time(raw) == expected


@pytest.mark.parametrize(("raw", "dayfirst", "expected"), [
    ("2023年5月1日", None, dt.datetime(2023, 5, 1)),
    ("2023.5.1", None, dt.datetime(2023, 5, 1)),
    ("２０２３－０５－０１", None, dt.datetime(2023, 5, 1)),
    ("26/01/2023 02:23 PM", True, dt.datetime(2023, 1, 26, 14, 23)),
    ("01/26/23", False, dt.datetime(2023, 1, 26)),
    ("03/04/2023", None, None),  # ambiguous without a decision
    ("03/04/2023", True, dt.datetime(2023, 4, 3)),
    ("03/04/2023", False, dt.datetime(2023, 3, 4)),
    (45000, None, dt.datetime(2023, 3, 15)),
    ("45000.5", None, dt.datetime(2023, 3, 15, 12, 0)),
    (2021, None, None),  # a year, not a serial
    ("2023年5月1日14时30分", None, dt.datetime(2023, 5, 1, 14, 30)),
])
def test_read_datetime(raw: object, dayfirst: bool | None, expected: dt.datetime | None) -> None:
    assert read_datetime(raw, dayfirst) == expected


@pytest.mark.parametrize(("raw", "level"), [
    ("I", "I"), ("Ⅱ", "II"), ("一级", "I"), ("三级", "III"), ("Ⅲ级", "III"), (4, "IV"), ("2.0", "II"),
    ("1 - Critical", "I"), ("2 - High", "II"), ("3 - Moderate", "III"), ("4 - Low", "IV"), ("P2", "II"),
    ("紧急", "I"), ("5 - Planning", None), ("high-ish", None),
])
def test_fault_levels_legacy_spellings(raw: object, level: str | None) -> None:
    assert read_enum(raw, REPAIRS.field("fault_level")) == level


def test_legacy_satisfaction_words() -> None:
    f = CALLBACKS.field("satisfaction")
    assert [read_enum(v, f) for v in ("很满意", "比较满意", "不满意", "满意")] == [
        "satisfied", "basically_satisfied", "dissatisfied", "satisfied"]


@given(st.lists(st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31)), min_size=1, max_size=30))
def test_date_order_never_guesses(days: list[dt.date]) -> None:
    """Written day-first, a column is read day-first or left undecided, never month-first."""
    texts = [d.strftime("%d/%m/%Y") for d in days]
    order = date_order(texts)
    if any(d.day > 12 for d in days):
        assert order.decision == "day-first" and order.dayfirst is True
        assert [read_datetime(t, order.dayfirst).date() for t in texts] == days  # type: ignore[union-attr]
    else:
        assert (order.decision, order.dayfirst) == ("ambiguous", None)


def test_label_forms_join_parent_and_child() -> None:
    assert label_forms(["时间", "报修"])[:2] == ["时间报修", "报修时间"]
    assert "报修" in label_forms(["时间", "报修"])


def test_the_sheet_with_the_best_table_is_chosen(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes.append(["本表为 2022 年维修登记，请勿修改格式"])
    notes.append(["联系人", "张三"])
    log = wb.create_sheet("登记")
    log.append(["报修单号", "报修时间", "故障描述", "故障级别"])
    log.append(["X1", "2022-03-01 10:00", "不开机", "二级"])
    wb.save(tmp_path / "two.xlsx")
    result = import_legacy(tmp_path / "two.xlsx", "repairs")
    assert result.sheet == "登记" and result.rows_written == 1
    assert any(d.code == "table.sheet" for d in result.decisions)
    assert result.records[0]["reported_at"] == dt.datetime(2022, 3, 1, 10, 0)


_DIGIT = re.compile(r"\d")


@given(st.one_of(st.text(max_size=20), st.sampled_from(["上午", "下午三点", "Feb", "Mon Feb", "inf", "nan", "-", "²",
                                                        "①号", "十二月", "二〇二四年五月", "２４：００"])))
def test_text_without_a_digit_is_no_date_time_number_or_timestamp(text: str) -> None:
    # Sniffing skips these readers for text with no digit once folded; they must all say no to it.
    if _DIGIT.search(fold(text)):
        return
    assert not looks_like_date(text)
    assert read_time(text) is None
    assert read_number(text) is None
    assert read_epoch(text) is None
