"""The four public logs in /work/shared/realworld, imported as they were found.

Every data row is accounted for (written + rejected = read), the key columns
are mapped, and specific rows' values are checked against the source text.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from sheetdesk.legacy import ImportResult, import_legacy

# shared/ stands beside the checkout (in CI too); /work/shared is the developers' copy.
_CANDIDATES = [Path(__file__).resolve().parents[3] / "shared" / "realworld", Path("/work/shared/realworld")]
REALWORLD = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])
D = dt.datetime


def source(prefix: str) -> Path:
    found = sorted(REALWORLD.glob(prefix + "*"))
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{REALWORLD} has no {prefix}* file; CI must have shared/ beside the checkout")
        pytest.skip(f"{REALWORLD} has no {prefix}* file")
    return found[0]


@pytest.fixture(scope="module")
def machine() -> ImportResult:
    return import_legacy(source("xiepeiheng__"), "repairs")


@pytest.fixture(scope="module")
def excavator() -> ImportResult:
    return import_legacy(source("nlp-tlp__"), "repairs")


@pytest.fixture(scope="module")
def fixit() -> ImportResult:
    return import_legacy(source("openrepair__"), "repairs")


@pytest.fixture(scope="module")
def incidents() -> ImportResult:
    return import_legacy(source("chinthan11shah__"), "repairs")


def targets(result: ImportResult) -> dict[str, str]:
    return {c.label: str(c.target) for c in result.columns}


def at_row(result: ImportResult, row: int) -> dict:
    return result.records[result.record_rows.index(row)]


def every_row_accounted(result: ImportResult) -> None:
    """Each non-blank row read is written, rejected or listed above the header: once."""
    rows = result.record_rows + [r.row for r in result.rejects] + [row for row, _ in result.above]
    assert len(rows) == len(set(rows)) == result.rows_read
    assert result.rows_read == len(result.above) + result.rows_written + result.rows_rejected


def test_machine_log_gbk_split_date_and_hand_typed_times(machine: ImportResult) -> None:
    assert machine.encoding == "gbk" and machine.lang == "zh"
    assert machine.counts() == {"read": 1918, "written": 1918, "rejected": 0, "above_header": 0}
    every_row_accounted(machine)
    t = targets(machine)
    assert t["日期"] == "reported_at.date"
    assert t["开始时间"] == "reported_at.time"
    assert t["结束时间"] == "resolved_at.time"
    assert t["故障描述"] == "fault_description"
    assert t["维修部门"] == "technician"
    assert t["故障原因"] == "keep"  # cause codes 9, 10 are not causes
    row2 = at_row(machine, 2)
    assert row2["reported_at"] == D(2021, 6, 16, 7, 0) and row2["resolved_at"] == D(2021, 6, 16, 8, 0)
    assert row2["ticket_no"].startswith("IMP-") and "第 2 行" in row2["notes"]
    assert "机组: 502" in row2["notes"]
    assert at_row(machine, 306)["resolved_at"] == D(2021, 6, 29, 0, 0)  # 24:00:00
    assert at_row(machine, 338)["resolved_at"] == D(2021, 6, 29, 1, 1)  # 23:55 -> 1:01, night shift
    assert at_row(machine, 1271)["reported_at"] == D(2021, 8, 20, 7, 0)  # "700"
    assert at_row(machine, 1612)["reported_at"] == D(2021, 9, 13, 7, 21)  # "721"
    odd = at_row(machine, 1095)  # "178:10:00" is not a time
    assert "resolved_at" not in odd and "结束时间: 178:10:00" in odd["notes"]
    tickets = [r["ticket_no"] for r in machine.records]
    assert len(set(tickets)) == len(tickets)


def test_machine_log_full_width_and_semicolon_times(machine: ImportResult) -> None:
    assert at_row(machine, 892)["reported_at"] == D(2021, 8, 1, 11, 0)  # "11：:00"
    assert at_row(machine, 1560)["resolved_at"] == D(2021, 9, 9, 14, 13)  # "14：:13"
    assert at_row(machine, 215)["resolved_at"] == D(2021, 6, 24, 13, 25)  # "13;25"
    assert at_row(machine, 1585)["resolved_at"] == D(2021, 9, 10, 11, 46)  # "11;46"
    cut = at_row(machine, 579)  # "10：:4": 10:04 or a cut-off 10:4x? Not guessed.
    assert "reported_at" not in cut
    assert "开始时间: 10：:4" in cut["notes"] and "日期: 2021-07-13" in cut["notes"]
    assert cut["resolved_at"] == D(2021, 7, 13, 10, 56)
    unread = [(i.row, i.cell) for i in machine.report.issues if i.code == "import.value_unread"]
    assert (579, "G579") in unread


def test_excavator_work_orders(excavator: ImportResult) -> None:
    assert excavator.counts() == {"read": 5485, "written": 5485, "rejected": 0, "above_header": 0}
    every_row_accounted(excavator)
    t = targets(excavator)
    assert t["A"] == "skip"  # the unnamed pandas index
    assert t["BscStartDate"] == "reported_at"
    assert t["OriginalShorttext"] == "fault_description"
    assert t["Asset"] == "serial_no"
    assert t["id"] == "ticket_no"
    first = at_row(excavator, 2)
    assert first["reported_at"] == D(2004, 7, 1) and first["serial_no"] == "A"
    assert first["fault_description"] == "BUCKET WON'T OPEN" and first["ticket_no"] == "0"
    assert "Cost: 183.05" in first["notes"]
    assert at_row(excavator, 4)["action"] == "replace_part"  # "Replace"


def test_fixit_clinic_shifted_rows_are_rejected(fixit: ImportResult) -> None:
    assert fixit.counts() == {"read": 477, "written": 475, "rejected": 2, "above_header": 0}
    every_row_accounted(fixit)
    assert {(r.row, r.code) for r in fixit.rejects} == {(153, "shifted"), (285, "shifted")}
    shifted = next(r for r in fixit.rejects if r.row == 153)
    assert shifted.values[0] == "fixitclinic_157" and "one column right" in shifted.reason
    t = targets(fixit)
    assert t["id"] == "ticket_no" and t["date"] == "reported_at" and t["problem"] == "fault_description"
    first = at_row(fixit, 2)
    assert first["ticket_no"] == "fixitclinic_1" and first["reported_at"] == D(2019, 1, 10)
    assert "year_of_manufacture" not in first["notes"]  # ???? is a blank
    spill = at_row(fixit, 125)  # the problem text spilled into the unnamed last column
    assert "M: bad power cord" in spill["notes"]
    assert any(d.code == "column.constant" and "USA" in d.message for d in fixit.decisions)


def test_incident_log_keeps_the_last_event_of_each_ticket(incidents: ImportResult) -> None:
    assert incidents.rows_read == 5998
    every_row_accounted(incidents)
    assert incidents.rows_written == 890
    assert incidents.reject_counts() == {"superseded": 5108}
    t = targets(incidents)
    assert t["number"] == "ticket_no" and t["opened_at"] == "reported_at" and t["resolved_at"] == "resolved_at"
    assert t["priority"] == "fault_level" and t["assigned_to"] == "technician" and t["closed_at"] == "keep"
    first = {r["ticket_no"]: r for r in incidents.records}["INC0000045"]
    assert incidents.record_rows[incidents.records.index(first)] == 5
    assert first["reported_at"] == D(2016, 2, 29, 1, 16)
    assert first["resolved_at"] == D(2016, 2, 29, 11, 29)
    assert first["fault_level"] == "III" and first["channel"] == "phone"
    assert "incident_state: Closed" in first["notes"]
    earlier = next(r for r in incidents.rejects if r.row == 2)
    assert "superseded by row 5" in earlier.reason and earlier.values[0] == "INC0000045"
    opened = next(c for c in incidents.columns if c.label == "opened_at")
    assert opened.dayfirst is True


def test_machine_log_output_is_read_by_validate(tmp_path: Path, machine: ImportResult) -> None:
    from sheetdesk.io.load import load_dataset
    from sheetdesk.legacy import write_import

    out = write_import(machine, tmp_path / "machine.xlsx")
    dataset = load_dataset([out])
    assert dataset.repairs is not None and len(dataset.repairs) == 1918
    codes = {i.code for i in dataset.report.issues}
    assert not {c for c in codes if c.startswith(("column.", "sheet.", "workbook."))}
    assert dataset.repairs.column("reported_at")[0] == D(2021, 6, 16, 7, 0)


def test_fixit_mapping_saved_and_reused_gives_the_same_records(tmp_path: Path, fixit: ImportResult) -> None:
    from sheetdesk.legacy import save_mapping

    save_mapping(fixit, tmp_path / "fixit.yaml")
    text = (tmp_path / "fixit.yaml").read_text(encoding="utf-8")
    assert "  M: keep\n" in text and "  id: ticket_no\n" in text
    again = import_legacy(source("openrepair__"), "repairs", mapping=tmp_path / "fixit.yaml")
    assert again.records == fixit.records
    assert [(r.row, r.code) for r in again.rejects] == [(r.row, r.code) for r in fixit.rejects]


@pytest.mark.parametrize("name", ["machine", "excavator", "fixit", "incidents"])
def test_the_first_four_logs_map_as_their_content_says(name: str, request: pytest.FixtureRequest) -> None:
    from tests.legacy.realworld_truth import TRUTH, judge

    result: ImportResult = request.getfixturevalue(name)
    prefix = next(p for p in TRUTH if result.source.name.startswith(p))
    wrong, missed, given, needed = judge(result.columns, TRUTH[prefix])
    assert wrong == [] and missed == [] and given >= needed > 0
