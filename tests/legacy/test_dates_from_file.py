"""Dates a column cannot read by itself: Unix timestamps, and day/month orders the rest of the file decides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sheetdesk.legacy import import_legacy
from tests.legacy.test_evidence import targets, write_csv

D = dt.datetime


def test_unix_milliseconds_under_a_moment_header_are_read_as_utc(tmp_path: Path) -> None:
    rows = [["failure_id", "failure_type", "failure_timestamp", "repair_time_hours"]]
    rows += [[i, "Sensor fault", 1675209600000 + i * 3_600_000, 12.5] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "f.csv", rows), "repairs")
    assert targets(result)["failure_timestamp"] == "reported_at"
    assert [r["reported_at"] for r in result.records][:2] == [D(2023, 2, 1, 0, 0), D(2023, 2, 1, 1, 0)]
    assert any(d.code == "dates.epoch" and d.column == "failure_timestamp" for d in result.decisions)


def test_unix_seconds_without_a_moment_header_are_not_dates(tmp_path: Path) -> None:
    rows = [["Ticket", "Customer ref", "Description"]]
    rows += [[f"T{i}", 1675209600 + i * 977, "No power"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "s.csv", rows), "repairs")
    assert targets(result)["Customer ref"] == "keep"
    assert all("reported_at" not in r for r in result.records)


def test_another_column_written_the_same_way_decides_an_ambiguous_one(tmp_path: Path) -> None:
    rows = [["Job No", "Date Reported", "Date Completed", "Fault"]]
    rows += [[f"J{i}", f"0{i + 1}/03/2024", f"{i + 14}/03/2024", "Leak"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "o.csv", rows), "repairs")
    assert result.records[0]["reported_at"] == D(2024, 3, 1)  # 01/03 read day-first, as 14/03 says
    assert result.records[0]["resolved_at"] == D(2024, 3, 14)
    decision = next(d for d in result.decisions if d.code == "date_order" and d.column == "Date Reported")
    assert "Date Completed" in decision.text("en") and "day-first" in decision.text("en")
    assert not [w for w in result.report.issues if w.code == "import.date_order"]


def test_a_file_decided_both_ways_decides_nothing(tmp_path: Path) -> None:
    rows = [["Job No", "Date Reported", "Date Completed", "Invoice date", "Fault"]]
    rows += [[f"J{i}", f"0{i + 1}/03/2024", f"{i + 14}/12/2024", f"12/{i + 14}/2024", "Leak"] for i in range(6)]
    result = import_legacy(write_csv(tmp_path / "b.csv", rows), "repairs")  # no other evidence either
    assert all("reported_at" not in r for r in result.records)
    assert [w for w in result.report.issues if w.code == "import.date_order"]


def test_report_no_later_than_resolution_decides_the_order(tmp_path: Path) -> None:
    rows = [["工单号", "报修日期", "修复时间", "故障描述"]]
    reported = [D(2024, 1, 4), D(2024, 2, 6), D(2024, 3, 9), D(2024, 4, 10), D(2024, 5, 11), D(2024, 6, 12)]
    for i, r in enumerate(reported):  # month-first text; read day-first, each would come after its resolution
        rows.append([f"G{i}", r.strftime("%m/%d/%Y"), (r + dt.timedelta(days=2)).strftime("%Y-%m-%d 18:00"), "漏水"])
    rows.reverse()
    rows.insert(0, rows.pop())  # the header first, the rows newest first: their order says nothing
    result = import_legacy(write_csv(tmp_path / "p.csv", rows), "repairs")
    assert sorted(r["reported_at"] for r in result.records) == reported
    decision = next(d for d in result.decisions if d.code == "date_order" and d.column == "报修日期")
    assert "修复时间" in decision.text("zh")


def test_rows_in_date_order_decide_the_order(tmp_path: Path) -> None:
    rows = [["WO #", "Date", "Description"]]
    stamps = [D(2024, m, d) for m in (1, 2, 3, 4, 5) for d in (3, 7, 11)]  # read month-first, it goes back 4 times
    rows += [[f"W{i}", s.strftime("%d/%m/%Y"), "Door jammed"] for i, s in enumerate(stamps)]
    result = import_legacy(write_csv(tmp_path / "r.csv", rows), "repairs")
    assert [r["reported_at"] for r in result.records] == stamps
    decision = next(d for d in result.decisions if d.code == "date_order")
    assert "date order" in decision.text("en")


def test_an_ambiguous_column_without_evidence_is_still_not_read(tmp_path: Path) -> None:
    rows = [["WO #", "Date", "Description"]]
    rows += [[f"W{i}", f"01-0{i + 2}-2024", "Door jammed"] for i in range(5)]  # Jan 2.. or Feb 1..: both in order
    result = import_legacy(write_csv(tmp_path / "n.csv", rows), "repairs")
    assert all("reported_at" not in r for r in result.records)
    assert [w for w in result.report.issues if w.code == "import.date_order"]


def test_ctime_timestamps_are_read(tmp_path: Path) -> None:
    rows = [["WO_ID", "Created_Timestamp", "Fault"]]
    rows += [[f"WO-{i}", f"Mon Feb  {i + 2} 00:13:28 2026", "Power surge"] for i in range(3)]
    result = import_legacy(write_csv(tmp_path / "c.csv", rows), "repairs")
    assert result.records[0]["reported_at"] == D(2026, 2, 2, 0, 13, 28)
