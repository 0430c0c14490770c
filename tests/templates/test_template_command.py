"""`sheetdesk template`: the files it writes, read back as a clerk's Excel sees them."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from sheetdesk.io.load import load_dataset
from sheetdesk.io.policy_source import default_policy, parse_policy, policy_sheet_key
from sheetdesk.io.reader import read_workbook
from sheetdesk.schema import CALLBACKS, HOLDS, POLICY_BY_KEY, POLICY_SHEETS, REGISTERS, REPAIRS, SALES
from sheetdesk.schema.policy import MAINTENANCE
from sheetdesk.templates import template_names
from tests.helpers.cli import run
from tests.templates.facts import column_dims, header, list_validation

NAMES = {
    "en": [
        "sales.xlsx", "repairs.xlsx", "callbacks.xlsx", "holds.xlsx", "visits.xlsx", "policy.xlsx",
        "service_desk.xlsx",
    ],
    "zh": [
        "sales.zh.xlsx", "repairs.zh.xlsx", "callbacks.zh.xlsx", "holds.zh.xlsx", "visits.zh.xlsx", "policy.zh.xlsx",
        "service_desk.zh.xlsx",
    ],
}  # fmt: skip
POLICY_FILE, SERVICE_DESK = 5, 6
TYPE_FORMATS = {"date": "yyyy-mm-dd", "datetime": "yyyy-mm-dd hh:mm", "text": "@", "enum": "General", "yesno": "General"}


@pytest.fixture(scope="module", params=["en", "zh"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    lang = request.param
    out = tmp_path_factory.mktemp(f"templates-{lang}") / "out"
    result = run("template", "all", "-o", out, "--lang", lang)
    assert result.code == 0, result.stderr
    return lang, out, result.stdout


def test_all_writes_seven_files_one_line_each(written: tuple[str, Path, str]) -> None:
    lang, out, output = written
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES[lang])
    wrote = {"en": "wrote ", "zh": "已写出 "}[lang]
    assert output.splitlines() == [f"{wrote}{out / name}" for name in NAMES[lang]]
    assert template_names("all", lang) == NAMES[lang]


def test_register_sheets_follow_the_declaration(written: tuple[str, Path, str]) -> None:
    lang, out, _ = written
    wb = openpyxl.load_workbook(out / NAMES[lang][SERVICE_DESK])
    instructions = "填写说明" if lang == "zh" else "Instructions"
    assert wb.sheetnames == [r.name(lang) for r in REGISTERS] + [instructions]
    for register in REGISTERS:
        ws = wb[register.name(lang)]
        assert header(ws) == [f.label(lang) for f in register.fields]
        assert ws.freeze_panes == "A2"
        dims = column_dims(ws)
        prompts = {str(dv.sqref): dv.prompt for dv in ws.data_validations.dataValidation if dv.type is None}
        for i, f in enumerate(register.fields):
            letter = get_column_letter(i + 1)
            dropdown = list_validation(ws, letter)
            if f.enum is not None:
                assert dropdown == (f"{letter}2:{letter}5000", f.enum.labels(lang)), f.key
            else:
                assert dropdown is None, f.key
            if f.type in TYPE_FORMATS:
                expected = TYPE_FORMATS[f.type] if f.text_format else "General"  # names carry no text format
                assert dims[letter][1] == expected, f.key
            assert dims[letter][0] >= f.width
            if f.hint(lang):
                assert prompts[f"{letter}1"] == f.hint(lang)


def test_instructions_list_every_column(written: tuple[str, Path, str]) -> None:
    lang, out, _ = written
    wb = openpyxl.load_workbook(out / NAMES[lang][1])
    ws = wb["填写说明" if lang == "zh" else "Instructions"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    by_label = {r[0]: r for r in rows if r[0]}
    for f in REPAIRS.fields:
        row = by_label[f.label(lang)]
        if f.enum is not None:
            sep = "、" if lang == "zh" else ", "
            assert row[3] == sep.join(f.enum.labels(lang))
        assert (row[4] or "") == f.hint(lang)
    ticket = by_label[REPAIRS.field("ticket_no").label(lang)]
    assert ticket[2] == ("必填，不可重复" if lang == "zh" else "required, unique")
    assert by_label[REPAIRS.field("notes").label(lang)][2] == ("选填" if lang == "zh" else "optional")


def test_templates_load_with_zero_rows_and_no_findings(written: tuple[str, Path, str]) -> None:
    lang, out, _ = written
    for name, keys in zip(NAMES[lang][:5], (["sales"], ["repairs"], ["callbacks"], ["holds"], ["visits"]), strict=True):
        ds = load_dataset([out / name])
        assert list(ds.tables) == keys
        assert ds.report.issues == []
        assert len(ds.tables[keys[0]]) == 0
        assert ds.tables[keys[0]].lang == lang
    ds = load_dataset([out / NAMES[lang][SERVICE_DESK]])
    assert sorted(ds.tables) == ["callbacks", "holds", "repairs", "sales", "visits"]
    assert ds.report.issues == [] and all(len(t) == 0 for t in ds.tables.values())


def test_policy_template_is_the_default_policy(written: tuple[str, Path, str]) -> None:
    lang, out, _ = written
    path = out / NAMES[lang][POLICY_FILE]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[: len(POLICY_SHEETS)] == [r.name(lang) for r in POLICY_SHEETS]
    sla = wb[POLICY_BY_KEY["sla"].name(lang)]
    assert header(sla) == [f.label(lang) for f in POLICY_BY_KEY["sla"].fields]
    conditions = [None] * 4  # customer, contract, category, service area: any
    assert [c.value for c in sla[2]] == (
        ["报修", "一级", "1小时", "1.5小时", None, "4小时", "全天", "4小时", *conditions]  # levels and durations in Chinese
        if lang == "zh"
        else ["Repair", "I", "1h", "1.5h", None, "4h", "24x7", "4h", *conditions]
    )
    assert list_validation(sla, "G") is None  # a calendar may be named in the Calendar sheet: no fixed list
    pauses = wb[POLICY_BY_KEY["pauses"].name(lang)]
    assert [c.value for c in pauses[2]] == (["*", "否", "否", "否", "是"] if lang == "zh" else ["*", "No", "No", "No", "Yes"])
    assert list_validation(pauses, "B") == ("B2:B5000", ["是", "否"] if lang == "zh" else ["Yes", "No"])
    calendar = wb[POLICY_BY_KEY["calendar"].name(lang)]
    assert calendar["A2"].value == ("周一" if lang == "zh" else "Mon")
    assert calendar["B2"].number_format == "hh:mm"
    settings = wb[POLICY_BY_KEY["settings"].name(lang)]
    assert [c.value for c in settings["A"]][1:5] == (
        ["回访天数", "回访率目标", "满意度目标", "国家"]
        if lang == "zh"
        else ["callback_days", "callback_rate_target", "satisfaction_target", "country"]
    )
    assert settings["B5"].value == ("中国" if lang == "zh" else "CN")
    holidays = wb[POLICY_BY_KEY["holidays"].name(lang)]
    assert list_validation(holidays, "B") is not None
    assert column_dims(holidays)["A"][1] == "yyyy-mm-dd"
    raw = read_workbook(path)
    sheets = {key: (s.name, s.rows) for s in raw.sheets if (key := policy_sheet_key(s.name))}
    assert sorted(sheets) == sorted(r.key for r in POLICY_SHEETS)
    assert parse_policy(sheets) == default_policy()
    assert default_policy().maintenance == ()  # the example beside the Maintenance columns is not in force


def test_the_maintenance_example_is_a_plan_once_copied_into_its_columns(written: tuple[str, Path, str]) -> None:
    lang, out, _ = written
    ws = openpyxl.load_workbook(out / NAMES[lang][POLICY_FILE])[MAINTENANCE.name(lang)]
    assert header(ws)[: len(MAINTENANCE.fields)] == [f.label(lang) for f in MAINTENANCE.fields]
    note = ws.cell(1, len(MAINTENANCE.fields) + 2).value
    assert note.startswith("示例（不生效）" if lang == "zh" else "Example, not in force")
    block = [[c.value for c in row][len(MAINTENANCE.fields) + 1:] for row in ws.iter_rows(min_row=3)]
    assert len(block) == 5 and all(len(r) == len(MAINTENANCE.fields) for r in block)
    copied = parse_policy({"maintenance": (ws.title, [header(ws)[: len(MAINTENANCE.fields)], *block])})
    assert [(r.category, r.kind, str(r.every), str(r.first_within), r.during, r.grace_days)
            for r in copied.maintenance] == [
        ("*", "return_visit", "6m", "6m", "warranty", 15),
        ("*", "phone_visit", "3m", "1m", "lifetime", 7),
        *((("医疗设备" if lang == "zh" else "Medical Equipment"), kind, every, every, during, grace)
          for kind, every, during, grace in (("inspection", "1m", "warranty", 5), ("upgrade", "3m", "paid", 10),
                                             ("maintenance", "6m", "paid", 10))),
    ]  # fmt: skip


def test_single_kind_writes_one_file(tmp_path: Path) -> None:
    result = run("template", "callbacks", "-o", tmp_path, "--lang", "zh")
    assert result.code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["callbacks.zh.xlsx"]
    ws = openpyxl.load_workbook(tmp_path / "callbacks.zh.xlsx")[CALLBACKS.zh]
    assert header(ws) == [f.zh for f in CALLBACKS.fields]


def test_holds_template_has_the_reasons_as_a_dropdown(tmp_path: Path) -> None:
    result = run("template", "holds", "-o", tmp_path, "--lang", "zh")
    assert result.code == 0, result.stderr
    ws = openpyxl.load_workbook(tmp_path / "holds.zh.xlsx")[HOLDS.zh]
    assert header(ws) == ["报修单号", "暂停开始", "暂停结束", "暂停原因", "备注"]
    assert list_validation(ws, "D") == ("D2:D5000", ["待料", "待客户确认", "客户不在", "待厂家", "其他"])


def test_existing_file_needs_force(tmp_path: Path) -> None:
    (tmp_path / "sales.xlsx").write_bytes(b"keep me")
    result = run("template", "all", "-o", tmp_path)
    assert result.code == 2
    assert result.stderr == f"sheetdesk: error: {tmp_path / 'sales.xlsx'}: already exists; use --force to replace it\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sales.xlsx"]  # nothing else written either
    assert (tmp_path / "sales.xlsx").read_bytes() == b"keep me"
    result = run("template", "sales", "-o", tmp_path, "--force")
    assert result.code == 0, result.stderr
    assert header(openpyxl.load_workbook(tmp_path / "sales.xlsx")["Sales"]) == [f.en for f in SALES.fields]


def test_output_folder_is_created_but_a_file_is_refused(tmp_path: Path) -> None:
    result = run("template", "sales", "-o", tmp_path / "模板" / "2026")
    assert result.code == 0, result.stderr
    assert (tmp_path / "模板" / "2026" / "sales.xlsx").exists()
    (tmp_path / "a_file").write_text("x")
    result = run("template", "sales", "-o", tmp_path / "a_file")
    assert result.code == 2
    assert "a_file" in result.stderr and "Traceback" not in result.stderr


def test_unknown_kind_or_language_is_bad_usage(tmp_path: Path) -> None:
    assert run("template", "invoices", "-o", tmp_path).code == 2
    assert run("template", "all", "--lang", "fr", "-o", tmp_path).code == 2
    assert list(tmp_path.iterdir()) == []


def test_help_documents_file_names() -> None:
    result = run("template", "--help")
    assert result.code == 0
    for name in NAMES["en"] + NAMES["zh"]:
        assert name in result.stdout
