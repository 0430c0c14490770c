"""No data loss: every input row is in the output, other sheets come along by value,
and what cannot come along is named in a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.branches import collect, split_master
from sheetdesk.io.annotate import ISSUES_SHEET, SUMMARY_SHEET, majority_lang
from sheetdesk.io.load import load_dataset
from sheetdesk.io.reader import RawSheet, read_workbook
from sheetdesk.legacy import import_legacy
from tests.reliability.books import HOSTILE_TEXT, T, master_sheets, write_book
from tests.reliability.extras import PIVOT_AND_LINK, with_chart_and_image, with_macros, with_parts
from tests.reliability.runner import run

EXAMPLE = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples" / "service_desk_example.xlsx"


def cells(sheet: RawSheet, width: int | None = None) -> dict[tuple[int, int], Any]:
    """Non-blank cells by (row, column), within `width` columns."""
    return {(r, c): v for r, row in enumerate(sheet.rows) for c, v in enumerate(row[:width])
            if v is not None and v != ""}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return Path(shutil.copy(EXAMPLE, tmp_path / "service_desk_example.xlsx"))


@pytest.fixture
def master(tmp_path: Path) -> Path:
    """Registers with hostile text, a free-form Notes sheet, and Notes and Callbacks hidden."""
    return write_book(tmp_path / "master.xlsx", master_sheets(HOSTILE_TEXT), hidden=("Notes", "Callbacks"))


@pytest.mark.parametrize("command", ["validate", "check"])
@pytest.mark.parametrize("book", ["example", "master"])
def test_the_annotated_copy_holds_every_input_cell(command: str, book: str, request: pytest.FixtureRequest,
                                                   tmp_path: Path) -> None:
    source: Path = request.getfixturevalue(book)
    out = tmp_path / "annotated.xlsx"
    result = run(command, source, "-o", out, *(["--as-of", "2025-06-01"] if command == "check" else []))
    assert result.code in (0, 1), result
    before, after = read_workbook(source), read_workbook(out)
    lang = majority_lang(load_dataset([source]))  # the added sheets are named in the workbook's language
    added = {"validate": [ISSUES_SHEET], "check": [ISSUES_SHEET, SUMMARY_SHEET]}[command]
    extra = [name.render(lang) for name in added]
    assert [s.name for s in after.sheets] == [s.name for s in before.sheets] + extra
    for sheet in before.sheets:
        copy = after.sheet(sheet.name)
        assert len(copy.rows) == len(sheet.rows)
        assert cells(copy, sheet.width) == cells(sheet), sheet.name
        assert copy.visible == sheet.visible


def test_hidden_sheets_are_read_and_stay_hidden(master: Path, tmp_path: Path) -> None:
    result = run("check", master, "-o", tmp_path / "c.xlsx", "--as-of", "2025-06-01", "--json")
    document = json.loads(result.stdout)
    assert document["stats"]["rows"]["callbacks"] == len(HOSTILE_TEXT)  # the hidden register is read
    assert all(r["callback_status"] == "done" for r in document["repairs"])
    states = {ws.title: ws.sheet_state for ws in openpyxl.load_workbook(tmp_path / "c.xlsx").worksheets}
    assert states == {"Sales": "visible", "Repairs": "visible", "Callbacks": "hidden", "Notes": "hidden",
                      "Issues": "visible", "Summary": "visible"}


def _legacy_log(path: Path) -> tuple[Path, set[int]]:
    """A log with a title, a blank row, a repeated header, a totals row: returns the data rows."""
    header = ["报修单号", "出厂编号", "报修时间", "故障描述", "备注"]
    rows: list[list[Any]] = [["2024 维修登记表"], header]
    for i in range(6):
        rows.append([f"BX{i}", f"SN{i}", T(2024, 5, 1 + i, 9), HOSTILE_TEXT[i % len(HOSTILE_TEXT)], "=SUM(A1)"])
    rows.append([])
    rows.append(header)
    rows.append([f"BX{9}", "SN9", T(2024, 5, 9, 9), "坏了", None])
    rows.append(["合计", None, None, "7 条", None])
    write_book(path, {"维修记录": rows})
    return path, {3, 4, 5, 6, 7, 8, 10, 11, 12}


def test_import_accounts_for_every_row(tmp_path: Path) -> None:
    legacy, data_rows = _legacy_log(tmp_path / "legacy.xlsx")
    result = run("import", legacy, "--kind", "repairs", "-o", tmp_path / "out.xlsx", "--json")
    assert result.code == 1  # rows rejected
    document = json.loads(result.stdout)
    counts = document["rows"]
    # every non-blank row is read: the title above the header too, listed as such (issue #11)
    assert counts["read"] == len(data_rows) + 1 == counts["above_header"] + counts["written"] + counts["rejected"]
    assert [r["row"] for r in document["above_header"]] == [1]

    library = import_legacy(legacy, "repairs")
    written, rejected = set(library.record_rows), {r.row for r in library.rejects}
    assert written.isdisjoint(rejected)
    assert written | rejected == data_rows
    assert {r.code for r in library.rejects} >= {"repeated_header", "totals"}

    out = read_workbook(tmp_path / "out.xlsx")
    register, rejects = out.sheets[0], out.sheet("未导入")  # a Chinese log: Chinese sheet names
    assert sum(1 for row in register.rows[1:] if any(v not in (None, "") for v in row)) == counts["written"]
    assert [int(row[0]) for row in rejects.rows[1:]] == sorted(rejected)


def test_split_and_collect_account_for_every_row(example: Path, tmp_path: Path) -> None:
    split = split_master(example, tmp_path / "branches")
    master = load_dataset([example])
    not_distributed = ("split.no_branch", "split.no_key", "split.duplicate_key")
    assert any(i.code in not_distributed for i in split.report.issues)  # the example has some
    for key, table in master.tables.items():
        distributed = sum(f.counts[key] for f in split.files)
        reported = sum(1 for i in split.report.issues if i.code in not_distributed and i.sheet == table.sheet_name)
        assert distributed + reported == len(table), key

    merged = collect(example, [f.path for f in split.files], tmp_path / "merged.xlsx")
    assert merged.counts["added"] == merged.counts["updated"] == merged.counts["conflicts"] == 0
    before, after = read_workbook(example), read_workbook(tmp_path / "merged.xlsx")
    for table in master.tables.values():
        rows_before = [r for r in before.sheet(table.sheet_name).rows if any(v not in (None, "") for v in r)]
        rows_after = [r for r in after.sheet(table.sheet_name).rows if any(v not in (None, "") for v in r)]
        assert len(rows_after) == len(rows_before), table.sheet_name


def test_collect_carries_other_sheets_by_value_and_keeps_hidden_ones_hidden(master: Path, tmp_path: Path) -> None:
    split = split_master(master, tmp_path / "branches")
    merged_path = tmp_path / "merged.xlsx"
    collect(master, [f.path for f in split.files], merged_path)
    notes_before = read_workbook(master).sheet("Notes")
    notes_after = read_workbook(merged_path).sheet("Notes")
    assert cells(notes_after) == cells(notes_before)
    assert str(notes_after.rows[1][1])[:10] == "2025-04-01"
    states = {ws.title: ws.sheet_state for ws in openpyxl.load_workbook(merged_path).worksheets}
    assert states["Notes"] == "hidden" and states["Callbacks"] == "hidden"


# Things a value-level copy cannot carry are named, never dropped silently.


def _warnings(document: dict[str, Any]) -> list[str]:
    return [i["message"] for i in document["issues"] if i["severity"] == "warning"]


def test_charts_and_images_are_named_in_a_warning(tmp_path: Path) -> None:
    book = with_chart_and_image(tmp_path / "charts.xlsx", tmp_path)
    for command in (["validate"], ["check", "--as-of", "2025-06-01"]):
        result = run(*command, book, "-o", tmp_path / f"{command[0]}.xlsx", "--json")
        warnings = _warnings(json.loads(result.stdout))
        assert "charts.xlsx contains charts; the annotated copy carries values only, so they are not in the " \
               "output" in warnings
        assert any("contains images" in w for w in warnings)
        issues_sheet = read_workbook(tmp_path / f"{command[0]}.xlsx").sheet("Issues")
        assert any("contains charts" in str(v) for row in issues_sheet.rows for v in row)
    text = run("validate", book)
    assert "workbook.uncarried" in text.stdout and "contains charts" in text.stdout


def test_vba_macros_in_an_xlsm_are_named_in_a_warning(tmp_path: Path) -> None:
    book = with_macros(tmp_path / "macros.xlsm", tmp_path)
    result = run("check", book, "-o", tmp_path / "out.xlsx", "--as-of", "2025-06-01", "--json")
    assert result.code == 0
    assert any("macros.xlsm contains VBA macros" in w for w in _warnings(json.loads(result.stdout)))


def test_pivot_tables_and_external_links_are_named_in_a_warning(tmp_path: Path) -> None:
    plain = write_book(tmp_path / "plain.xlsx", master_sheets())
    book = with_parts(plain, tmp_path / "pivots.xlsx", PIVOT_AND_LINK)
    result = run("validate", book, "-o", tmp_path / "out.xlsx", "--json")
    warnings = _warnings(json.loads(result.stdout))
    assert any("contains pivot tables" in w for w in warnings)
    assert any("contains external links" in w for w in warnings)


def test_collect_names_what_the_master_and_branch_files_cannot_carry(tmp_path: Path) -> None:
    master = with_chart_and_image(tmp_path / "master.xlsx", tmp_path)
    split = split_master(master, tmp_path / "branches")
    result = run("collect", master, split.files[0].path, "-o", tmp_path / "merged.xlsx", "--json")
    issues = json.loads(result.stdout)["issues"]
    assert {i["code"] for i in issues if "contains charts" in i["message"]} == {"collect.uncarried"}
    assert any("master.xlsx contains images" in i["message"] for i in issues)
