"""docs/check.md tells the truth: every label and option is there (its shown runs: tests/i18n/test_shown_outputs.py)."""

from __future__ import annotations

import re
from pathlib import Path

from sheetdesk.schema.computed import COMPUTED_BY_REGISTER, NEXT_VISIT_DUE, STATUS_LABELS, VISIT_STATUS_LABELS
from tests.checking.books import run

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "workbook_templates" / "examples" / "service_desk_example.xlsx"


def test_every_computed_column_and_status_is_documented() -> None:
    for fields in (*COMPUTED_BY_REGISTER.values(), (NEXT_VISIT_DUE,)):
        for f in fields:
            assert f"| `{f.key}` | {f.en} | {f.zh} |" in DOC
    for key, (en, zh) in (*STATUS_LABELS.items(), *VISIT_STATUS_LABELS.items()):
        assert f"| `{key}` | {en} | {zh} |" in DOC


def test_every_option_is_documented() -> None:
    _, help_text, _ = run("--help")
    options = set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_text, re.M)) - {"--help", "--debug"}
    assert options == {"--policy", "--as-of", "--output", "--force", "--json", "--limit", "--lang"}
    for option in options - {"--output"}:
        assert option in DOC
    assert "-o OUT.xlsx" in DOC
