"""`sheetdesk import` through Click: files written, exit codes, JSON, mapping files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from sheetdesk.cli import main
from sheetdesk.io.load import load_dataset
from sheetdesk.io.reader import read_workbook
from sheetdesk.legacy import import_legacy
from tests.legacy import layouts as L


def run(*args: str | Path, locale: str = "en_US.UTF-8") -> tuple[int, str, str]:
    """The command as a clerk runs it; terminal text follows the locale (English unless asked)."""
    result = CliRunner(env={"LANG": locale, "LC_ALL": "", "LC_MESSAGES": ""}).invoke(main, ["import", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def register_rows(path: Path) -> list[list[object]]:
    return read_workbook(path).sheets[0].rows


def test_help_documents_the_command() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for option in ("--kind", "--sheet", "--mapping", "--save-mapping", "--dry-run", "--encoding", "--lang",
                   "--output", "--force", "--json"):
        assert option in out


def test_dry_run_shows_the_mapping_and_writes_nothing(tmp_path: Path) -> None:
    source = L.gbk_csv(tmp_path / "报修.csv")
    before = sorted(tmp_path.iterdir())
    code, out, err = run(source, "--kind", "repairs", "--dry-run")
    assert (code, err) == (0, "")
    assert sorted(tmp_path.iterdir()) == before
    line = next(x for x in out.splitlines() if x.strip().startswith("开始时间"))
    assert "reported_at.time" in line and "7:00" in line and "0.80" in line
    assert "rows: 6 read: 1 above the header, 4 would be written, 1 would be rejected (1 totals)" in out
    assert out.rstrip().endswith("dry run: no workbook written")


def test_import_writes_register_rejects_and_report(tmp_path: Path) -> None:
    source = L.gbk_csv(tmp_path / "报修.csv")
    out = tmp_path / "out.xlsx"
    code, text, err = run(source, "--kind", "repairs", "-o", out)
    assert (code, err) == (1, "")  # one row rejected
    assert f"wrote {out}" in text
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["维修记录", "未导入", "导入报告"]  # a Chinese log: the workbook is Chinese
    ws = wb["维修记录"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["报修单号", "出厂编号", "报修时间"]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["WX002"]["报修时间"] == dt.datetime(2023, 5, 1, 7, 30)
    assert rows["WX002"]["故障级别"] == "二级"  # enum keys shown as labels in the sheet language
    assert rows["WX001"]["配件费"] == 1200
    rejects = list(wb["未导入"].iter_rows(values_only=True))
    assert rejects[0][:3] == ("源文件行号", "原因", "报修单号 (A)")
    assert rejects[1][0] == 8 and rejects[1][1] == "合计行（A8 中的“合计”）" and rejects[1][2] == "合计"
    report = {r[0]: r[1] for r in wb["导入报告"].iter_rows(values_only=True) if r[0]}
    assert report["源文件"] == str(source)
    assert (report["读取行数"], report["表头上方行数"], report["写入行数"], report["未导入行数"]) == (6, 1, 4, 1)
    assert report["格式"] == "csv (gbk)"


def test_lang_en_writes_an_english_workbook_from_a_chinese_log(tmp_path: Path) -> None:
    source = L.gbk_csv(tmp_path / "报修.csv")
    out = tmp_path / "out.xlsx"
    code, text, _ = run(source, "--kind", "repairs", "-o", out, "--lang", "en", locale="zh_CN.UTF-8")
    assert code == 1 and f"wrote {out}" in text  # --lang beats the locale for the terminal too
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Repairs", "Rejects", "Import Report"]
    rejects = list(wb["Rejects"].iter_rows(values_only=True))
    assert rejects[0][:3] == ("Source row", "Reason", "报修单号 (A)")
    assert rejects[1][1] == "a totals row ('合计' in A8)"
    report = {r[0]: r[1] for r in wb["Import Report"].iter_rows(values_only=True) if r[0]}
    assert (report["Rows read"], report["Rows above the header"], report["Rows written"]) == (6, 1, 4)


def test_terminal_follows_the_locale(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    code, text, _ = run(source, "--kind", "repairs", "--dry-run", locale="zh_CN.UTF-8")
    assert code == 0
    assert "行数：读取 6：表头上方 3，将写入 3，将未导入 0" in text
    assert "试运行：未写出工作簿" in text
    assert "rows:" not in text and "decisions:" not in text


def test_output_is_ready_for_validate(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    code, _, _ = run(source, "--kind", "repairs")
    assert code == 0  # every row written
    out = tmp_path / "kpi.imported.xlsx"
    dataset = load_dataset([out])
    assert dataset.repairs is not None and len(dataset.repairs) == 3
    assert dataset.sales is None and dataset.callbacks is None  # Rejects / Import Report are not registers
    assert not [i for i in dataset.report.issues if i.code in ("column.missing", "sheet.no_header")]
    result = CliRunner().invoke(main, ["validate", str(out), "--json"])
    issues = json.loads(result.stdout)["issues"]
    assert not [i for i in issues if i["code"].startswith(("column.", "sheet.", "workbook."))]


def test_existing_output_needs_force_and_input_is_never_overwritten(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    assert run(source, "--kind", "repairs")[0] == 0
    code, out, err = run(source, "--kind", "repairs")
    assert code == 2 and out == ""
    assert err == f"sheetdesk: error: {tmp_path / 'kpi.imported.xlsx'}: already exists; use --force to replace it\n"
    assert run(source, "--kind", "repairs", "--force")[0] == 0
    code, _, err = run(source, "--kind", "repairs", "-o", source, "--force")
    assert code == 2 and "refusing to overwrite an input file" in err


def test_save_mapping_then_mapping_reproduces_the_output(tmp_path: Path) -> None:
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    mapping = tmp_path / "log.yaml"
    code, text, _ = run(source, "--kind", "repairs", "-o", tmp_path / "a.xlsx", "--save-mapping", mapping)
    assert code == 1 and f"mapping saved to {mapping}" in text
    saved = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    assert saved["kind"] == "repairs"
    assert saved["columns"]["时间 报修"] == "reported_at.time"
    assert saved["columns"]["日期"] == "reported_at.date"
    assert saved["carry_down"] == ["日期", "网点"]
    code, _, _ = run(source, "--kind", "repairs", "-o", tmp_path / "b.xlsx", "--mapping", mapping)
    assert code == 1
    assert register_rows(tmp_path / "a.xlsx") == register_rows(tmp_path / "b.xlsx")
    # An edited mapping changes the import: skip the description, keep the level in notes.
    saved["columns"]["故障描述"] = "skip"
    saved["columns"]["故障级别"] = "keep"
    mapping.write_text(yaml.safe_dump(saved, allow_unicode=True), encoding="utf-8")
    result = import_legacy(source, "repairs", mapping=mapping)
    first = result.records[0]
    assert "fault_description" not in first and "fault_level" not in first
    assert first["notes"] == "故障级别: Ⅱ"
    assert any(c.label == "故障描述" and c.source == "mapping file" for c in result.columns)


def test_mapping_file_settles_an_ambiguous_date_column(tmp_path: Path) -> None:
    source = L.ambiguous_csv(tmp_path / "amb.csv")
    mapping = tmp_path / "amb.yaml"
    mapping.write_text("kind: repairs\ndayfirst:\n  Reported At: true\n", encoding="utf-8")
    result = import_legacy(source, "repairs", mapping=mapping)
    records = {r["ticket_no"]: r for r in result.records}
    assert records["A1"]["reported_at"] == dt.datetime(2023, 4, 3, 9, 0)
    assert records["A2"]["reported_at"] == dt.datetime(2023, 6, 5)
    assert not result.report.issues


def test_json_is_the_library_result(tmp_path: Path) -> None:
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    code, out, _ = run(source, "--kind", "repairs", "--json", "--dry-run")
    assert code == 0
    doc = json.loads(out)
    expected = import_legacy(source, "repairs")
    expected.dry_run = True
    assert doc == json.loads(json.dumps(expected.to_json("en"), ensure_ascii=False, default=str))
    assert doc["rows"] == {"read": 7, "written": 4, "rejected": 2, "above_header": 1}
    assert doc["header_rows"] == [2, 3] and doc["output"] is None
    assert {r["row"]: r["code"] for r in doc["rejects"]} == {8: "totals", 10: "note"}
    level = next(m for m in doc["mapping"] if m["column"] == "故障级别")
    assert (level["key"], level["confidence"], level["source"]) == ("fault_level", 1.0, "label")


def test_json_run_names_the_output(tmp_path: Path) -> None:
    source = L.kpi_block_xlsx(tmp_path / "kpi.xlsx")
    code, out, _ = run(source, "--kind", "repairs", "--json", "--lang", "zh")
    assert code == 0
    doc = json.loads(out)
    assert doc["output"] == str(tmp_path / "kpi.imported.xlsx") and doc["lang"] == "zh"
    assert openpyxl.load_workbook(doc["output"]).sheetnames[0] == "维修记录"


@pytest.mark.parametrize(("content", "message"), [
    ("columns: [unclosed", "mapping file is not valid YAML"),
    ("colums: {}", "unknown setting(s) colums"),
    ("columns:\n  日期: reported_date", "column '日期': 'reported_date' is not a Repairs column key"),
    ("columns:\n  机组: serial_no", "column '机组' is not in the source header"),
    ("kind: sales", "mapping file is for kind 'sales', not 'repairs'"),
    ("dayfirst:\n  日期: maybe", "'dayfirst' must map date columns to true"),
    ("columns:\n  故障描述: fault_level.time", "only date-and-time columns have a .time part"),
    ("columns:\n  单号: ticket_no\n  出厂编号: ticket_no", "two columns are mapped to ticket_no (the second is '出厂编号')"),
])
def test_bad_mapping_file_exits_2_with_one_line(tmp_path: Path, content: str, message: str) -> None:
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(content, encoding="utf-8")
    code, out, err = run(source, "--kind", "repairs", "--mapping", mapping, "-o", tmp_path / "o.xlsx")
    assert code == 2 and out == ""
    assert err.startswith(f"sheetdesk: error: {mapping}: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "o.xlsx").exists()


def test_unreadable_input_and_unknown_sheet_exit_2(tmp_path: Path) -> None:
    code, _, err = run(tmp_path / "missing.xls", "--kind", "repairs")
    assert code == 2 and err == f"sheetdesk: error: {tmp_path / 'missing.xls'}: file not found\n"
    source = L.merged_header_xlsx(tmp_path / "log.xlsx")
    code, _, err = run(source, "--kind", "repairs", "--sheet", "Nope", "--dry-run")
    assert code == 2 and "no sheet named 'Nope' (sheets: '2023年5月')" in err
    code, _, err = run(source, "--kind", "repairs", "--sheet", "2023年5月", "--dry-run")
    assert code == 0


def test_encoding_option_overrides_detection(tmp_path: Path) -> None:
    source = L.gbk_csv(tmp_path / "报修.csv")
    code, _, err = run(source, "--kind", "repairs", "--dry-run", "--encoding", "utf-8")
    assert code == 2 and "cannot be decoded as utf-8" in err
    code, out, _ = run(source, "--kind", "repairs", "--dry-run", "--encoding", "gb18030", "--json")
    assert code == 0 and json.loads(out)["mapping"][2]["column"] == "开始时间"
