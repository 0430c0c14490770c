"""Dates at the edge of the calendar and absurd durations (issue #11, breaks 10 and 11).

`--as-of` takes only a date or a date and time. A date of 9999-12-31 in the
data or in `--as-of` is checked like any other: a computed date that would
fall after it (an SLA due time, a callback due date, a warranty end) is left
blank with a `date.beyond_calendar` warning at its row, and its status is
still given. Every calendar walk is bounded: an absurd target is found out
in a handful of steps, and a duration longer than any calendar is refused
when it is read.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sheetdesk.checking import check_files
from sheetdesk.rules.calendar import BeyondCalendar, ServiceCalendar, cn_holidays
from sheetdesk.rules.durations import MAX_DAYS, Duration, DurationError, parse_duration
from tests.checking.books import (
    CALLBACKS,
    REPAIRS,
    SALES,
    callback,
    repair,
    run,
    sale,
    sla_sheet,
    write_book,
)

D, T = dt.date, dt.datetime
FAR = T(9999, 12, 31, 10, 0)
_off, _on, _covered = cn_holidays()
BUSINESS = ServiceCalendar({d: [(540, 720), (780, 1020)] for d in range(5)}, _off, _on, covered_years=_covered)
NIGHTS = ServiceCalendar({d: [(1320, 360)] for d in range(7)}, _off | {D(9000, 1, 1)}, _on)
CALENDARS = [ServiceCalendar.always(), BUSINESS, NIGHTS]


def _json(*args: Any) -> dict[str, Any]:
    code, out, err = run(*args, "--json")
    assert code in (0, 1), err
    document: dict[str, Any] = json.loads(out)
    return document


def _beyond(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(i["cell"], i["message"]) for i in document["issues"] if i["code"] == "date.beyond_calendar"]


# -- --as-of ------------------------------------------------------------------


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return write_book(tmp_path / "desk.xlsx", {
        "Sales": [SALES, sale("S1")],
        "Repairs": [REPAIRS, repair("T1", "S1", T(2025, 3, 3, 9), resolved=T(2025, 3, 3, 15)),
                    repair("T2", "S1", T(2025, 3, 5, 9))],
        "Callbacks": [CALLBACKS, callback("T1", T(2025, 3, 5, 9))],
    })


@pytest.mark.parametrize("when", ["45000", "45000.5", "2026", "20261101", "2026-11-01T17", "2026/11/01",
                                  "2026-11-01T17:30+08:00", "2026-02-30", "1e5"])
def test_as_of_takes_only_a_date_or_a_date_and_time(desk: Path, when: str) -> None:
    code, out, err = run(desk, "--as-of", when)
    assert (code, out) == (2, "")
    assert err == (f"sheetdesk: error: Invalid value for '--as-of': '{when}' is not a date/time; write it as "
                   "2026-11-01, 2026-11-01T17:30 or 2026-11-01 17:30:00 (see 'sheetdesk check --help')\n")


@pytest.mark.parametrize("when", ["9999-12-31", "9999-12-31T23:59:59", "0001-01-01"])
def test_as_of_at_either_end_of_the_calendar_is_checked(desk: Path, when: str) -> None:
    document = _json(desk, "--as-of", when)
    statuses = {r["ticket_no"]: r["resolve_status"] for r in document["repairs"]}
    assert statuses == ({"T1": "met", "T2": "overdue"} if when.startswith("9999") else {"T1": "met", "T2": "pending"})
    assert document["as_of"] == dt.datetime.fromisoformat(when).isoformat()


# -- dates of 9999-12-31 in the data -------------------------------------------


@pytest.fixture
def far(tmp_path: Path) -> Path:
    """A sale, a report and a resolution on the last day Excel holds, beside ordinary rows."""
    return write_book(tmp_path / "far.xlsx", {
        "Sales": [SALES, sale("S1", D(9999, 12, 31)), sale("S2")],
        "Repairs": [REPAIRS,
                    repair("T1", "S2", FAR, "III", resolved=FAR),  # 3d business resolve, callback 3 days later
                    repair("T2", "S1", FAR, "IV"),  # 1d response: due after the calendar, still pending
                    repair("T3", "S2", T(2025, 3, 3, 9), "III", resolved=T(2025, 3, 4, 9))],
        "Callbacks": [CALLBACKS, callback("T1", FAR), callback("T3", T(2025, 3, 5, 9))],
    })


def test_a_repair_dated_9999_12_31_is_checked_and_its_far_dues_are_blank(far: Path) -> None:
    document = _json(far, "--as-of", "2025-06-01")
    t1, t2, t3 = document["repairs"]
    assert (t1["response_due"], t1["response_status"]) == ("9999-12-31T14:00:00", "pending")
    assert (t1["resolve_due"], t1["resolve_status"], t1["resolve_over_minutes"]) == (None, "met", 0)
    assert (t1["callback_due"], t1["callback_status"]) == (None, "done")
    assert (t2["response_due"], t2["response_status"], t2["resolve_due"], t2["resolve_status"]) == (
        None, "pending", None, "pending")
    assert t3["resolve_status"] == "met" and t3["callback_status"] == "done"  # ordinary rows as ever
    assert document["sales"][0]["free_until"] is None and document["sales"][0]["warranty_status"] == "return"
    assert _beyond(document) == [
        ("E2", "The end of the warranty would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
        ("C2", "The on-site due time would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
        ("C2", "The resolve due time would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
        ("K2", "The callback due date would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
        ("C3", "The response due time would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
        ("C3", "The resolve due time would fall after 9999-12-31, the last date a workbook can hold; "
               "it is left blank"),
    ]


def test_the_far_date_finding_reads_in_chinese(far: Path) -> None:
    result = check_files([far], as_of=T(2025, 6, 1))
    texts = [(i.cell, i.text("zh")) for i in result.report.issues if i.code == "date.beyond_calendar"]
    assert ("K2", "回访期限将晚于 9999-12-31（工作簿能容纳的最后日期），已留空") in texts


def test_a_far_repair_is_written_to_the_annotated_workbook(far: Path, tmp_path: Path) -> None:
    code, _, err = run(far, "--as-of", "9999-12-31T23:59:59", "-o", tmp_path / "out.xlsx")
    assert code == 0 and err == ""
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_split_puts_a_callback_due_after_9999_last_on_the_worklist(far: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sheetdesk.cli import main

    result = CliRunner().invoke(main, ["split", str(far), "-o", str(tmp_path / "branches")])
    assert result.exit_code in (0, 1) and result.stderr == "", result.output


# -- absurd policy values -------------------------------------------------------


def _policy_desk(tmp_path: Path, level_ii_resolve: str) -> Path:
    return write_book(tmp_path / "desk.xlsx", {
        "Sales": [SALES, sale("S1")],
        "Repairs": [REPAIRS, repair("T1", "S1", T(2025, 3, 3, 9))],
        "SLA": sla_sheet(level_ii_resolve),
    })


@pytest.mark.parametrize("target", ["9" * 400 + "h", "99999999h", "3652059d"])
def test_a_target_longer_than_any_calendar_is_a_policy_finding_at_its_cell(target: str, tmp_path: Path) -> None:
    document = _json(_policy_desk(tmp_path, target), "--as-of", "2025-06-01")
    bad = [i for i in document["issues"] if i["code"] == "policy.bad_duration"]
    assert [(i["sheet"], i["cell"]) for i in bad] == [("SLA", "F3")]
    assert "longer than 9999 years" in bad[0]["message"]


def test_a_long_target_on_a_business_calendar_is_computed(tmp_path: Path) -> None:
    """9,999,999 working hours from 2025: about 4,800 years of office hours, computed at once.

    A policy may not set it (a target over a year is a finding at its cell, docs/rules.md);
    the calendar itself still takes it in one step."""
    rows = [list(r) for r in sla_sheet("8h")]
    rows[3][5] = "9999999h"  # level III resolve, on the business calendar
    path = write_book(tmp_path / "desk.xlsx", {
        "Sales": [SALES, sale("S1")],
        "Repairs": [REPAIRS, repair("T1", "S1", T(2025, 3, 3, 9), "III")],
        "SLA": rows,
    })
    document = _json(path, "--as-of", "2025-06-01")
    (bad,) = [i for i in document["issues"] if i["code"] == "policy.bad_duration"]
    assert (bad["sheet"], bad["cell"]) == ("SLA", "F4") and "at most 365d" in bad["message"]
    default = ServiceCalendar({d: [(540, 1020)] for d in range(5)}, _off, _on)  # the built-in 5x8, China
    due = default.add(T(2025, 3, 3, 9), Duration(seconds=9_999_999 * 3600))
    assert due.year > 6000 and default.elapsed(T(2025, 3, 3, 9), due) == 9_999_999 * 3600


# -- the pure rules ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["9" * 400 + "h", "9" * 400 + "d", "99999999h", f"{MAX_DAYS + 1}d",
                                  "1" + "0" * 400, 10**400, 1e308, float("inf")])
def test_a_duration_longer_than_any_calendar_is_refused_in_both_languages(text: object) -> None:
    with pytest.raises(DurationError) as refused:
        parse_duration(text)
    assert "longer than 9999 years" in str(refused.value)
    assert "超过 9999 年" in refused.value.msg.render("zh")
    assert len(str(refused.value)) < 200  # the 400 digits are not repeated back


def test_the_longest_duration_is_read() -> None:
    assert parse_duration(f"{MAX_DAYS}d") == Duration(days=MAX_DAYS)


@pytest.mark.parametrize("cal", CALENDARS, ids=["24x7", "business", "nights"])
@pytest.mark.parametrize("start", [FAR, T(9999, 12, 31, 23, 59, 59), T(9999, 12, 25)])
def test_a_due_time_past_9999_is_beyond_the_calendar(cal: ServiceCalendar, start: dt.datetime) -> None:
    for d in (Duration(days=8), Duration(seconds=30 * 86400), Duration(days=MAX_DAYS)):
        with pytest.raises(BeyondCalendar):
            cal.add(start, d)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CALENDARS),
       st.datetimes(min_value=T(1, 1, 1), max_value=T(9999, 12, 31, 23, 59)),
       st.integers(min_value=0, max_value=MAX_DAYS * 86400),
       st.integers(min_value=0, max_value=MAX_DAYS))
def test_add_anywhere_in_the_calendar_gives_a_due_or_says_it_is_beyond(
    cal: ServiceCalendar, start: dt.datetime, secs: int, days: int
) -> None:
    for d in (Duration(seconds=secs), Duration(days=days)):
        try:
            due = cal.add(start, d)
        except BeyondCalendar:
            continue
        assert due >= start
        if not d.days:
            assert cal.elapsed(start, due) == d.seconds  # the clock measured back gives the duration


@pytest.mark.parametrize("cal", CALENDARS, ids=["24x7", "business", "nights"])
def test_working_time_is_measured_across_the_whole_calendar(cal: ServiceCalendar) -> None:
    first, last = T(1, 1, 1), T(9999, 12, 31, 23, 59, 59)
    total = cal.elapsed(first, last)
    assert total > 0 and cal.elapsed(last, first) == -total
