"""A branch file opened and re-saved by LibreOffice, then edited, still collects exactly."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from sheetdesk.branches import collect, read_provenance
from sheetdesk.io.reader import read_workbook
from tests.branches.edit import Editor, read_sheet
from tests.branches.master import SOUTH
from tests.helpers.libreoffice import convert

pytestmark = pytest.mark.libreoffice


def test_round_trip_through_libreoffice(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    saved = convert(files[SOUTH], "xlsx", tmp_path / "lo")
    prov = read_provenance(read_workbook(saved))
    assert prov is not None and prov.branch == SOUTH  # the hidden sheet survives (as hidden)

    # Re-saved but not edited: re-typed cells are no changes.
    untouched = collect(master, [saved], tmp_path / "untouched.xlsx")
    assert untouched.changes == [] and untouched.counts["unchanged"] == 4

    edited = tmp_path / "edited.xlsx"
    shutil.copy(saved, edited)
    with Editor(edited) as ed:
        ed.set("sales", "SN-S02", "customer", "Futian Laboratory")
        ed.set("repairs", "T-S01", "resolved_at", dt.datetime(2024, 3, 3, 19, 15))
        ed.add("callbacks", ticket_no="T-S01", callback_at=dt.datetime(2024, 3, 4, 10, 0), caller="Caller Lin",
               satisfaction="满意")
        ed.reverse_rows("repairs")
    result = collect(master, [edited], tmp_path / "merged.xlsx")
    assert sorted((c.outcome, c.key, c.field) for c in result.changes) == [
        ("added", "T-S01 | 2024-03-04T10:00:00", None),
        ("updated", "SN-S02", "customer"),
        ("updated", "T-S01", "resolved_at"),
    ]
    assert result.counts["unchanged"] == 2 and result.valid

    report = {(r["Key"], r["Field"]): r for r in read_sheet(tmp_path / "merged.xlsx", "Merge Report")}
    row = report[("T-S01", "Resolved At")]
    assert (row["Master Value"], row["Branch Value"]) == (dt.datetime(2024, 3, 3, 18, 0),
                                                          dt.datetime(2024, 3, 3, 19, 15))
    assert row["Source File"] == "edited.xlsx"
