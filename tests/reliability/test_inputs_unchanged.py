"""Input files are byte-identical (and untouched) after every command, successful or not."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sheetdesk.templates import write_templates
from tests.reliability.books import HOSTILE_TEXT, write_legacy_repairs, write_master
from tests.reliability.extras import with_macros
from tests.reliability.runner import run

EXAMPLE = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples" / "service_desk_example.xlsx"


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "in"
    d.mkdir()
    master = write_master(d / "master.xlsx", HOSTILE_TEXT)
    legacy = write_legacy_repairs(d / "legacy.xlsx", HOSTILE_TEXT)
    csv = d / "legacy.csv"
    csv.write_text("报修单号,出厂编号,报修时间,故障描述\nBX1,SN1,2024-05-01 09:30,=1+1\n合计,,,1\n", encoding="gbk")
    write_templates("policy", d)
    mapping = d / "legacy.yaml"
    assert run("import", legacy, "--kind", "repairs", "--dry-run", "--save-mapping", mapping).code == 0
    run("split", master, "-o", d / "branches")
    return {
        "master": master, "legacy": legacy, "csv": csv, "policy": d / "policy.xlsx", "mapping": mapping,
        "branch": d / "branches" / "Beijing.xlsx", "other branch": d / "branches" / "华南_深圳 [旧].xlsx",
        "example": Path(shutil.copy(EXAMPLE, d / "example.xlsx")),
        "xlsm": with_macros(d / "macros.xlsm", tmp_path),
    }


COMMANDS: dict[str, Callable[[dict[str, Path], Path], list[Any]]] = {
    "validate": lambda f, o: ["validate", f["master"], f["example"], f["xlsm"], "--policy", f["policy"]],
    "validate -o --json": lambda f, o: ["validate", f["example"], "-o", o / "v.xlsx", "--json"],
    "check -o": lambda f, o: ["check", f["master"], f["xlsm"], "--policy", f["policy"], "-o", o / "c.xlsx"],
    "check (default output beside the input)": lambda f, o: ["check", f["example"], "--as-of", "2025-06-01"],
    "check --json": lambda f, o: ["check", f["example"], "--json"],
    "import --mapping --save-mapping": lambda f, o: ["import", f["legacy"], "--kind", "repairs", "--mapping",
                                                     f["mapping"], "--save-mapping", o / "m.yaml", "-o", o / "i.xlsx"],
    "import a GBK CSV": lambda f, o: ["import", f["csv"], "--kind", "repairs", "-o", o / "i.xlsx", "--json"],
    "import --dry-run": lambda f, o: ["import", f["example"], "--kind", "sales", "--dry-run"],
    "split": lambda f, o: ["split", f["example"], "-o", o / "branches"],
    "collect": lambda f, o: ["collect", f["master"], f["branch"], f["other branch"], "-o", o / "merged.xlsx"],
    "collect (refused: output is an input)": lambda f, o: ["collect", f["master"], f["branch"], "-o", f["branch"],
                                                           "--force"],
    "check (refused: output exists)": lambda f, o: ["check", f["master"], "-o", f["example"]],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_inputs_are_byte_identical_after(command: str, inputs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = {name: fingerprint(path) for name, path in inputs.items()}
    result = run(*COMMANDS[command](inputs, out))
    assert result.code in (0, 1, 2), result
    assert {name: fingerprint(path) for name, path in inputs.items()} == before
