"""A workbook without Holds, and a policy without the new sheets and columns, give exactly the
results sheetdesk gave before holds existed (SPEC §8).

Before: `golden/example_before_holds.*.json`, the `check --json` of the bundled examples as
computed by the code of commit 25a88ca (the last before holds), messages left out. After: the
same examples today, with their Holds sheet and Service Area column taken away (the generator
adds both after everything else, so what remains is the old example cell for cell). Every value
the old JSON had is the same; the new keys are neutral. And a policy spelled the old way (no
Pauses sheet, no condition or calendar columns) gives the same JSON and the same cells as the
built-in one.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.checking.workbook import write_checked
from sheetdesk.schema import HOLDS, SALES, VISITS
from sheetdesk.schema.policy import CALENDAR, DEFAULT_POLICY_ROWS, HOLIDAYS, MAINTENANCE, SLA, SLA_CONDITION_KEYS
from tests.helpers.books import write_book

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "workbook_templates" / "examples"
FILES = {"zh": EXAMPLES / "service_desk_example.xlsx", "en": EXAMPLES / "service_desk_example.en.xlsx"}
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.datetime(2026, 11, 16)
NEW_REPAIR_KEYS = {"sla_rule", *(f"{t}_held_minutes" for t in ("response", "plan", "on_site", "resolve"))}


def without_holds(lang: str, folder: Path) -> Path:
    """The bundled example as it was before holds: no Holds sheet, no Service Area column (and
    nothing added since: no Visits register, no Maintenance policy sheet)."""
    wb = openpyxl.load_workbook(FILES[lang])
    for sheet in (HOLDS, VISITS, MAINTENANCE):
        del wb[sheet.name(lang)]
    sales = wb[SALES.name(lang)]
    area = next(c.column for c in sales[1] if c.value == SALES.field("service_area").label(lang))
    sales.delete_cols(area)
    path = folder / f"before.{lang}.xlsx"
    wb.save(path)
    return path


def old_policy(folder: Path) -> Path:
    """The built-in policy written the way a policy workbook was written before holds."""
    old_columns = {"sla": len(SLA.fields) - len(SLA_CONDITION_KEYS), "calendar": len(CALENDAR.fields) - 1,
                   "holidays": len(HOLIDAYS.fields) - 1}  # fmt: skip
    sheets = {
        key: [row[: old_columns.get(key, len(row))] for row in rows]
        for key, rows in DEFAULT_POLICY_ROWS.items()
        if key not in ("pauses", "maintenance")
    }
    return write_book(folder / "old_policy.xlsx", sheets)


def same(before: Any, after: Any, path: str = "$") -> list[str]:
    """Where `after` differs from `before` on anything `before` has (keys `after` adds are not compared)."""
    if isinstance(before, dict):
        if not isinstance(after, dict):
            return [path]
        return [d for k, v in before.items() for d in ([f"{path}.{k}: missing"] if k not in after else
                                                        same(v, after[k], f"{path}.{k}"))]  # fmt: skip
    if isinstance(before, list):
        if not isinstance(after, list) or len(before) != len(after):
            return [f"{path}: length"]
        return [d for i, (a, b) in enumerate(zip(before, after, strict=True)) for d in same(a, b, f"{path}[{i}]")]
    return [] if before == after else [f"{path}: {before!r} != {after!r}"]


@pytest.fixture(scope="module", params=["zh", "en"])
def before(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    lang = request.param
    folder = tmp_path_factory.mktemp(f"before-{lang}")
    book = without_holds(lang, folder)
    result = check_files([book], as_of=AS_OF)
    return {"lang": lang, "folder": folder, "book": book, "result": result, "doc": result.to_json()}


def test_every_value_is_what_it_was_before_holds(before: dict[str, Any]) -> None:
    golden = json.loads((GOLDEN / f"example_before_holds.{before['lang']}.json").read_text(encoding="utf-8"))
    golden.pop("_about")
    doc = dict(before["doc"])
    doc["issues"] = [{k: i[k] for k in ("severity", "code", "sheet", "row", "column", "cell")} for i in doc["issues"]]
    assert same(golden, doc) == []


def test_the_new_keys_say_nothing_happened(before: dict[str, Any]) -> None:
    doc = before["doc"]
    assert "holds" not in doc["kpis"] and set(doc["stats"]["rows"]) == {"sales", "repairs", "callbacks"}
    for repair in doc["repairs"]:
        assert NEW_REPAIR_KEYS <= set(repair)
        for target in ("response", "plan", "on_site", "resolve"):
            held, status = repair[f"{target}_held_minutes"], repair[f"{target}_status"]
            assert held == (None if status in (None, "n/a") else 0)
            assert status != "paused"
        assert repair["sla_rule"] in (None, 2, 3, 4, 5, 6, 7)  # a row of the built-in SLA sheet
    assert all(counts["paused"] == 0 for counts in doc["kpis"]["overall"]["compliance"].values())


def cells(path: Path) -> dict[str, dict[str, Any]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: (c.value, c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None)
                       for row in ws.iter_rows() for c in row if c.value is not None} for ws in wb}  # fmt: skip


def test_a_policy_without_the_new_sheets_and_columns_gives_the_same_json_and_cells(before: dict[str, Any]) -> None:
    folder, book = before["folder"], before["book"]
    old = check_files([book], policy=old_policy(folder), as_of=AS_OF)
    assert old.to_json() == before["doc"]
    write_checked(before["result"], folder / "built_in.xlsx")
    write_checked(old, folder / "old_policy.xlsx")
    assert cells(folder / "old_policy.xlsx") == cells(folder / "built_in.xlsx")


def test_the_annotated_sheets_have_no_hold_or_rule_columns(before: dict[str, Any]) -> None:
    lang, folder = before["lang"], before["folder"]
    write_checked(before["result"], folder / "out.xlsx")
    wb = openpyxl.load_workbook(folder / "out.xlsx")
    labels = {str(c.value) for ws in wb for c in ws[1 if ws.title != ("维修记录" if lang == "zh" else "Repairs") else 2]}
    assert not labels & {"Resolve Held", "修复暂停", "SLA Rule (row)", "适用时限规则（行）", "Time Held", "暂停时长"}
    summary = {c.value for row in wb["汇总" if lang == "zh" else "Summary"].iter_rows() for c in row}
    assert not summary & {"Hold time by reason", "按暂停原因的暂停时长"}
