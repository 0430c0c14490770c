"""Validation, the rules, `check` and the loaders raise only declared findings (en + zh)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sheetdesk"
AREAS = [
    *sorted((PACKAGE / "validation").glob("*.py")),
    *sorted((PACKAGE / "rules").glob("*.py")),
    *sorted(p for p in (PACKAGE / "checking").glob("*.py") if p.name != "summary.py"),
    PACKAGE / "io" / "load.py",
    *sorted((PACKAGE / "io").glob("policy_*.py")),
]
PLAIN = re.compile(r"\.(error|warning)\(\s*\"")


@pytest.mark.parametrize("path", AREAS, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_finding_is_composed_as_plain_english(path: Path) -> None:
    assert not PLAIN.search(path.read_text(encoding="utf-8")), f"{path.name} raises a finding without a declared code"
