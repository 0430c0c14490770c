"""`collect` knows where a file comes from (issue #11, break 3).

The split record is signed with the master's secret, kept in a key file
beside the master (never in the folder sent to branches). A file without a
record, with a record that does not verify, or from another master is
refused with one line; `--accept-unrecorded` lets it in, and then every row
is checked against the branch its file name names.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from sheetdesk.branches import collect, split_master
from sheetdesk.cli import main
from sheetdesk.errors import InputError
from sheetdesk.templates import write_templates
from tests.branches.edit import Editor
from tests.branches.master import BEIJING, EAST, SALES, SOUTH, write_master

ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}  # the messages asserted are English


def run(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], env=ENGLISH)


def refused(result: Any, path: Path, reason: str) -> None:
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"sheetdesk: error: {path}: ") and reason in line, line


def edit_record(path: Path, cell: str, value: Any) -> None:
    wb = openpyxl.load_workbook(path)
    wb["_sheetdesk"][cell] = value
    wb.save(path)


def record_cell(path: Path, name: str) -> str:
    """The cell holding the value of `name` in the split record (column B of its row)."""
    ws = openpyxl.load_workbook(path)["_sheetdesk"]
    return next(f"B{row[0].row}" for row in ws.iter_rows() if row[0].value == name)


def test_the_key_lives_beside_the_master_and_never_travels(master: Path, files: dict[str, Path]) -> None:
    key = master.with_name(master.stem + ".sheetdesk-key")
    assert key.is_file() and stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = json.loads(key.read_text(encoding="utf-8"))["secret"]
    out_dir = next(iter(files.values())).parent
    assert sorted(p.suffix for p in out_dir.iterdir()) == [".xlsx"] * 3
    for path in files.values():
        assert secret.encode() not in path.read_bytes()  # compressed parts: also checked unpacked below
        wb = openpyxl.load_workbook(path)
        values = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
        assert not any(secret in v for v in values)


def test_a_second_split_of_the_same_master_reuses_its_key(master: Path, files: dict[str, Path],
                                                           tmp_path: Path) -> None:
    key = master.with_name(master.stem + ".sheetdesk-key")
    before = key.read_bytes()
    split_master(master, tmp_path / "again")
    assert key.read_bytes() == before


def test_a_file_without_a_record_is_refused(master: Path, files: dict[str, Path], tmp_path: Path) -> None:
    [plain] = [p for p in write_templates("all", tmp_path / "blank", "en") if p.name == "service_desk.xlsx"]
    result = run("collect", master, plain, "-o", tmp_path / "merged.xlsx")
    refused(result, plain, "has no split record")
    assert "--accept-unrecorded" in result.stderr
    assert not (tmp_path / "merged.xlsx").exists()


def test_a_record_edited_to_claim_another_branch_is_refused(master: Path, files: dict[str, Path],
                                                           tmp_path: Path) -> None:
    east = files[EAST]
    with Editor(east) as ed:  # a new sale with a blank Branch would take the record's branch
        ed.add("sales", serial_no="SN-Z01", product="P", model="M", sale_date=dt.datetime(2024, 5, 1),
               customer="Sneaky Co")
    edit_record(east, record_cell(east, "branch"), BEIJING)
    refused(run("collect", master, east, "-o", tmp_path / "m.xlsx"), east, "does not verify")

    # Let in explicitly: the branch is the one the file name names, never the record's claim.
    result = collect(master, [east], tmp_path / "m.xlsx", accept_unrecorded=True)
    assert result.files[0].branch == EAST
    added = [c for c in result.changes if c.outcome == "added"]
    assert [c.key for c in added] == ["SN-Z01"]
    merged = openpyxl.load_workbook(tmp_path / "m.xlsx")["Sales"]
    branch_of = {r[0]: r[8] for r in merged.iter_rows(min_row=3, values_only=True)}
    assert branch_of["SN-Z01"] == EAST


def test_rows_of_another_branch_in_an_accepted_file_are_rejected(master: Path, files: dict[str, Path],
                                                                tmp_path: Path) -> None:
    east = files[EAST]
    with Editor(east) as ed:
        ed.set("sales", "SN-E01", "branch", BEIJING)  # would move the row
        ed.add("sales", serial_no="SN-Z02", product="P", model="M", sale_date=dt.datetime(2024, 5, 1),
               customer="Elsewhere", branch=BEIJING)
    edit_record(east, record_cell(east, "branch"), BEIJING)
    result = collect(master, [east], tmp_path / "m.xlsx", accept_unrecorded=True)
    assert sorted((c.outcome, c.key) for c in result.changes if c.outcome != "warning") == [
        ("rejected", "SN-E01"), ("rejected", "SN-Z02")]
    assert not result.valid


def test_an_edited_fingerprint_is_refused(master: Path, files: dict[str, Path], tmp_path: Path) -> None:
    south = files[SOUTH]
    wb = openpyxl.load_workbook(south)
    ws = wb["_sheetdesk"]
    row = next(r for r in ws.iter_rows() if r[0].value == "sales")
    row[2].value = "0" * 64  # claim the branch's copy was different at split: an update would win
    wb.save(south)
    with pytest.raises(InputError, match="does not verify"):
        collect(master, [south], tmp_path / "m.xlsx")


def test_a_file_from_another_master_is_refused(master: Path, files: dict[str, Path], tmp_path: Path) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = write_master(other_dir / "other master.xlsx")
    foreign = next(f.path for f in split_master(other, other_dir / "out").files if f.branch == EAST)
    refused(run("collect", master, foreign, "-o", tmp_path / "m.xlsx"), foreign, "another master")


def test_a_renamed_master_needs_its_key_and_the_merged_master_inherits_it(
        master: Path, files: dict[str, Path], tmp_path: Path) -> None:
    v2 = Path(shutil.copy(master, tmp_path / "master_v2.xlsx"))
    result = run("collect", v2, files[EAST], "-o", tmp_path / "m1.xlsx")
    refused(result, v2, "--key")
    key = master.with_name(master.stem + ".sheetdesk-key")
    assert run("collect", v2, files[EAST], "-o", tmp_path / "m1.xlsx", "--key", key).exit_code == 0
    # The merged workbook is the next master: its key is written beside it.
    copy, original = (json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "m1.sheetdesk-key", key))
    assert (copy["master_id"], copy["secret"]) == (original["master_id"], original["secret"])
    assert run("collect", tmp_path / "m1.xlsx", files[EAST], "-o", tmp_path / "m2.xlsx").exit_code == 0


def test_a_key_file_that_is_not_one_is_one_line(master: Path, files: dict[str, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.sheetdesk-key"
    bad.write_text("not a key", encoding="utf-8")
    refused(run("collect", master, files[EAST], "-o", tmp_path / "m.xlsx", "--key", bad), bad, "not a sheetdesk key")


def test_a_plain_file_accepted_takes_its_branch_from_its_name(master: Path, tmp_path: Path) -> None:
    plain = write_master(tmp_path / "East Office.xlsx", sales=[[*SALES[4][:5], "Harbor Dental Group", *SALES[4][6:]],
                                                              ["SN-E09", "P", "M", None, dt.datetime(2024, 6, 1),
                                                               "New Co", None, None, None],
                                                              [*SALES[0][:5], "Capital Hospital East",
                                                               *SALES[0][6:]]], repairs=[], callbacks=[], notes_sheet=False)
    result = collect(master, [plain], tmp_path / "merged.xlsx", accept_unrecorded=True)
    assert result.files[0].branch == EAST and result.files[0].provenance is None
    assert sorted((c.outcome, c.key, c.field) for c in result.changes) == [
        ("added", "SN-E09", None), ("rejected", "SN-B01", None), ("updated", "SN-E01", "customer"),
        ("warning", None, None)]
    [warning] = [i for i in result.report.warnings if i.code == "collect.unrecorded"]
    assert warning.params["branch"] == EAST


def test_the_output_never_replaces_the_masters_key(master: Path, files: dict[str, Path]) -> None:
    key = master.with_name(master.stem + ".sheetdesk-key")
    before = key.read_bytes()
    result = run("collect", master, files[EAST], "-o", key, "--force")
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert key.read_bytes() == before
