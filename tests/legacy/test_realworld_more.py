"""The eight newer public logs in /work/shared/realworld, imported as they were found.

For each: the mapping matches what its content says (`realworld_truth`),
every row is accounted for, and every date the import wrote is compared
with the source cell read independently (strptime with the file's own
format, or the true date cell).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sheetdesk.io.reader import read_workbook
from sheetdesk.legacy import ImportResult, import_legacy
from tests.legacy.realworld_truth import TRUTH, judge
from tests.legacy.test_realworld import every_row_accounted, source

D = dt.datetime


def raw_rows(path: Path) -> list[list[Any]]:
    """The source's cells, row 1 first (CSV by the csv module, workbooks by the reader)."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return [list(r) for r in csv.reader(fh)]
    return read_workbook(path).sheets[0].rows


def check_dates(result: ImportResult, rows: list[list[Any]], column: int, key: str,
                expected: Callable[[Any], D | None]) -> int:
    """Every written record's `key` equals `expected(source cell)`; returns how many were dates."""
    checked = 0
    for record, row in zip(result.records, result.record_rows, strict=True):
        want = expected(rows[row - 1][column])
        assert record.get(key) == want, f"row {row}: {record.get(key)!r} != {want!r} ({rows[row - 1][column]!r})"
        checked += want is not None
    return checked


def strptime(fmt: str) -> Callable[[Any], D | None]:
    def read(value: Any) -> D | None:
        text = str(value or "").strip()
        return D.strptime(text, fmt) if text else None

    return read


def mapping_is_right(result: ImportResult, prefix: str) -> None:
    wrong, missed, given, needed = judge(result.columns, TRUTH[prefix])
    assert wrong == [] and missed == []
    assert given >= needed > 0


@pytest.fixture(scope="module")
def itsm() -> ImportResult:
    return import_legacy(source("MargaridaIFM__"), "repairs")


def test_itsm_incidents_day_first_times(itsm: ImportResult) -> None:
    mapping_is_right(itsm, "MargaridaIFM__")
    every_row_accounted(itsm)
    assert itsm.counts() == {"read": 40, "written": 40, "rejected": 0, "above_header": 0}
    rows = raw_rows(source("MargaridaIFM__"))
    assert rows[0][14] == "Open_Time" and rows[0][16] == "Resolved_Time"
    assert check_dates(itsm, rows, 14, "reported_at", strptime("%d/%m/%Y %H:%M")) == 40
    assert check_dates(itsm, rows, 16, "resolved_at", strptime("%d/%m/%Y %H:%M")) == sum(1 for r in rows[1:] if r[16])
    first = itsm.records[0]
    assert first["ticket_no"] == "IM0000004" and first["reported_at"] == D(2012, 2, 5, 13, 32)
    assert first["fault_level"] == "IV"  # Priority 4
    unmapped = next(c for c in itsm.columns if c.label == "Close_Time")
    assert str(unmapped.target) == "keep" and unmapped.candidates[0].target == "resolved_at"


@pytest.fixture(scope="module")
def complaints() -> ImportResult:
    return import_legacy(source("cystanford__"), "repairs")


def test_car_complaints_codes_are_not_the_description(complaints: ImportResult) -> None:
    mapping_is_right(complaints, "cystanford__")
    every_row_accounted(complaints)
    assert complaints.counts() == {"read": 600, "written": 600, "rejected": 0, "above_header": 0}
    rows = raw_rows(source("cystanford__"))
    assert check_dates(complaints, rows, 6, "reported_at", strptime("%Y-%m-%d")) == 600
    first = complaints.records[0]
    assert first["ticket_no"] == "482028" and first["fault_description"] == "一汽马自达阿特兹B柱异响 车内异响严重"
    assert "problem: H93,H15," in first["notes"]  # the codes stay, in notes
    assert any(d.code == "mapping.conflict" and d.column == "problem" for d in complaints.decisions)


@pytest.fixture(scope="module")
def problems() -> ImportResult:
    return import_legacy(source("juhijj__"), "repairs")


def test_volvo_problem_events_keep_the_last_state(problems: ImportResult) -> None:
    mapping_is_right(problems, "juhijj__")
    every_row_accounted(problems)
    assert problems.header_rows == [1]  # not a data row that repeats everywhere below
    assert problems.rows_read == 2351 and problems.rows_written == 819
    assert problems.reject_counts() == {"superseded": 2351 - 819}
    change = next(c for c in problems.columns if c.label == "Problem Change Date+Time")
    assert str(change.target) == "keep"  # when an event changed, not when the problem was reported
    assert all("reported_at" not in r for r in problems.records)
    last = {r["ticket_no"]: r for r in problems.records}["1-147898401"]
    with source("juhijj__").open(encoding="cp1252", newline="") as fh:
        events = [r for r in csv.reader(fh, delimiter=";") if r[0] == "1-147898401"]
    assert f"Problem Change Date+Time: {events[-1][2]}" in last["notes"]


@pytest.fixture(scope="module")
def service() -> ImportResult:
    return import_legacy(source("Arzaan-k__"), "repairs")


def _swapped_back(value: Any) -> D | None:
    """The month-first text as written; a true date cell with its day and month exchanged.

    Every text date in the column has a day > 12 and every true date cell a day <= 12: the log
    was typed month-first and Excel converted what it could day-first.
    """
    if isinstance(value, str):
        return strptime("%m/%d/%Y %H:%M:%S")(value)
    stamp = value if isinstance(value, dt.datetime) else D(value.year, value.month, value.day)
    return stamp.replace(month=stamp.day, day=stamp.month)


