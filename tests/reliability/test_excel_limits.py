"""Every workbook sheetdesk writes stays inside Excel's limits: sheet names, cell text, rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter.worksheet

import sheetdesk.io.annotate_sheet as annotate_sheet
from sheetdesk.errors import OutputError
from sheetdesk.io.xlsx import EXCEL_MAX_CELL_CHARS, new_workbook, safe_sheet_name, write_value
from tests.reliability.books import SALES_HEADER, T, master_sheets, sale, write_book
from tests.reliability.runner import run

FORBIDDEN = set('[]:*?/\\')
LONG_NOTE = "故障反复出现，" + "x" * 40_000


def assert_excel_names(path: Path) -> list[str]:
    names = [ws.title for ws in openpyxl.load_workbook(path).worksheets]
    for name in names:
        assert 1 <= len(name) <= 31, (path.name, name)
        assert not FORBIDDEN & set(name), (path.name, name)
        assert not name.startswith("'") and not name.endswith("'"), (path.name, name)
    assert len({n.casefold() for n in names}) == len(names), (path.name, names)
    return names


def long_named_master(path: Path) -> Path:
    """What openpyxl lets a script write and Excel would not: names over 31 characters."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    renamed = {"Sales": "Sales register of the southern region 2024",
               "Notes": "Notes: head office review [Q1] 2025 and more"}
    with pytest.warns(UserWarning, match="more than 31 characters"):
        for name, rows in master_sheets(("a", "b")).items():
            ws = wb.create_sheet(renamed.get(name, name).replace(":", " -").replace("[", "(").replace("]", ")"))
            for row in rows:
                ws.append(row)
    wb.save(path)
    return path


def csv_register(path: Path, notes: tuple[str, ...] = ("a", "b")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SALES_HEADER)
        for i, note in enumerate(notes):
            writer.writerow(["" if v is None else v for v in sale(f"SN{i}", notes=note)])
    return path


def test_sheet_names_of_every_output_follow_excels_rules(tmp_path: Path) -> None:
    master = long_named_master(tmp_path / "master.xlsx")
    odd_csv = csv_register(tmp_path / "Sales register [South] 2024: exported from the ERP.csv")
    plain = write_book(tmp_path / "plain.xlsx", master_sheets(("c",)))
    outputs: list[Path] = []

    def ok(*args: Any) -> None:
        result = run(*args)
        assert result.code in (0, 1), result

    ok("check", master, "-o", tmp_path / "check.xlsx", "--as-of", "2025-06-01")
    ok("validate", master, plain, odd_csv, "-o", tmp_path / "validate.xlsx")
    ok("check", odd_csv, "-o", tmp_path / "check-csv.xlsx", "--as-of", "2025-06-01")
    ok("import", odd_csv, "--kind", "sales", "-o", tmp_path / "import.xlsx")
    ok("split", master, "-o", tmp_path / "branches")  # branches "Beijing" and "华南/深圳 [旧]"
    branch_files = sorted((tmp_path / "branches").glob("*.xlsx"))
    assert [p.name for p in branch_files] == ["Beijing.xlsx", "华南_深圳 [旧].xlsx"]
    ok("collect", master, *branch_files, "-o", tmp_path / "collect.xlsx")
    # Another master than the one split: its key is given (collect verifies every branch file with it).
    ok("collect", odd_csv, *branch_files, "-o", tmp_path / "collect-csv.xlsx", "--key", tmp_path / "master.sheetdesk-key")
    ok("template", "all", "-o", tmp_path / "templates", "--lang", "zh")
    outputs = [tmp_path / n for n in ("check.xlsx", "validate.xlsx", "check-csv.xlsx", "import.xlsx",
                                      "collect.xlsx", "collect-csv.xlsx")]
    outputs += branch_files + sorted((tmp_path / "templates").glob("*.xlsx"))
    for path in outputs:
        assert_excel_names(path)
    # Two inputs with the same sheet names get distinct sheets, none lost.
    names = assert_excel_names(tmp_path / "validate.xlsx")
    assert len(names) == 4 + 4 + 1 + 1
    assert names[:4] == ["Sales register of the southern ", "Repairs", "Callbacks", "Notes - head office review (Q1)"]
    assert names[4:8] == ["Sales", "Repairs (2)", "Callbacks (2)", "Notes"]
    assert names[8] == "Sales register _South_ 2024_ ex"


def test_safe_sheet_name_rules() -> None:
    taken: set[str] = set()
    assert safe_sheet_name("华南/深圳 [旧]", taken) == "华南_深圳 _旧_"
    assert safe_sheet_name("a" * 40, taken) == "a" * 31
    assert safe_sheet_name("A" * 40, taken) == "A" * 27 + " (2)"  # case-blind, still 31
    assert safe_sheet_name("'quoted'", taken) == "quoted"
    assert safe_sheet_name("", taken) == "Sheet"
    assert safe_sheet_name(":*?", taken) == "___"


