"""Every kind of output survives a real client: LibreOffice opens it, saves it, values unchanged.

One batched soffice call converts all of them (a few seconds instead of one start per file).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.io.reader import RawSheet, read_workbook
from tests.helpers.libreoffice import require_libreoffice
from tests.reliability.books import HOSTILE_TEXT, write_legacy_repairs, write_master
from tests.reliability.runner import run

pytestmark = pytest.mark.libreoffice


def convert_all(files: list[Path], outdir: Path, timeout: int = 300) -> None:
    """LibreOffice opens each file and saves it as xlsx into `outdir` (same names)."""
    soffice = require_libreoffice()
    outdir.mkdir()
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(outdir), *map(str, files)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    missing = [f.name for f in files if not (outdir / f.name).exists()]
    assert result.returncode == 0 and not missing, f"LibreOffice did not convert {missing}:\n{result.stderr}"


def grid(sheet: RawSheet) -> dict[tuple[int, int], Any]:
    """Non-blank cells, numbers as floats, datetimes to the second."""
    cells: dict[tuple[int, int], Any] = {}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                value = str(value)
            elif isinstance(value, (int, float)):
                value = round(float(value), 9)
            elif isinstance(value, dt.datetime):
                value = value.replace(microsecond=0) + dt.timedelta(seconds=round(value.microsecond / 1e6))
            cells[(r, c)] = value
    return cells


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of every kind sheetdesk writes, from inputs with formula-like text."""
    d = tmp_path_factory.mktemp("outputs")
    master = write_master(d / "master.xlsx", HOSTILE_TEXT)
    legacy = write_legacy_repairs(d / "legacy.xlsx", HOSTILE_TEXT)
    for args in (["template", "all", "-o", d / "templates", "--lang", "zh"],
                 ["validate", master, "-o", d / "validate.xlsx"],
                 ["check", master, "-o", d / "check.xlsx", "--as-of", "2025-06-01"],
                 ["import", legacy, "--kind", "repairs", "-o", d / "import.xlsx"],
                 ["split", master, "-o", d / "branches"]):
        result = run(*args)
        assert result.code in (0, 1), (args, result)
    branch = d / "branches" / "华南_深圳 [旧].xlsx"
    result = run("collect", master, *sorted((d / "branches").glob("*.xlsx")), "-o", d / "collect.xlsx")
    assert result.code == 0, result
    return {
        "template": d / "templates" / "service_desk.zh.xlsx",
        "policy template": d / "templates" / "policy.zh.xlsx",
        "validate -o": d / "validate.xlsx",
        "check -o": d / "check.xlsx",
        "import": d / "import.xlsx",
        "split branch file": branch,
        "collect": d / "collect.xlsx",
    }


@pytest.fixture(scope="module")
def converted(outputs: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    staged = tmp_path_factory.mktemp("staged")
    names = {kind: f"{n:02d}.xlsx" for n, kind in enumerate(outputs)}
    for kind, path in outputs.items():
        shutil.copyfile(path, staged / names[kind])
    back = tmp_path_factory.mktemp("converted") / "lo"
    convert_all([staged / name for name in names.values()], back)
    return {kind: back / name for kind, name in names.items()}


KINDS = ["template", "policy template", "validate -o", "check -o", "import", "split branch file", "collect"]


@pytest.mark.parametrize("kind", KINDS)
def test_values_survive_a_libreoffice_round_trip(kind: str, outputs: dict[str, Path],
                                                  converted: dict[str, Path]) -> None:
    ours, theirs = read_workbook(outputs[kind]), read_workbook(converted[kind])
    assert [(s.name, s.visible) for s in theirs.sheets] == [(s.name, s.visible) for s in ours.sheets]
    for sheet in ours.sheets:
        assert grid(theirs.sheet(sheet.name)) == grid(sheet), f"{kind}: sheet {sheet.name}"


@pytest.mark.parametrize("kind", ["check -o", "import", "split branch file", "collect"])
def test_formula_like_text_is_still_text_after_libreoffice(kind: str, converted: dict[str, Path]) -> None:
    wb = openpyxl.load_workbook(converted[kind])
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate}: {cell.value}"
                if cell.value in HOSTILE_TEXT:
                    seen.add(cell.value)
    if kind == "split branch file":  # this branch's half of the rows
        assert seen == set(HOSTILE_TEXT[1::2])
    else:
        assert seen == set(HOSTILE_TEXT)