def test_field_service_history_with_excel_swapped_dates(service: ImportResult) -> None:
    mapping_is_right(service, "Arzaan-k__")
    every_row_accounted(service)
    assert service.rows_read == 1478 and service.reject_counts() == {"superseded": 4}
    rows = raw_rows(source("Arzaan-k__"))
    assert check_dates(service, rows, 3, "reported_at", _swapped_back) == 1474
    swapped = [i for i in service.report.issues if i.code == "import.date_swapped"]
    assert swapped and all(i.cell and i.cell.startswith("D") for i in swapped)
    apr001 = {r["ticket_no"]: r for r in service.records}["APR001"]
    assert apr001["reported_at"] == D(2024, 4, 1)  # stored as 2024-01-04
    remedial = next(c for c in service.columns if c.label == "Remedial Action")
    assert str(remedial.target) == "keep"  # free text is never the Action choice


@pytest.fixture(scope="module")
def facility() -> ImportResult:
    return import_legacy(source("BrahmVanH__"), "repairs")


def test_facility_maintenance_log(facility: ImportResult) -> None:
    mapping_is_right(facility, "BrahmVanH__")
    every_row_accounted(facility)
    assert facility.sheet == "Maintenance Log"  # not the pivot sheet
    assert {(r.row, r.code) for r in facility.rejects} == {(68, "note")}  # ARCHIVED/COMPLETED divider
    rows = raw_rows(source("BrahmVanH__"))

    def as_date(v: Any) -> D | None:
        return D(v.year, v.month, v.day) if isinstance(v, dt.date) else None

    assert check_dates(facility, rows, 6, "reported_at", as_date) > 80
    assert check_dates(facility, rows, 8, "resolved_at", as_date) > 10
    unread = [i for i in facility.report.issues if i.code == "import.value_unread"]
    assert [(i.cell, i.value) for i in unread] == [("I102", "Summer 23")]
    assert not any(d.code == "carry.blank" for d in facility.decisions)  # no dates invented for blanks


@pytest.fixture(scope="module")
def turbines() -> ImportResult:
    return import_legacy(source("fluency828__"), "repairs")


def test_wind_turbine_downtime_with_guid_ids(turbines: ImportResult) -> None:
    mapping_is_right(turbines, "fluency828__")
    every_row_accounted(turbines)
    assert turbines.counts() == {"read": 49, "written": 49, "rejected": 0, "above_header": 0}
    rows = raw_rows(source("fluency828__"))

    def millis(v: Any) -> D | None:
        stamp = strptime("%Y-%m-%d %H:%M:%S.%f")(v)
        return stamp.replace(microsecond=0) if stamp else None

    assert check_dates(turbines, rows, 5, "reported_at", millis) == 49
    assert check_dates(turbines, rows, 6, "resolved_at", millis) == 49
    assert turbines.records[0]["ticket_no"] == "a0550fe581b5417ba6cdb9f2c05991b7"  # the source's own id
    assert not any(d.code == "tickets.generated" for d in turbines.decisions)


@pytest.fixture(scope="module")
def outages() -> ImportResult:
    return import_legacy(source("irelia123__"), "repairs")


def test_line_outage_report_picks_the_detail_sheet(outages: ImportResult) -> None:
    mapping_is_right(outages, "irelia123__")
    every_row_accounted(outages)
    assert outages.sheet == "已修复" and outages.header_rows == [1]
    rows = read_workbook(source("irelia123__")).sheet("已修复").rows

    def cell(value: Any) -> D | None:
        if isinstance(value, str) and value.strip().startswith("2021/"):
            return strptime("%Y/%m/%d %H:%M:%S")(value)  # a date typed as text
        return value.replace(microsecond=0) if isinstance(value, dt.datetime) else None

    assert check_dates(outages, rows, 7, "reported_at", cell) == 220
    assert check_dates(outages, rows, 9, "resolved_at", cell) == 221
    unread = [(i.cell, i.value) for i in outages.report.issues if i.code == "import.value_unread"]
    assert unread == [("H16", "021/04/29 10:21")]  # a typo'd year is not guessed
    cause = next(c for c in outages.columns if c.label == "故障原因")
    assert str(cause.target) == "keep"  # 在用纤芯断 is no Cause choice
    progress = next(c for c in outages.columns if c.label == "处理进度/原因")
    assert str(progress.target) == "keep"  # long progress logs are never a choice


@pytest.fixture(scope="module")
def requests() -> ImportResult:
    return import_legacy(source("kyykang__"), "repairs")


def test_it_requests_below_two_title_rows(requests: ImportResult) -> None:
    mapping_is_right(requests, "kyykang__")
    every_row_accounted(requests)
    assert requests.header_rows == [3]
    assert [row for row, _ in requests.above] == [1, 2]  # the title and the export line, read and listed
    assert requests.counts() == {"read": 3066, "written": 3064, "rejected": 0, "above_header": 2}
    rows = raw_rows(source("kyykang__"))
    assert check_dates(requests, rows, 3, "reported_at", strptime("%Y-%m-%d")) == 3064
    assert requests.records[0]["ticket_no"] == "XXXQ202508140042"
