"""The bundled example workbooks: reproducible, realistic, and their mistakes where the README says."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from sheetdesk.io.load import Dataset, load_dataset
from sheetdesk.io.reader import read_workbook
from sheetdesk.schema import REGISTERS_BY_KEY

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
FILES = {"zh": EXAMPLES / "service_desk_example.xlsx", "en": EXAMPLES / "service_desk_example.en.xlsx"}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_example", EXAMPLES / "make_example.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script()


@pytest.fixture(scope="module")
def datasets() -> dict[str, Dataset]:
    return {lang: load_dataset([path]) for lang, path in FILES.items()}


def test_script_regenerates_the_committed_files(script: ModuleType, tmp_path: Path) -> None:
    assert script.main([str(tmp_path)]) == 0
    for path in FILES.values():
        fresh, committed = read_workbook(tmp_path / path.name), read_workbook(path)
        assert [s.name for s in fresh.sheets] == [s.name for s in committed.sheets]
        for a, b in zip(fresh.sheets, committed.sheets, strict=True):
            assert a.rows == b.rows, f"{path.name}!{a.name} differs: run make_example.py"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == (EXAMPLES / "README.md").read_text(encoding="utf-8")


def test_examples_are_big_enough_and_realistic(datasets: dict[str, Dataset]) -> None:
    zh, en = datasets["zh"], datasets["en"]
    assert [len(zh.tables[k]) >= n for k, n in (("sales", 60), ("repairs", 90), ("callbacks", 55))] == [True] * 3
    assert [len(en.tables[k]) for k in ("sales", "repairs")] == [20, 30] and len(en.tables["callbacks"]) >= 20
    for lang, ds in datasets.items():
        assert {t.lang for t in ds.tables.values()} == {lang}
        assert ds.repairs is not None and ds.repairs.location.header_row == 2  # below the title row
        repairs = list(ds.repairs.records())
        assert {r["fault_level"] for r in repairs} >= {"I", "II", "III", "IV"}
        assert {r["request_type"] for r in repairs} >= {"repair", "complaint", "consultation", "maintenance"}
        assert {r["cause"] for r in repairs} >= {"quality", "human_damage", "water"}
        assert any(r["resolved_at"] is None for r in repairs)
        assert any(r["fee_charged"] for r in repairs)
        callbacks = list(ds.callbacks.records()) if ds.callbacks else []
        unhappy = [c for c in callbacks if c["satisfaction"] == "dissatisfied"]
        assert any(c["escalated_to"] for c in unhappy) and any(not c["escalated_to"] for c in unhappy)
        moments = [
            v if isinstance(v, dt.datetime) else dt.datetime.combine(v, dt.time())
            for t in ds.tables.values()
            for col in t.values.values()
            for v in col
            if isinstance(v, dt.date)
        ]
        assert dt.datetime(2025, 1, 1) <= min(moments) and max(moments) <= dt.datetime(2026, 11, 15, 23, 59)


def readme_mistakes(lang: str) -> list[dict[str, str]]:
    """The planted-mistake table of one example, as the README prints it."""
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## `{FILES[lang].name}`")[1].split("\n## ")[0]
    rows = [line.split(" | ") for line in section.splitlines() if re.match(r"^\| \d+ \|", line)]
    return [{"sheet": r[1], "cell": r[2], "column": r[3], "value": r[4], "severity": r[6].rstrip(" |")} for r in rows]


def cell_text(value: Any) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return str(value)


def record_at(ds: Dataset, sheet: str, cell: str) -> tuple[str, dict[str, Any], str, int]:
    """The register key, the record, the field key and the record index of a cell."""
    table = next(t for t in ds.tables.values() if t.sheet_name == sheet)
    letters, row = re.match(r"([A-Z]+)(\d+)", cell).groups()  # type: ignore[union-attr]
    col = openpyxl.utils.column_index_from_string(letters) - 1
    key = next(k for k, c in table.location.columns.items() if c == col)
    i = table.rows.index(int(row))
    return table.key, table.record(i), key, i


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_planted_mistakes_are_where_the_readme_says(datasets: dict[str, Dataset], lang: str) -> None:
    ds = datasets[lang]
    wb = openpyxl.load_workbook(FILES[lang])
    mistakes = readme_mistakes(lang)
    assert 6 <= len(mistakes) <= 12
    sales = {r["serial_no"] for r in ds.sales.records()} if ds.sales else set()
    tickets = [r["ticket_no"] for r in ds.repairs.records()] if ds.repairs else []
    seen = set()
    for m in mistakes:
        assert cell_text(wb[m["sheet"]][m["cell"]].value) == m["value"], m
        register, record, key, i = record_at(ds, m["sheet"], m["cell"])
        assert REGISTERS_BY_KEY[register].field(key).label(lang) == m["column"]
        kind = (register, key)
        seen.add(kind)
        if kind == ("sales", "customer"):
            assert record["customer"] is None
        elif kind == ("sales", "phone"):
            assert re.search(r"[^\d-]", record["phone"])
        elif kind == ("repairs", "resolved_at"):
            assert record["resolved_at"] < record["reported_at"]
        elif kind == ("repairs", "serial_no"):
            assert record["serial_no"] not in sales
        elif kind == ("repairs", "ticket_no"):
            assert tickets[i - 1] == record["ticket_no"]
        elif kind == ("repairs", "fault_level"):
            assert record["fault_level"] is None  # unreadable: the loader reports it
        elif kind == ("repairs", "fee_charged"):
            assert record["cause"] == "quality" and record["fee_charged"] > 0
        elif kind == ("callbacks", "ticket_no"):
            assert record["ticket_no"] not in tickets
        elif kind == ("callbacks", "escalated_to"):
            assert record["satisfaction"] == "dissatisfied" and record["escalated_to"] is None
        elif kind == ("holds", "hold_until"):
            ticket = tickets.index(record["ticket_no"])
            assert record["hold_until"] is None and ds.repairs is not None
            assert ds.repairs.column("resolved_at")[ticket] > record["hold_from"]
        elif kind == ("visits", "ticket_no"):
            assert record["result"] == "fault_found" and record["ticket_no"] is None
        elif kind == ("visits", "serial_no"):
            assert record["serial_no"] not in sales
        else:
            pytest.fail(f"unexpected mistake {kind}")
    assert len(seen) == len(mistakes) == 12
    # Of all the mistakes, only the misspelled level is a value the loader cannot read.
    level = next(m for m in mistakes if m["column"] == REGISTERS_BY_KEY["repairs"].field("fault_level").label(lang))
    assert [(i.code, i.cell) for i in ds.report.issues] == [("value.enum", level["cell"])]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_finds_exactly_the_planted_mistakes(lang: str) -> None:
    validation = pytest.importorskip("sheetdesk.validation")
    result = validation.validate_files([FILES[lang]], as_of=dt.datetime(2026, 11, 16))
    found = sorted((i.sheet, i.cell, i.severity) for i in result.report.issues)
    # The fee on an in-warranty repair is a warranty rule: `check` finds it, not `validate`.
    fee = REGISTERS_BY_KEY["repairs"].field("fee_charged").label(lang)
    planted = sorted((m["sheet"], m["cell"], m["severity"]) for m in readme_mistakes(lang) if m["column"] != fee)
    assert found == planted


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_examples_have_realistic_holds(datasets: dict[str, Dataset], lang: str) -> None:
    ds = datasets[lang]
    holds, repairs = ds.tables["holds"], ds.repairs
    assert repairs is not None and len(holds) >= 6
    records = list(holds.records())
    assert {h["reason"] for h in records} >= {"waiting_parts", "waiting_customer", "customer_unavailable"}
    tickets = [h["ticket_no"] for h in records]
    assert any(tickets.count(t) == 2 for t in tickets)  # a ticket held twice
    resolved = dict(zip(repairs.column("ticket_no"), repairs.column("resolved_at"), strict=True))
    reported = dict(zip(repairs.column("ticket_no"), repairs.column("reported_at"), strict=True))
    assert any(h["hold_until"] is None and resolved[h["ticket_no"]] is None for h in records)  # still on hold
    for h in records:  # every hold inside its ticket's time, started in office hours
        assert reported[h["ticket_no"]] <= h["hold_from"]
        assert dt.time(9) <= h["hold_from"].time() <= dt.time(17, 30) and h["hold_from"].weekday() < 5
        if h["hold_until"] is not None:
            assert h["hold_from"] < h["hold_until"] <= (resolved[h["ticket_no"]] or dt.datetime.max)
    assert {s["service_area"] for s in ds.sales.records()} == {"本市" if lang == "zh" else "Local"}  # type: ignore[union-attr]
