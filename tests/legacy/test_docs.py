"""docs/import.md names every code the importer emits and every option of the command."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sheetdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sheetdesk" / "legacy").glob("*.py")))


def emitted(pattern: str) -> set[str]:
    return set(re.findall(pattern, SOURCE))


def test_every_decision_warning_and_reject_code_is_documented() -> None:
    decisions = emitted(r'decide\(\s*"([a-z_.]+)"') | emitted(r'Decision\(\s*"([a-z_.]+)"')
    warnings = emitted(r'warning\(\s*"(import\.[a-z_]+)"')
    rejects = emitted(r'_reject\([^"]*"([a-z_]+)"') | emitted(r'Reject\([^"]*"([a-z_]+)"')
    assert len(decisions) >= 15 and len(warnings) >= 5 and len(rejects) == 6
    missing = sorted(code for code in decisions | warnings | rejects if f"`{code}`" not in DOC)
    assert missing == []


def test_every_option_is_documented() -> None:
    help_text = CliRunner().invoke(main, ["import", "--help"]).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help", "--debug"}
    assert options
    assert sorted(option for option in options if option not in DOC) == []
