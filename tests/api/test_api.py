"""The Python API: one function per command, each returning a result and printing
nothing; the command's --json is the function's result, word for word."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import sheetdesk
from sheetdesk.errors import OutputError
from tests.branches.master import write_master
from tests.helpers.cli import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "workbook_templates" / "examples" / "service_desk_example.en.xlsx"
AS_OF = dt.datetime(2026, 11, 16)


def same(document: Any, printed: str) -> None:
    """The printed JSON equals the library's document (dates as the CLI writes them)."""
    assert json.loads(printed) == json.loads(json.dumps(document, ensure_ascii=False, default=str))


def test_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = sheetdesk.template("repairs", tmp_path, lang="zh")
    assert [p.name for p in result.paths] == ["repairs.zh.xlsx"] and result.paths[0].is_file()
    assert capsys.readouterr() == ("", "")
    with pytest.raises(OutputError):
        sheetdesk.template("repairs", tmp_path, lang="zh")  # exists: nothing replaced without force


def test_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = sheetdesk.validate([EXAMPLE], as_of=AS_OF, output=tmp_path / "v.xlsx")
    assert capsys.readouterr() == ("", "")
    assert not result.valid and result.output == tmp_path / "v.xlsx" and result.output.is_file()
    assert {i.code for i in result.report.errors} >= {"required", "duplicate", "ticket.unknown"}
    zh = result.to_json(lang="zh")
    assert [i["code"] for i in zh["issues"]] == [i["code"] for i in result.to_json()["issues"]]
    assert zh["issues"][0]["message"] == result.report.issues[0].text("zh")


def test_check_and_its_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = sheetdesk.check([EXAMPLE], as_of=AS_OF)
    assert capsys.readouterr() == ("", "") and result.output is None  # nothing written unless asked
    assert result.evaluation is not None and len(result.evaluation.repairs) == 30
    printed = run("check", EXAMPLE, "--as-of", AS_OF.isoformat(), "--json")
    assert printed.code == 1
    same(result.to_json(), printed.stdout)


def test_due_and_its_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = sheetdesk.due([EXAMPLE], as_of=AS_OF, by="branch", output=tmp_path / "due.xlsx")
    assert capsys.readouterr() == ("", "") and result.output == tmp_path / "due.xlsx" and result.output.is_file()
    assert result.items and [i.moment for i in result.items] == sorted(i.moment for i in result.items)
    printed = run("due", EXAMPLE, "--as-of", AS_OF.isoformat(), "--by", "branch", "--json", "--lang", "en")
    assert printed.code == 1  # a fault level the example misspells cannot be read
    same(result.to_json("en"), printed.stdout)
    with pytest.raises(OutputError, match="exists"):
        sheetdesk.due([EXAMPLE], output=tmp_path / "due.xlsx")


def test_output_is_checked_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="input"):
        sheetdesk.check([EXAMPLE], output=EXAMPLE)
    taken = tmp_path / "taken.xlsx"
    taken.write_bytes(b"keep me")
    with pytest.raises(OutputError, match="exists"):
        sheetdesk.validate([EXAMPLE], output=taken)
    assert taken.read_bytes() == b"keep me"


def test_import_log(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "old.csv"
    source.write_text("单号,编号,报修时间,故障\nT1,SN1,2025-03-01 09:00,No power\nT2,SN2,2025-03-02 10:00,Noise\n",
                      encoding="utf-8")  # fmt: skip
    result = sheetdesk.import_log(source, "repairs", output=tmp_path / "new.xlsx", save_mapping_to=tmp_path / "m.yaml")
    assert capsys.readouterr() == ("", "")
    assert result.counts()["written"] == 2 and result.output == tmp_path / "new.xlsx"
    assert (tmp_path / "m.yaml").is_file()
    dry = sheetdesk.import_log(source, "repairs", output=tmp_path / "never.xlsx", dry_run=True)
    assert dry.dry_run and not (tmp_path / "never.xlsx").exists()
    printed = run("import", source, "--kind", "repairs", "--dry-run", "--json")
    same(dry.to_json(), printed.stdout)


def test_split_and_collect(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    master = write_master(tmp_path / "master.xlsx")
    split = sheetdesk.split(master, tmp_path / "out")
    assert capsys.readouterr() == ("", "")
    assert len(split.files) == 3 and split.unassigned == 1
    merged = sheetdesk.collect(master, [f.path for f in split.files], tmp_path / "merged.xlsx")
    assert capsys.readouterr() == ("", "")
    assert merged.counts["unchanged"] > 0 and merged.counts["conflicts"] == 0
    assert (tmp_path / "merged.xlsx").is_file()
