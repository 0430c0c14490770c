"""README.zh-CN.md shows real commands with their real output."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sheetdesk.cli import main
from tests.helpers.cli import run

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
EXAMPLE = "workbook_templates/examples/service_desk_example.xlsx"


def block_after(command: str) -> str:
    """The first fenced block that follows the block holding `command`."""
    blocks = re.findall(r"```\n(.*?)```", README, re.S)
    i = next(n for n, b in enumerate(blocks) if b.strip() == command)
    return blocks[i + 1]


def test_template_output_is_shown_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("template", "all", "--lang", "zh", "-o", "模板")
    assert result.code == 0
    assert result.stdout == block_after("sheetdesk template all --lang zh -o 模板")


def test_validate_output_on_the_example_is_shown_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    if "validate" not in main.commands:
        pytest.skip("validate is not registered yet")
    monkeypatch.chdir(ROOT)
    result = run("validate", EXAMPLE, env={"COLUMNS": os.environ.get("COLUMNS", "200")})
    assert result.code == 1
    assert result.stdout == block_after(f"sheetdesk validate {EXAMPLE}")
