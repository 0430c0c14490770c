"""An import speaks the clerk's language: the workbook and the terminal, in Chinese or in English.

The scans allow what never changes with the language: codes (`table.header`,
`totals`), template keys (`reported_at.time`), the command names a message
refers to, and the user's own values and file names.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sheetdesk.cli import main
from sheetdesk.io.reader import read_workbook
from sheetdesk.legacy.texts import DECISIONS, REJECTS
from sheetdesk.schema import REPAIRS
from tests.legacy import layouts as L

CODES = set(DECISIONS) | set(REJECTS) | {k for f in REPAIRS.fields for k in (f.key, f"{f.key}.date", f"{f.key}.time")}
ALLOWED = CODES | {"validate", "keep", "skip", "csv", "gbk", "xlsx", "zh", "en", "IMP", "hex", "III", "II", "IV"}
_WORD = re.compile(r"[A-Za-z][A-Za-z_.]{2,}")
_CJK = re.compile(r"[\u3400-\u9fff]")


def run(*args: str | Path, locale: str) -> tuple[int, str]:
    result = CliRunner(env={"LANG": locale, "LC_ALL": ""}).invoke(main, ["import", *map(str, args)])
    return result.exit_code, result.stdout + result.stderr


def english_words(text: str, user: set[str]) -> set[str]:
    return {w for w in _WORD.findall(text) if w not in ALLOWED and not any(w in u for u in user)}


def sheet_texts(path: Path) -> list[str]:
    return [v for s in read_workbook(path).sheets for row in s.rows for v in row if isinstance(v, str)]


def test_a_chinese_log_imports_into_a_chinese_workbook_and_terminal(tmp_path: Path) -> None:
    source = L.gbk_csv(tmp_path / "报修.csv")
    out = tmp_path / "导入.xlsx"
    code, said = run(source, "--kind", "repairs", "-o", out, locale="zh_CN.UTF-8")
    assert code == 1  # the totals row
    user = {str(tmp_path), str(source), str(out)}
    assert english_words(said, user) == set()
    assert english_words("\n".join(sheet_texts(out)), user) == set()
    assert [s.name for s in read_workbook(out).sheets] == ["维修记录", "未导入", "导入报告"]


def test_an_english_log_with_lang_en_has_no_chinese(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    out = tmp_path / "out.xlsx"
    code, said = run(source, "--kind", "repairs", "-o", out, "--lang", "en", locale="zh_CN.UTF-8")
    assert code == 0
    assert not _CJK.search(said)
    assert not [t for t in sheet_texts(out) if _CJK.search(t)]


def test_nothing_imported_says_so_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "无关.csv"
    path.write_text("甲,乙\n1,2\n3,4\n", encoding="utf-8")
    code, said = run(path, "--kind", "repairs", "--dry-run", locale="zh_CN.UTF-8")
    assert code == 1
    assert "没有导入任何行：2 个数据行写入 0 行（表头取自第 1 行）" in said