def test_a_note_longer_than_a_cell_is_cut_with_a_warning_in_check(tmp_path: Path) -> None:
    source = csv_register(tmp_path / "sales.csv", notes=("short", LONG_NOTE))
    out = tmp_path / "out.xlsx"
    result = run("check", source, "-o", out, "--as-of", "2025-06-01", "--json")
    assert result.code == 0, result
    warnings = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "cell.truncated"]
    assert [(w["severity"], w["cell"], w["message"]) for w in warnings] == [
        ("warning", "L3", "text of 40,007 characters cut to Excel's limit of 32,767")]
    cell = openpyxl.load_workbook(out)["sales"]["L3"]
    assert cell.value == LONG_NOTE[:EXCEL_MAX_CELL_CHARS]
    assert cell.comment is not None and "cut to Excel's limit" in cell.comment.text
    issues = openpyxl.load_workbook(out)["Issues"]
    assert any("cut to Excel's limit" in str(c.value) for row in issues.iter_rows() for c in row)


def test_a_note_longer_than_a_cell_is_cut_with_a_warning_in_import(tmp_path: Path) -> None:
    source = tmp_path / "log.csv"
    source.write_text("报修单号,出厂编号,报修时间,故障描述,备注\n"
                      f"BX1,SN1,2024-05-01 09:30,不开机,短\nBX2,SN2,2024-05-02 09:30,漏液,{LONG_NOTE}\n",
                      encoding="utf-8")
    out = tmp_path / "out.xlsx"
    result = run("import", source, "--kind", "repairs", "-o", out, "--json")
    assert result.code == 0, result
    warnings = [w for w in json.loads(result.stdout)["warnings"] if w["code"] == "import.text_cut"]
    assert [(w["row"], w["column"]) for w in warnings] == [(3, "notes")]
    notes = [c.value for c in openpyxl.load_workbook(out).worksheets[0]["W"][1:]]
    assert notes[1] == LONG_NOTE[:EXCEL_MAX_CELL_CHARS]


def test_a_sheet_longer_than_excel_allows_is_cut_with_a_warning(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard of the annotated copy, with the limit at 5 rows instead of 1,048,576."""
    monkeypatch.setattr(annotate_sheet, "EXCEL_MAX_ROWS", 5)
    sheets = master_sheets(("a",))
    sheets["Log"] = [["entry", i] for i in range(10)]
    source = write_book(tmp_path / "long.xlsx", sheets)
    out = tmp_path / "out.xlsx"
    result = run("validate", source, "-o", out, "--json")
    warnings = [i for i in json.loads(result.stdout)["issues"] if i["code"] == "sheet.truncated"]
    assert [w["message"] for w in warnings] == [
        "sheet 'Log' has 10 rows; only the first 5 fit in an Excel sheet"]
    assert openpyxl.load_workbook(out)["Log"].max_row == 5


def test_write_value_refuses_cells_beyond_excel_and_reports_cut_text(tmp_path: Path) -> None:
    wb = new_workbook(tmp_path / "w.xlsx")
    ws = wb.add_worksheet("S")
    assert write_value(ws, 1_048_575, 16_383, "last cell") is False
    assert write_value(ws, 0, 0, "x" * 40_000) is True
    assert write_value(ws, 1, 0, T(2025, 1, 1)) is False
    with pytest.raises(OutputError, match=r"sheet 'S' would need row 1,048,577, column 1: beyond Excel's limit "
                                          r"of 1,048,576 rows and 16,384 columns; nothing was written"):
        write_value(ws, 1_048_576, 0, "one row too far")
    with pytest.raises(OutputError, match="column 16,385"):
        write_value(ws, 0, 16_384, 1.5)
    wb.close()


def test_an_import_too_long_for_a_sheet_is_refused_not_cut_silently(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """xlsxwriter's row limit made small (20): the import stops with exit 2 and writes nothing."""
    original = xlsxwriter.worksheet.Worksheet.__init__

    def small_sheets(self: xlsxwriter.worksheet.Worksheet, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.xls_rowmax = 20

    monkeypatch.setattr(xlsxwriter.worksheet.Worksheet, "__init__", small_sheets)
    rows = ["报修单号,出厂编号,报修时间,故障描述"] + [f"BX{i},SN{i},2024-05-01 09:30,坏了" for i in range(30)]
    source = tmp_path / "log.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run("import", source, "--kind", "repairs", "-o", tmp_path / "out.xlsx")
    assert result.code == 2
    assert result.stderr == ("sheetdesk: error: sheet '维修记录' would need row 21, column 1: beyond Excel's limit "
                             "of 1,048,576 rows and 16,384 columns; nothing was written\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.csv"]
