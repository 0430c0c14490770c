"""docs/import.md names every code the importer emits and every option of the command."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sheetdesk.cli import main
from sheetdesk.findings import FINDINGS
from sheetdesk.legacy.texts import DECISIONS, REJECTS

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")


def test_every_decision_warning_and_reject_code_is_documented() -> None:
    warnings = {code for code in FINDINGS if code.startswith("import.")}
    assert len(DECISIONS) >= 20 and len(warnings) >= 8 and len(REJECTS) >= 8
    missing = sorted(code for code in set(DECISIONS) | warnings | set(REJECTS) if f"`{code}`" not in DOC)
    assert missing == []


def test_every_declared_code_is_used() -> None:
    """A code declared for the import is raised somewhere in sheetdesk/legacy (no dead declarations)."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "sheetdesk" / "legacy").glob("*.py")
                     if p.name != "texts.py")
    used = set(re.findall(r'"([a-z_]+(?:\.[a-z_]+)*)"', code))
    declared = set(DECISIONS) | set(REJECTS) | {code for code in FINDINGS if code.startswith("import.")}
    assert sorted(declared - used) == []


def test_every_option_is_documented() -> None:
    help_text = CliRunner().invoke(main, ["import", "--help"]).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help", "--debug"}
    assert options
    assert sorted(option for option in options if option not in DOC) == []
