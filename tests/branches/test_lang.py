"""split and collect speak the reader's language (issue #14): terminal, branch files, Merge Report, JSON.

A Chinese master split and collected with LANG=zh_CN.UTF-8 (or --lang zh)
shows no English word except codes, the clerk's own values and file names;
with --lang en, no Chinese except the clerk's values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner

from sheetdesk.cli import main
from tests.branches.edit import Editor
from tests.branches.master import BEIJING, CALLBACKS, EAST, REPAIRS, SALES, SOUTH, write_master

ZH_ENV = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
EN_ENV = {"LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def run(*args: Any, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], env=env or ZH_ENV)


def user_values() -> set[str]:
    """Everything the clerk typed into the test master (and the sheet names sheetdesk never writes)."""
    values = {v for rows in (SALES, REPAIRS, CALLBACKS) for row in rows for v in row if isinstance(v, str)}
    return values | {"Notes", "Head office notes", "Quarterly review", "Sales register 2024"}


def english_words(text: str, tmp_path: Path, allowed: set[str]) -> list[str]:
    for path in sorted(tmp_path.rglob("*"), key=lambda p: len(str(p)), reverse=True):  # file names are the clerk's
        text = text.replace(str(path), "").replace(path.name, "")
    for value in sorted(user_values() | allowed, key=len, reverse=True):
        text = text.replace(value, "")
    text = re.sub(r"\b[a-z]+\.[a-z_]+\b", "", text)  # finding codes (split.no_branch)
    text = re.sub(r"\b[0-9a-f]{8,}\b", "", text)  # split ids, hashes
    return re.findall(r"[A-Za-z]{2,}", text)


def chinese(text: str) -> list[str]:
    return re.findall(r"[\u4e00-\u9fff]+", text)


def workbook_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    cells = [ws.title for ws in wb.worksheets if ws.sheet_state != "veryHidden"]
    for ws in wb.worksheets:
        if ws.sheet_state == "veryHidden":  # the split record: machine data, never shown
            continue
        cells += [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    cells += [wb.properties.title or "", wb.properties.subject or "", wb.properties.description or ""]
    return "\n".join(cells)


def test_a_chinese_master_splits_and_collects_in_chinese(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx", lang="zh")
    split = run("split", master, "-o", tmp_path / "分发")
    assert split.exit_code == 1, split.output  # SN-X01 belongs to no branch
    allowed = {"sheetdesk validate", "SN-X01"}
    assert english_words(split.output, tmp_path, allowed) == [], split.output
    assert "不属于任何网点" in split.output and "总表密钥已写入" in split.output
    files = {p.stem: p for p in (tmp_path / "分发").glob("*.xlsx")}
    for path in files.values():
        assert english_words(workbook_text(path), tmp_path, {"sheetdesk"}) == [], path.name

    with Editor(files[BEIJING]) as ed:
        ed.set("sales", "SN-B01", "contact", "Wang Lei Jr")
        ed.add("sales", serial_no="SN-S77", product="P", model="M", customer="C", branch=SOUTH)
    out = tmp_path / "合并.xlsx"
    collect = run("collect", master, files[BEIJING], "-o", out)
    assert collect.exit_code == 1, collect.output  # the row of another branch is rejected
    assert english_words(collect.output, tmp_path, {"Wang Lei Jr", "SN-S77", "SN-B01"}) == [], collect.output
    assert "拒收" in collect.output and "已写出" in collect.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "合并报告"
    report = list(wb["合并报告"].iter_rows(values_only=True))
    assert report[0][:3] == ("来源文件", "工作表", "行号")
    report_text = "\n".join(str(c) for row in report for c in row if c is not None)
    assert english_words(report_text, tmp_path, {"Wang Lei Jr", "SN-S77", "SN-B01", "Wang Lei"}) == []


def test_lang_en_on_a_chinese_master_writes_english(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx", lang="zh")
    split = run("split", master, "-o", tmp_path / "out", "--lang", "en", env=ZH_ENV)
    # Chinese only in the clerk's own names: branches, and the master's sheet named in a finding's place.
    assert set(chinese(split.output.replace(str(tmp_path), ""))) <= {BEIJING, "华南", "深圳", "销售登记"}
    east = tmp_path / "out" / f"{EAST}.xlsx"
    wb = openpyxl.load_workbook(east)
    assert wb.sheetnames == ["Sales", "Repairs", "Callbacks", "Worklist", "_sheetdesk"]
    assert chinese(workbook_text(east)) == []
    collect = run("collect", master, east, "-o", tmp_path / "m.xlsx", "--lang", "en", "--json", env=ZH_ENV)
    document = json.loads(collect.stdout)
    assert document["valid"] is True
    assert "Merge Report" in openpyxl.load_workbook(tmp_path / "m.xlsx").sheetnames


def test_json_codes_stay_and_messages_follow_lang(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx")
    zh = json.loads(run("split", master, "-o", tmp_path / "a", "--json", "--lang", "zh").stdout)
    en = json.loads(run("split", master, "-o", tmp_path / "b", "--json", "--lang", "en").stdout)
    assert [i["code"] for i in zh["issues"]] == [i["code"] for i in en["issues"]]
    assert set(zh) == set(en)
    [zh_issue] = [i for i in zh["issues"] if i["code"] == "split.no_branch"]
    [en_issue] = [i for i in en["issues"] if i["code"] == "split.no_branch"]
    assert "不属于任何网点" in zh_issue["message"] and "belongs to no branch" in en_issue["message"]


def test_english_environment_prints_english(tmp_path: Path) -> None:
    master = write_master(tmp_path / "master.xlsx", lang="zh")
    result = run("split", master, "-o", tmp_path / "out", env=EN_ENV)
    assert result.output.splitlines()[0].startswith("split master.xlsx: 3 branch file(s)")
    zh_files = openpyxl.load_workbook(tmp_path / "out" / f"{EAST}.xlsx").sheetnames
    assert zh_files[:4] == ["销售登记", "维修记录", "回访记录", "待办清单"]  # workbooks follow the master
