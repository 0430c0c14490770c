from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sheetdesk import api
from sheetdesk.cli import main
from sheetdesk.findings import FINDINGS
from tests.branches.edit import Editor
from tests.branches.master import BEIJING, EAST, SALES, write_master

ENGLISH = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}  # the messages asserted are English


def run(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], env=ENGLISH)


def capture(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, func: Any) -> list[Any]:
    """Record what the library function returned to the command."""
    seen: list[Any] = []

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen.append(func(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(module, name, wrapper)
    return seen


def test_split_json_equals_the_library_result(master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    seen = capture(monkeypatch, api, "split", api.split)  # the commands call exactly the library's API
    result = run("split", master, "--by", "branch", "-o", tmp_path / "out", "--json", "--lang", "en")
    assert result.exit_code == 1  # SN-X01 belongs to no branch
    document = json.loads(result.output)
    assert document == json.loads(json.dumps(seen[0].to_json(), ensure_ascii=False, default=str))
    assert [f["branch"] for f in document["files"]] == [BEIJING, "华南/深圳", EAST]
    assert document["unassigned"] == 1 and document["valid"] is False


def test_split_text_output_and_exit_codes(tmp_path: Path) -> None:
    clean = write_master(tmp_path / "clean.xlsx", sales=[s for s in SALES if s[8]], notes_sheet=False)
    result = run("split", clean, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("split clean.xlsx: 3 branch file(s), split id ")
    assert "华南_深圳.xlsx  [华南/深圳]  sales 2, repairs 2, callbacks 0; worklist 2" in result.output

    again = run("split", clean, "-o", tmp_path / "out")
    assert again.exit_code == 2
    assert again.output.strip().endswith("already exists; use --force to replace it")
    assert run("split", clean, "-o", tmp_path / "out", "--force").exit_code == 0

    missing = run("split", tmp_path / "nope.xlsx", "-o", tmp_path / "x")
    assert (missing.exit_code, missing.output.strip()) == (2, f"sheetdesk: error: {tmp_path / 'nope.xlsx'}: "
                                                               "file not found")


def test_collect_json_equals_the_library_result(files: dict[str, Path], master: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    with Editor(files[BEIJING]) as ed:
        ed.set("sales", "SN-B01", "contact", "Wang Lei Jr")
    seen = capture(monkeypatch, api, "collect", api.collect)
    result = run("collect", master, *files.values(), "-o", tmp_path / "merged.xlsx", "--json", "--lang", "en")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document == json.loads(json.dumps(seen[0].to_json(), ensure_ascii=False, default=str))
    assert {k: document[k] for k in ("added", "updated", "conflicts", "rejected", "deleted")} == {
        "added": 0, "updated": 1, "conflicts": 0, "rejected": 0, "deleted": 0}
    assert document["changes"][0]["key"] == "SN-B01" and document["changes"][0]["new"] == "Wang Lei Jr"


def test_collect_exit_codes_and_text(files: dict[str, Path], master: Path, tmp_path: Path) -> None:
    with Editor(files[EAST]) as ed:
        ed.add("sales", serial_no="SN-B09", product="P", model="M", sale_date="2024-01-01", customer="C",
               branch=BEIJING)
    result = run("collect", master, files[EAST], "-o", tmp_path / "merged.xlsx")
    assert result.exit_code == 1
    assert "  rejected: East Office.xlsx Sales!3 SN-B09 - the row belongs to branch '北京分公司'" in result.output
    assert result.output.splitlines()[-1] == (f"wrote {tmp_path / 'merged.xlsx'}: added 0, updated 0, conflicts 0, "
                                              "rejected 1, deleted 0, unchanged 3")

    exists = run("collect", master, files[EAST], "-o", tmp_path / "merged.xlsx")
    assert exists.exit_code == 2 and "already exists" in exists.output
    onto_master = run("collect", master, files[EAST], "-o", master, "--force")
    assert onto_master.exit_code == 2 and "refusing to overwrite an input file" in onto_master.output
    no_files = run("collect", master, "-o", tmp_path / "m.xlsx")
    assert no_files.exit_code == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    unreadable = run("collect", master, bad, "-o", tmp_path / "m2.xlsx")
    assert unreadable.exit_code == 2 and "truncated or corrupt" in unreadable.output


def test_help_documents_both_commands() -> None:
    split_help = run("split", "--help").output
    assert "--by [branch]" in split_help and "not security" in split_help
    collect_help = run("collect", "--help").output
    for word in ("added", "updated", "conflict", "deleted", "rejected", "unchanged", "Merge Report"):
        assert word in collect_help


def test_every_branches_finding_code_is_in_the_docs_table() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "branches.md").read_text(encoding="utf-8")
    codes = [c for c in FINDINGS if c.startswith(("split.", "collect."))]
    assert codes and [c for c in codes if f"| `{c}` |" not in docs] == []
