from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.branches import CollectResult, SplitResult, collect, split_master
from sheetdesk.errors import OutputError
from sheetdesk.io.load import load_dataset
from sheetdesk.templates import write_templates
from tests.branches.edit import Editor, read_sheet
from tests.branches.master import BEIJING, CALLBACKS, EAST, REPAIRS, SALES, SOUTH, write_master


def registers(path: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """register -> key -> record, read back through the loader."""
    ds = load_dataset([path])
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for reg, table in ds.tables.items():
        rows = {}
        for found in table.records():
            rec = {f.key: found.get(f.key) for f in table.register.fields}  # absent columns read as blank
            key = rec["serial_no"] if reg == "sales" else rec["ticket_no"]
            if reg == "callbacks":
                key = f"{key} | {rec['callback_at']:%Y-%m-%dT%H:%M:%S}"
            rows[key] = rec
        out[reg] = rows
    return out


def outcomes(result: CollectResult) -> list[tuple[str, str | None, str | None]]:
    return sorted((c.outcome, c.key, c.field) for c in result.changes)


@pytest.fixture
def head_office_changes(master: Path, tmp_path: Path, split: SplitResult) -> Path:
    """The master as head office changed it after the split (a new file: masters are never overwritten)."""
    sales, repairs = copy.deepcopy(SALES), copy.deepcopy(REPAIRS)
    sales[1][7] = "13800008888"  # SN-B02 phone: the branch changes it too -> conflict
    repairs[0][7] = "Tech Zhao Senior"  # T-B01 technician: the branch leaves it -> master kept
    return write_master(tmp_path / "master_v2.xlsx", sales=sales, repairs=repairs)


def test_every_outcome(files: dict[str, Path], head_office_changes: Path, key: Path, tmp_path: Path) -> None:
    with Editor(files[BEIJING]) as ed:
        ed.set("sales", "SN-B01", "contact", "Wang Lei Jr")  # updated
        ed.set("sales", "SN-B02", "phone", "13800009999")  # conflict with master's 13800008888
        ed.add("sales", serial_no="SN-B03", product="Monitor", model="M-200", sale_date=dt.datetime(2024, 4, 1),
               customer="Xicheng School", branch=BEIJING)  # added
        ed.add("repairs", ticket_no="T-B03", serial_no="SN-B03", reported_at=dt.datetime(2024, 4, 2, 9, 0),
               fault_level="III", fault_description="Dead pixel")  # added; branch follows its new sale
        ed.delete("repairs", "T-B02")  # deleted: reported, not deleted
        ed.add("sales", serial_no="SN-S09", product="Pump", model="P-20", sale_date=dt.datetime(2024, 4, 3),
               customer="Somewhere", branch=SOUTH)  # another branch's row -> rejected
        ed.add("sales", serial_no="SN-S01", product="Pump", model="P-20", sale_date=dt.datetime(2023, 7, 3),
               customer="Hijacked", branch=BEIJING)  # an existing row of another branch -> rejected
    out = tmp_path / "merged.xlsx"
    result = collect(head_office_changes, [files[BEIJING]], out, key=key)

    assert outcomes(result) == [
        ("added", "SN-B03", None), ("added", "T-B03", None),
        ("conflict", "SN-B02", "phone"),
        ("deleted", "T-B02", None),
        ("rejected", "SN-S01", None), ("rejected", "SN-S09", None),
        ("updated", "SN-B01", "contact"),
    ]
    assert result.counts == {"added": 2, "updated": 1, "conflicts": 1, "rejected": 2, "deleted": 1, "unchanged": 2}
    assert not result.valid
    conflict = next(c for c in result.changes if c.outcome == "conflict")
    assert (conflict.old, conflict.new) == ("13800008888", "13800009999")
    assert (conflict.file, conflict.sheet, conflict.row) == ("北京分公司.xlsx", "Sales", 3)

    merged = registers(out)
    assert merged["sales"]["SN-B01"]["contact"] == "Wang Lei Jr"
    assert merged["sales"]["SN-B02"]["phone"] == "13800008888"  # master kept
    assert merged["sales"]["SN-B03"]["customer"] == "Xicheng School"
    assert merged["sales"]["SN-S01"]["customer"] == "Shenzhen Medical Center"
    assert "SN-S09" not in merged["sales"]
    assert "T-B02" in merged["repairs"]  # not deleted
    assert merged["repairs"]["T-B01"]["technician"] == "Tech Zhao Senior"  # only the master changed it
    assert merged["repairs"]["T-B03"]["fault_level"] == "III"
    assert list(merged["sales"]) == ["SN-B01", "SN-B02", "SN-S01", "SN-S02", "SN-E01", "SN-X01", "SN-B03"]

    report = read_sheet(out, "Merge Report")
    by_outcome = {(r["Outcome"], r["Key"]): r for r in report}
    row = by_outcome[("conflict", "SN-B02")]
    assert (row["Source File"], row["Sheet"], row["Row"], row["Field"]) == ("北京分公司.xlsx", "Sales", 3, "Phone")
    assert (row["Master Value"], row["Branch Value"]) == ("13800008888", "13800009999")
    assert by_outcome[("updated", "SN-B01")]["Branch Value"] == "Wang Lei Jr"
    assert "belongs to branch '华南/深圳'" in by_outcome[("rejected", "SN-S01")]["Message"]
    assert by_outcome[("deleted in branch (kept)", "T-B02")]["Register"] == "Repairs"
    assert len(report) == len(result.changes)


def test_merged_workbook_keeps_the_masters_sheets_and_look(files: dict[str, Path], master: Path,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "merged.xlsx"
    result = collect(master, list(files.values()), out)
    assert result.valid and result.changes == []
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Sales", "Repairs", "Callbacks", "Notes", "Merge Report"]
    assert wb["Sales"]["A1"].value == "Sales register 2024"  # the title row above the header is carried
    assert wb["Sales"]["A2"].value == "Serial No" and wb["Sales"].freeze_panes == "B3"  # below the header, right of the key
    assert [r for r in wb["Notes"].iter_rows(values_only=True)] == [
        ("Head office notes", None), ("Quarterly review", dt.datetime(2024, 4, 1))]
    assert any(dv.type == "list" for dv in wb["Repairs"].data_validations.dataValidation)
    assert registers(out) == registers(master)


def test_collecting_the_same_file_twice_changes_nothing_the_second_time(files: dict[str, Path], master: Path,
                                                                       tmp_path: Path) -> None:
    with Editor(files[EAST]) as ed:
        ed.set("repairs", "T-E01", "resolved_at", dt.datetime(2024, 3, 8, 12, 0))
        ed.add("callbacks", ticket_no="T-E01", callback_at=dt.datetime(2024, 3, 9, 10, 0), caller="Caller Bob",
               satisfaction="Satisfied")
    once = collect(master, [files[EAST], files[EAST]], tmp_path / "once.xlsx")
    first, second = once.files
    assert (first.counts["added"], first.counts["updated"]) == (1, 1)
    assert second.counts == {"added": 0, "updated": 0, "conflicts": 0, "rejected": 0, "deleted": 0,
                             "unchanged": 4}
    again = collect(tmp_path / "once.xlsx", [files[EAST]], tmp_path / "again.xlsx")
    assert again.changes == [] and again.valid
    assert again.counts["unchanged"] == 4
    assert registers(tmp_path / "again.xlsx") == registers(tmp_path / "once.xlsx")


def test_recollecting_with_conflicts_reports_them_again_and_changes_nothing(
        files: dict[str, Path], head_office_changes: Path, key: Path, tmp_path: Path) -> None:
    with Editor(files[BEIJING]) as ed:
        ed.set("sales", "SN-B02", "phone", "13800009999")
        ed.set("sales", "SN-B01", "contact", "Wang Lei Jr")
    first = collect(head_office_changes, [files[BEIJING]], tmp_path / "m1.xlsx", key=key)
    second = collect(tmp_path / "m1.xlsx", [files[BEIJING]], tmp_path / "m2.xlsx")
    assert (first.counts["updated"], first.counts["conflicts"]) == (1, 1)
    assert (second.counts["updated"], second.counts["conflicts"]) == (0, 1)
    assert registers(tmp_path / "m2.xlsx") == registers(tmp_path / "m1.xlsx")


def test_plain_template_file_let_in_as_the_branch_its_name_names(master: Path, tmp_path: Path) -> None:
    [plain] = [p for p in write_templates("all", tmp_path / "blank", "zh") if p.name == "service_desk.zh.xlsx"]
    wb = openpyxl.load_workbook(plain)
    wb["销售登记"].append(["SN-W01", "Monitor", "M-100", None, dt.datetime(2024, 5, 1), None, "West Hospital",
                        None, None, None, None, None, "West Depot"])
    wb["维修记录"].append(["T-W01", "SN-W01", dt.datetime(2024, 5, 2, 9, 30), "电话", "报修", "二级", None, "Noise"])
    wb.save(tmp_path / "West Depot.xlsx")

    result = collect(master, [tmp_path / "West Depot.xlsx"], tmp_path / "merged.xlsx", accept_unrecorded=True)
    assert outcomes(result) == [("added", "SN-W01", None), ("added", "T-W01", None), ("warning", None, None)]
    assert result.valid
    assert result.files[0].branch == "West Depot" and result.files[0].provenance is None
    assert [i.code for i in result.report.warnings] == ["collect.unrecorded"]
    assert "no split record" in result.report.warnings[0].message
    merged = registers(tmp_path / "merged.xlsx")
    assert merged["repairs"]["T-W01"]["channel"] == "phone"
    assert merged["repairs"]["T-W01"]["fault_level"] == "II"


def test_plain_file_updates_rows_of_its_branch(master: Path, tmp_path: Path) -> None:
    (tmp_path / "returned").mkdir()
    plain = write_master(tmp_path / "returned" / "East Office.xlsx",
                         sales=[[*SALES[4][:5], "Harbor Dental Group", *SALES[4][6:]]], repairs=[], callbacks=[],
                         notes_sheet=False)
    result = collect(master, [plain], tmp_path / "merged.xlsx", accept_unrecorded=True)
    assert outcomes(result) == [("updated", "SN-E01", "customer"), ("warning", None, None)]
    assert result.files[0].branch == EAST


def test_retyped_values_are_not_changes(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    with Editor(files[SOUTH]) as ed:
        ed.set("repairs", "T-S01", "labor_cost", "50.50")  # a number typed as text
        ed.set("repairs", "T-S02", "fault_level", "I")  # still level I (the label is 'I')
        ed.set("sales", "SN-S01", "phone", 13900000003)  # a text number typed as a number
        ed.set("sales", "SN-S01", "sale_date", "2023-07-03")  # a date typed as text
        ed.set("sales", "SN-S02", "customer", "  Futian Lab ")  # stray spaces
        ed.reverse_rows("sales")
        ed.move_sheet_first("repairs")
    result = collect(master, [files[SOUTH]], tmp_path / "merged.xlsx")
    assert result.changes == [] and result.counts["unchanged"] == 4


def test_unreadable_cells_are_rejected_not_blanked(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    with Editor(files[SOUTH]) as ed:
        ed.set("repairs", "T-S01", "resolved_at", "tomorrow")
    result = collect(master, [files[SOUTH]], tmp_path / "merged.xlsx")
    [change] = result.changes
    assert (change.outcome, change.key) == ("rejected", "T-S01")
    assert "Resolved At 'tomorrow'" in change.text("en")
    assert registers(tmp_path / "merged.xlsx")["repairs"]["T-S01"]["resolved_at"] == REPAIRS[2][6]


def test_the_master_is_never_overwritten(files: dict[str, Path], master: Path) -> None:
    with pytest.raises(OutputError, match="refusing to overwrite an input"):
        collect(master, [files[EAST]], master, force=True)


def test_callbacks_are_identified_by_ticket_and_time(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    with Editor(files[BEIJING]) as ed:
        ed.set("callbacks", "T-B01", "comments", "Very quick fix")
    result = collect(master, [files[BEIJING]], tmp_path / "merged.xlsx")
    key = f"T-B01 | {CALLBACKS[0][1]:%Y-%m-%dT%H:%M:%S}"
    assert outcomes(result) == [("updated", key, "comments")]


def test_rows_deleted_in_the_master_since_the_split_are_not_re_added(files: dict[str, Path], key: Path,
                                                                     tmp_path: Path) -> None:
    master_v2 = write_master(tmp_path / "v2.xlsx", sales=[s for s in SALES if s[0] not in ("SN-S02", "SN-B02")])
    with Editor(files[BEIJING]) as ed:
        ed.set("sales", "SN-B02", "contact", "Li Na Jr")
    beijing = collect(master_v2, [files[BEIJING]], tmp_path / "m1.xlsx", key=key)
    assert outcomes(beijing) == [("conflict", "SN-B02", None)]
    south = collect(master_v2, [files[SOUTH]], tmp_path / "m2.xlsx", key=key)
    assert outcomes(south) == [("warning", "SN-S02", None)] and south.valid
    assert "SN-S02" not in registers(tmp_path / "m2.xlsx")["sales"]


def test_unreadable_master_cells_travel_and_come_back_unchanged(tmp_path: Path) -> None:
    repairs = copy.deepcopy(REPAIRS)
    repairs[2][6] = "next week"  # T-S01 Resolved At: not a date
    master = write_master(tmp_path / "m.xlsx", repairs=repairs)
    split = split_master(master, tmp_path / "out")
    assert [i.code for i in split.report.warnings][:1] == ["split.unreadable_cells"]
    south = next(f.path for f in split.files if f.branch == SOUTH)
    with Editor(south) as ed:
        assert ed.get("repairs", "T-S01", "resolved_at") == "next week"
        ed.set("repairs", "T-S01", "technician", "Tech Sun Jr")
    result = collect(master, [south], tmp_path / "merged.xlsx")
    assert outcomes(result) == [("updated", "T-S01", "technician")]
    ds = load_dataset([tmp_path / "merged.xlsx"])
    assert ds.tables["repairs"].raw["resolved_at"][2] == "next week"  # never blanked


def test_rows_moved_to_another_branch_by_head_office(files: dict[str, Path], key: Path, tmp_path: Path) -> None:
    sales = copy.deepcopy(SALES)
    sales[1][8] = SOUTH  # head office moved SN-B02 (and so T-B02) to 华南/深圳 after the split
    master_v2 = write_master(tmp_path / "v2.xlsx", sales=sales)
    untouched = collect(master_v2, [files[BEIJING]], tmp_path / "m0.xlsx", key=key)
    assert untouched.changes == [] and untouched.valid  # an unchanged row is no error
    with Editor(files[BEIJING]) as ed:
        ed.set("repairs", "T-B02", "technician", "Tech Zhao Jr")
        ed.set("sales", "SN-B01", "branch", None)  # a sale cannot be left without a branch
    result = collect(master_v2, [files[BEIJING]], tmp_path / "m1.xlsx", key=key)
    assert outcomes(result) == [("rejected", "SN-B01", None), ("rejected", "T-B02", None)]
    messages = {c.key: c.text("en") for c in result.changes}
    assert messages["T-B02"] == "the row belongs to branch '华南/深圳'"
    assert "another branch or to none" in messages["SN-B01"]


def test_plain_file_rows_without_branch_take_the_file_names_branch(master: Path, tmp_path: Path) -> None:
    plain = write_master(tmp_path / "northwind.xlsx", sales=[["SN-N1", "P", "M", None, dt.datetime(2024, 1, 1), "C",
                                                             None, None, None]], repairs=[], callbacks=[
                                                                 ["T-404", dt.datetime(2024, 1, 2, 9, 0), "X", None,
                                                                  None]])
    result = collect(master, [plain], tmp_path / "merged.xlsx", accept_unrecorded=True)
    assert [(c.outcome, c.key) for c in result.changes if c.outcome != "warning"] == [
        ("added", "SN-N1"), ("rejected", "T-404 | 2024-01-02T09:00:00")]
    assert registers(tmp_path / "merged.xlsx")["sales"]["SN-N1"]["branch"] == "northwind"
    assert not result.valid


def test_hidden_master_sheets_stay_hidden(files: dict[str, Path], master: Path, key: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(master)
    wb.move_sheet("Notes", offset=-3)
    wb["Notes"].sheet_state = "hidden"
    wb.active = 1
    hidden_first = tmp_path / "hidden_first.xlsx"
    wb.save(hidden_first)
    collect(hidden_first, [files[EAST]], tmp_path / "merged.xlsx", key=key)
    merged = openpyxl.load_workbook(tmp_path / "merged.xlsx")
    assert [(ws.title, ws.sheet_state) for ws in merged] == [
        ("Notes", "hidden"), ("Sales", "visible"), ("Repairs", "visible"), ("Callbacks", "visible"),
        ("Merge Report", "visible")]


def test_a_deleted_column_keeps_the_masters_values(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(files[SOUTH])
    wb["Sales"].delete_cols(7)  # Customer (required)
    wb.save(files[SOUTH])
    result = collect(master, [files[SOUTH]], tmp_path / "merged.xlsx")
    assert result.counts["unchanged"] == 4 and result.counts["updated"] == 0
    assert [i.code for i in result.report.errors] == ["column.missing"]
    assert "columns missing from the file: Customer" in result.report.warnings[0].message
    assert not result.valid  # a register without a required column is an error in the data
    assert registers(tmp_path / "merged.xlsx")["sales"]["SN-S01"]["customer"] == "Shenzhen Medical Center"
