"""The committed `workbook_templates/*.xlsx` are what the schema generates today.

A change to the declaration without `python -m sheetdesk.templates` fails
here. Files are compared by reading both back, never by bytes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.templates import LANGS, main, template_names
from tests.templates.facts import workbook_facts

COMMITTED = Path(__file__).resolve().parents[2] / "workbook_templates"
NAMES = [name for lang in LANGS for name in template_names("all", lang)]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("regenerated")
    assert main([str(out)]) == 0
    return out


@pytest.mark.parametrize("name", NAMES)
def test_committed_template_matches_the_schema(regenerated: Path, name: str) -> None:
    committed = COMMITTED / name
    assert committed.exists(), f"{name} missing: run python -m sheetdesk.templates"
    assert workbook_facts(regenerated / name) == workbook_facts(committed), (
        f"workbook_templates/{name} is stale: run python -m sheetdesk.templates"
    )


def test_no_stray_committed_templates() -> None:
    assert sorted(p.name for p in COMMITTED.glob("*.xlsx")) == sorted(NAMES)
