"""Which language a reader gets (docs/i18n.md): --lang, else the locale, else the workbook, else English."""

from __future__ import annotations

import gettext
import os
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.helpers.cli import run

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
ZH, EN, NONE = {"LANG": "zh_CN.UTF-8"}, {"LANG": "en_US.UTF-8"}, {"LANG": "C.UTF-8"}


@pytest.fixture
def books(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "service_desk_example.xlsx", tmp_path / "zh.xlsx")
    shutil.copy(EXAMPLES / "service_desk_example.en.xlsx", tmp_path / "en.xlsx")
    return tmp_path


def messages(document: dict[str, list[dict[str, str]]]) -> list[str]:
    return [issue["message"] for issue in document["issues"]]


def test_json_messages_follow_lang_and_codes_never_change(books: Path) -> None:
    english = run("check", "zh.xlsx", "--as-of", "2026-11-01", "--json", "--lang", "en", env=ZH).json()
    chinese = run("check", "zh.xlsx", "--as-of", "2026-11-01", "--json", "--lang", "zh", env=EN).json()
    assert not any(CHINESE.search(m) for m in messages(english) if "'" not in m)  # no quoted user value
    assert all(CHINESE.search(m) for m in messages(chinese))
    for document in (english, chinese):
        for issue in document["issues"]:
            issue.pop("message")
    assert english == chinese  # codes, keys and every value but the messages: the same


def test_json_messages_without_lang_follow_the_locale_then_the_workbook(books: Path) -> None:
    by_locale = run("validate", "en.xlsx", "--json", env=ZH).json()
    by_workbook = run("validate", "zh.xlsx", "--json", env=NONE).json()
    assert all(CHINESE.search(m) for m in messages(by_locale))
    assert all(CHINESE.search(m) for m in messages(by_workbook))


def test_the_terminal_follows_the_locale_and_the_workbook_its_own_language(books: Path) -> None:
    result = run("validate", "en.xlsx", "-o", "out.xlsx", env=ZH)
    assert result.stdout.splitlines()[0].split() == ["级别", "位置", "代码", "说明"]
    assert result.stdout.splitlines()[-1] == "已写出批注副本：out.xlsx"
    assert "Issues" in openpyxl.load_workbook(books / "out.xlsx").sheetnames  # the workbook is English


def test_lang_sets_both_the_terminal_and_the_workbook(books: Path) -> None:
    result = run("validate", "zh.xlsx", "-o", "out.xlsx", "--lang", "en", env=ZH)
    assert result.stdout.splitlines()[-1] == "Annotated copy written to out.xlsx"
    assert "Issues" in openpyxl.load_workbook(books / "out.xlsx").sheetnames


def test_lc_all_comes_before_lang(books: Path) -> None:
    result = run("validate", "zh.xlsx", env={"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"})
    assert result.stdout.splitlines()[-1] == "7 errors, 4 warnings in 1 file"


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        (ZH, ["check", "zh.xlsx", "--bogus"], "sheetdesk：错误：没有 '--bogus' 这个选项。（见 'sheetdesk check --help'）"),
        (ZH, ["check", "zh.xlsx", "--bogus", "--lang", "en"],  # --lang counts though Click stops before it
         "sheetdesk: error: No such option '--bogus'. (see 'sheetdesk check --help')"),
        (EN, ["check", "--lang=zh", "en.xlsx", "--as-of", "soon"],
         "sheetdesk：错误：'--as-of' 的值无效：'soon' 不是日期/时间；请写成 2026-11-01、2026-11-01T17:30 或 "
         "2026-11-01 17:30:00（见 'sheetdesk check --help'）"),
        (ZH, ["split"], "sheetdesk：错误：缺少参数 '总表'.（见 'sheetdesk split --help'）"),
        (NONE, ["validate", "缺失.xlsx"], "sheetdesk: error: 缺失.xlsx: file not found"),  # no workbook read yet
        (ZH, ["validate", "missing.xlsx"], "sheetdesk：错误：missing.xlsx：文件不存在"),
    ],
)
def test_errors_before_any_workbook_follow_lang_then_the_locale_then_english(
    books: Path, env: dict[str, str], args: list[str], expected: str
) -> None:
    result = run(*args, env=env)
    assert result.code == 2
    assert result.stderr == expected + "\n"


def test_template_follows_lang_else_the_locale_else_english(books: Path) -> None:
    assert run("template", "sales", "-o", "a", env=ZH).stdout == "已写出 a/sales.zh.xlsx\n"
    assert run("template", "sales", "-o", "b", env=NONE).stdout == "wrote b/sales.xlsx\n"
    assert run("template", "sales", "-o", "c", "--lang", "en", env=ZH).stdout == "wrote c/sales.xlsx\n"


def test_a_run_leaves_the_process_language_as_it_was(books: Path) -> None:
    before = gettext.bindtextdomain("messages")
    run("check", "zh.xlsx", "--bogus", env=ZH)
    assert "LANGUAGE" not in os.environ
    assert gettext.bindtextdomain("messages") == before
    assert gettext.gettext("Usage:") == "Usage:"
