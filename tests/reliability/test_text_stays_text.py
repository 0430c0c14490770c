"""User text that looks like a formula (=, +, -, @) is written as text, unchanged, by every command."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from tests.reliability.books import HOSTILE_TEXT, SALES_HEADER, sale, write_legacy_repairs, write_master
from tests.reliability.runner import run


def text_cells(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each hostile value -> the (data_type, sheet!cell) of every cell holding it; fails on any formula."""
    found: dict[str, list[tuple[str, str]]] = {v: [] for v in HOSTILE_TEXT}
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name} {ws.title}!{cell.coordinate} is a formula: {cell.value}"
                if cell.value in found:
                    found[cell.value].append((cell.data_type, f"{ws.title}!{cell.coordinate}"))
    return found


def assert_text(path: Path, at_least: int) -> None:
    for value, places in text_cells(path).items():
        assert len(places) >= at_least, (path.name, value, places)
        assert {kind for kind, _ in places} == {"s"}, (path.name, value, places)


@pytest.fixture
def master(tmp_path: Path) -> Path:
    return write_master(tmp_path / "master.xlsx", HOSTILE_TEXT)


@pytest.mark.parametrize("command", ["validate", "check"])
def test_annotated_copies_keep_formula_like_text_as_text(command: str, master: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    result = run(command, master, "-o", out, *(["--as-of", "2025-06-01"] if command == "check" else []))
    assert result.code in (0, 1), result
    # customer and notes (Sales), description and notes (Repairs), comments and notes (Callbacks)
    assert_text(out, at_least=6)


def test_check_of_a_csv_register_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    path = tmp_path / "sales.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SALES_HEADER)
        for i, value in enumerate(HOSTILE_TEXT):
            writer.writerow(["" if v is None else v for v in sale(f"SN{i}", customer=value, notes=value)])
    out = tmp_path / "out.xlsx"
    result = run("check", path, "-o", out, "--as-of", "2025-06-01")
    assert result.code in (0, 1), result
    assert_text(out, at_least=2)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_keeps_formula_like_text_as_text(suffix: str, tmp_path: Path) -> None:
    source = write_legacy_repairs(tmp_path / "legacy.xlsx", HOSTILE_TEXT)
    if suffix == ".csv":
        rows = openpyxl.load_workbook(source).worksheets[0].iter_rows(values_only=True)
        source = tmp_path / "legacy.csv"
        with source.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows(["" if v is None else v for v in row] for row in rows)
    out = tmp_path / "imported.xlsx"
    result = run("import", source, "--kind", "repairs", "-o", out)
    assert result.code == 0, result
    assert_text(out, at_least=3)  # description, technician, notes


def test_split_and_collect_keep_formula_like_text_as_text(master: Path, tmp_path: Path) -> None:
    assert run("split", master, "-o", tmp_path / "branches").code == 0
    files = sorted((tmp_path / "branches").glob("*.xlsx"))
    assert len(files) == 2
    combined: dict[str, list[tuple[str, str]]] = {v: [] for v in HOSTILE_TEXT}
    for path in files:
        for value, places in text_cells(path).items():
            combined[value] += places
    for value, places in combined.items():  # every value went to one branch or the other
        assert len(places) >= 6 and {kind for kind, _ in places} == {"s"}, (value, places)
    merged = tmp_path / "merged.xlsx"
    assert run("collect", master, *files, "-o", merged).code == 0
    assert_text(merged, at_least=6)


def test_formula_like_text_reads_back_unchanged(master: Path, tmp_path: Path) -> None:
    """Not a leading apostrophe, not trimmed, not a number: the same string."""
    out = tmp_path / "out.xlsx"
    run("check", master, "-o", out, "--as-of", "2025-06-01")
    customers = [c.value for c in openpyxl.load_workbook(out)["Sales"]["G"][1:]]
    assert customers == list(HOSTILE_TEXT)
