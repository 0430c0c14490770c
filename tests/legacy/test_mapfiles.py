"""Mapping files a clerk can edit: a workbook with a dropdown of keys, and YAML read safely."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from sheetdesk.cli import main
from sheetdesk.io.reader import read_workbook
from sheetdesk.legacy import import_legacy
from tests.legacy import layouts as L


def run(*args: str | Path, locale: str = "en_US.UTF-8") -> tuple[int, str, str]:
    result = CliRunner(env={"LANG": locale, "LC_ALL": ""}).invoke(main, ["import", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def test_save_mapping_as_a_workbook_then_edit_a_key_in_it(tmp_path: Path) -> None:
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    book = tmp_path / "map.xlsx"
    code, text, _ = run(source, "--kind", "repairs", "--dry-run", "--save-mapping", book)
    assert code == 0 and f"mapping saved to {book}" in text
    wb = openpyxl.load_workbook(book)
    ws = wb["列对应"]  # a Chinese log: the mapping sheet is Chinese too
    table = [row for row in ws.iter_rows(values_only=True)]
    top = next(i for i, row in enumerate(table) if row[:4] == ("源列", "列号", "示例值", "对应到"))
    rows = {row[0]: row for row in table[top + 1 :] if row[0]}
    assert rows["故障级别"][3] == "故障级别 [fault_level]"
    assert rows["时间 报修"][3] == "报修时间（时间部分） [reported_at.time]"
    assert rows["故障级别"][2] == "II | 一级 | 3"  # sample values (folded: Ⅱ is II)
    validations = ws.data_validations.dataValidation
    assert validations and validations[0].formula1 == "keys!$A$1:$A$35"  # 23 keys, 5 datetimes x 2 parts, keep, skip
    keys = [c.value for c in wb["keys"]["A"]]
    assert "不导入 [skip]" in keys and wb["keys"].sheet_state == "hidden"
    # The clerk picks "skip" for the level and "keep" for the description, and imports again.
    for n, row in enumerate(ws.iter_rows(min_row=top + 2), start=top + 2):
        if row[0].value == "故障级别":
            ws.cell(n, 4, "不导入 [skip]")
        if row[0].value == "故障描述":
            ws.cell(n, 4, "保留到备注")
    wb.save(book)
    result = import_legacy(source, "repairs", mapping=book)
    first = result.records[0]
    assert "fault_level" not in first and "fault_description" not in first
    assert first["notes"] == "故障描述: 不开机"
    level = next(c for c in result.columns if c.label == "故障级别")
    assert (str(level.target), level.source) == ("skip", "mapping file")


def test_a_saved_workbook_reproduces_the_import(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    assert run(source, "--kind", "repairs", "-o", tmp_path / "a.xlsx", "--save-mapping", tmp_path / "m.xlsx")[0] == 0
    assert run(source, "--kind", "repairs", "-o", tmp_path / "b.xlsx", "--mapping", tmp_path / "m.xlsx")[0] == 0
    assert read_workbook(tmp_path / "a.xlsx").sheets[0].rows == read_workbook(tmp_path / "b.xlsx").sheets[0].rows


def test_a_key_the_register_does_not_have_is_one_line(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    book = tmp_path / "m.xlsx"
    assert run(source, "--kind", "repairs", "--dry-run", "--save-mapping", book)[0] == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["Mapping"]
    cell = next(row[3] for row in ws.iter_rows() if row[0].value == "Priority")
    cell.value = "urgency"
    wb.save(book)
    code, out, err = run(source, "--kind", "repairs", "--dry-run", "--mapping", book)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "column 'Priority': 'urgency' is not a Repairs column key" in err


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    bomb = tmp_path / "bomb.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[n]
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    code, out, err = run(source, "--kind", "repairs", "--dry-run", "--mapping", bomb)
    assert time.monotonic() - start < 10  # refused while parsing, nothing expanded
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "uses a YAML alias (*a) at line 2" in err


def test_bad_mapping_errors_exist_in_both_languages(tmp_path: Path) -> None:
    import pytest

    from sheetdesk.errors import InputError

    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    mapping = tmp_path / "bad.yaml"
    mapping.write_text("kind: sales", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_legacy(source, "repairs", mapping=mapping)
    assert caught.value.text("en").endswith("mapping file is for kind 'sales', not 'repairs'")
    assert caught.value.text("zh").endswith("映射文件用于“sales”，不是“repairs”")
