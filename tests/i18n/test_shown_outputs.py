"""Every run the READMEs, docs/check.md and docs/due.md show is the real output, in English and in Chinese.

A shown run is a fenced block whose first line is `$ [LANG=...] sheetdesk ARGS`
and whose other lines are what it prints. It runs on the bundled example
in a fresh folder, under the locale it names (English pages default to
`LANG=en_US.UTF-8`). README.zh-CN shows a command in one block and its output
in the next; its runs are listed below with the locale a Chinese clerk has.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from sheetdesk.cli import main
from tests.helpers.cli import Run
from tests.helpers.cli import run as cli_run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "workbook_templates" / "examples"
PAGES = ("README.md", "docs/check.md", "docs/i18n.md", "docs/due.md")
SHOWN = re.compile(r"```(?:text)?\n\$ (?:LANG=(\S+) )?sheetdesk ([^\n]*)\n(.*?)```", re.S)
ZH = "zh_CN.UTF-8"


def shown_runs() -> list[tuple[str, str, str, str]]:
    """(page, locale, arguments, output) of every shown run."""
    runs = []
    for page in PAGES:
        text = (ROOT / page).read_text(encoding="utf-8")
        for locale, args, output in SHOWN.findall(text):
            runs.append((page, locale or "en_US.UTF-8", args, output))
    return runs


def run_in(folder: Path, args: list[str], locale: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    """`sheetdesk ARGS` in `folder`, the bundled examples copied in under their names."""
    for example in EXAMPLES.glob("*.xlsx"):
        shutil.copy(example, folder / example.name)
    monkeypatch.chdir(folder)
    return cli_run(*args, env={"LANG": locale})


@pytest.mark.parametrize(("page", "locale", "args", "output"), shown_runs(), ids=lambda v: str(v)[:40])
def test_a_shown_run_prints_what_the_page_shows(
    page: str, locale: str, args: str, output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_in(tmp_path, shlex.split(args), locale, monkeypatch)
    assert result.stdout + result.stderr == output, f"{page}: $ sheetdesk {args}"


def test_pages_show_runs_in_both_languages() -> None:
    locales = {locale for _, locale, _, _ in shown_runs()}
    assert {"en_US.UTF-8", ZH} <= locales


# README.zh-CN: the command's block, then the output's block.
README_ZH = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
ZH_RUNS = [
    "sheetdesk template all --lang zh -o 模板",
    "sheetdesk template all -o 模板",
    "sheetdesk validate workbook_templates/examples/service_desk_example.xlsx",
]


def block_after(command: str) -> str:
    """The first fenced block that follows the block holding `command`."""
    blocks = re.findall(r"```\n(.*?)```", README_ZH, re.S)
    i = next(n for n, b in enumerate(blocks) if b.strip() == command)
    return blocks[i + 1]


@pytest.mark.parametrize("command", ZH_RUNS)
def test_readme_zh_shows_the_chinese_output(command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = shlex.split(command)[1:]
    if any(a.startswith("workbook_templates/") for a in args):
        monkeypatch.chdir(ROOT)
        result = cli_run(*args, env={"LANG": ZH})
    else:
        result = run_in(tmp_path, args, ZH, monkeypatch)
    assert result.stdout == block_after(command)
    assert "validate" not in command or result.code == 1


def test_every_command_is_in_the_readme() -> None:
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"sheetdesk {name}" in english and f"sheetdesk {name}" in README_ZH, name
