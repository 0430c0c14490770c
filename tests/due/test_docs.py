"""docs/due.md and the README's morning section tell the truth: every `$ sheetdesk due` block is the real
output on the bundled example, the JSON item is one the command prints, every option is documented."""

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
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "workbook_templates" / "examples"
ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("service_desk_example.en.xlsx", "service_desk_example.xlsx"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("text", [DOC, README], ids=["docs/due.md", "README.md"])
def test_every_due_block_is_the_real_output(text: str, folder: Path) -> None:
    blocks = re.findall(r"```\n\$ sheetdesk (due .*?)\n(.*?)```", text, re.S)
    assert blocks, "the page shows a run of `sheetdesk due`"
    for command, shown in blocks:
        args = shlex.split(command)
        if "-o" in args:
            (folder / args[args.index("-o") + 1]).unlink(missing_ok=True)
        result = run(*args, env=ENGLISH)
        assert result.code == 1, result.stderr  # the example's unreadable fault level
        assert result.stdout == shown, command


def test_the_json_item_is_one_the_command_prints(folder: Path) -> None:
    command = re.search(r"```\n\$ sheetdesk (due .*?)\n", DOC)
    assert command is not None
    item = json.loads(re.search(r"```json\n(.*?)```", DOC, re.S)[1])  # type: ignore[index]
    document = run(*shlex.split(command[1]), "--json", env=ENGLISH).json()
    assert item in document["items"]


def test_every_option_is_documented() -> None:
    help_text = run("due", "--help").stdout
    options = set(re.findall(r"^\s+(?:-\w, )?(--[\w-]+)", help_text, re.M)) - {"--help", "--debug"}
    assert options == {"--policy", "--as-of", "--days", "--by", "--output", "--force", "--json", "--lang"}
    for option in options - {"--output"}:
        assert option in DOC
    assert "-o due.xlsx" in DOC
