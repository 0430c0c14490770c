"""docs/due.md tells the truth: the JSON item is one the command prints, every option is documented.
(Its shown runs, and the README's, are checked with every other page's: tests/i18n/test_shown_outputs.py.)"""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.helpers.cli import run

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "due.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "workbook_templates" / "examples"
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("service_desk_example.en.xlsx", "service_desk_example.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_json_items_are_ones_the_command_prints(folder: Path) -> None:
    command = re.search(r"```\n\$ sheetdesk (due .*?)\n", DOC)
    assert command is not None
    items = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", DOC, re.S)]
    document = run(*shlex.split(command[1]), "--json", env=ENGLISH).json()
    assert len(items) == 2 and {i["kind"] for i in items} == {"sla", "hold"}  # an SLA target and a ticket on hold
    for item in items:
        assert item in document["items"]


def test_every_option_is_documented() -> None:
    help_text = run("due", "--help").stdout
    options = set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_text, re.M)) - {"--help", "--debug"}
    assert options == {"--policy", "--as-of", "--days", "--by", "--output", "--force", "--json", "--lang"}
    for option in options - {"--output"}:
        assert option in DOC
    assert "-o due.xlsx" in DOC
