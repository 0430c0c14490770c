"""A workbook without Visits, and a policy without Maintenance, give exactly the results sheetdesk gave
before planned visits existed (issue #16).

Before: `golden/example_before_visits.*.json`, the `check --json` of the bundled examples as computed by
main at commit 2d96275 (holds, no visits), and `golden/example_before_visits_cells.*.json`, the annotated
workbook it wrote, cell by cell (a digest per row: tests/helpers/cells.py). After: the same examples
today with their Visits and Maintenance sheets taken away (the generator writes both after everything
else, so what remains is the old example cell for cell). Every value the old JSON had is the same and
the new keys say nothing happened; every cell of every sheet is the same. A policy spelled without a
Maintenance sheet, or with an empty one, gives the same JSON and cells as the built-in one.
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
from sheetdesk.schema import VISITS
from sheetdesk.schema.policy import DEFAULT_POLICY_ROWS, MAINTENANCE
from tests.checking.test_no_holds_same_results import same
from tests.helpers.books import write_book
from tests.helpers.cells import row_digests

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "workbook_templates" / "examples"
FILES = {"zh": EXAMPLES / "service_desk_example.xlsx", "en": EXAMPLES / "service_desk_example.en.xlsx"}
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.datetime(2026, 11, 16)


def without_visits(lang: str, folder: Path) -> Path:
    """The bundled example as it was before visits: no Visits sheet, no Maintenance policy sheet."""
    wb = openpyxl.load_workbook(FILES[lang])
    for sheet in (VISITS, MAINTENANCE):
        del wb[sheet.name(lang)]
    path = folder / f"before.{lang}.xlsx"  # the name the golden files were made with
    wb.save(path)
    return path


def golden(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    document.pop("_about")
    return document


@pytest.fixture(scope="module", params=["zh", "en"])
def before(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    lang = request.param
    folder = tmp_path_factory.mktemp(f"before-visits-{lang}")
    book = without_visits(lang, folder)
    result = check_files([book], as_of=AS_OF)
    return {"lang": lang, "folder": folder, "book": book, "result": result, "doc": result.to_json()}


def test_every_value_is_what_it_was_before_visits(before: dict[str, Any]) -> None:
    doc = dict(before["doc"])
    doc["issues"] = [{k: i[k] for k in ("severity", "code", "sheet", "row", "column", "cell")} for i in doc["issues"]]
    assert same(golden(f"example_before_visits.{before['lang']}.json"), doc) == []


def test_the_new_keys_say_nothing_happened(before: dict[str, Any]) -> None:
    doc = before["doc"]
    assert doc["visits"] == [] and "visits" not in doc["kpis"] and "visits" not in doc["stats"]["rows"]
    assert {s["next_visit_due"] for s in doc["sales"]} == {None}
    assert set(doc) - set(golden(f"example_before_visits.{before['lang']}.json")) == {"visits"}


def test_every_cell_is_what_it_was_before_visits(before: dict[str, Any]) -> None:
    lang, folder = before["lang"], before["folder"]
    out = write_checked(before["result"], folder / f"before.{lang}.checked.xlsx")
    assert row_digests(out) == golden(f"example_before_visits_cells.{lang}.json")


def policy_book(folder: Path, name: str, *, maintenance: bool) -> Path:
    """The built-in policy written as a policy workbook, with an empty Maintenance sheet or without one."""
    sheets = {key: rows for key, rows in DEFAULT_POLICY_ROWS.items() if maintenance or key != "maintenance"}
    return write_book(folder / name, sheets)


def test_a_policy_without_maintenance_or_with_an_empty_one_gives_the_same_json_and_cells(
    before: dict[str, Any],
) -> None:
    folder, book = before["folder"], before["book"]
    write_checked(before["result"], folder / "built_in.xlsx")
    for name, maintenance in (("no_plan_sheet.xlsx", False), ("empty_plan.xlsx", True)):
        other = check_files([book], policy=policy_book(folder, name, maintenance=maintenance), as_of=AS_OF)
        assert other.to_json() == before["doc"], name
        write_checked(other, folder / f"checked.{name}")
        assert row_digests(folder / f"checked.{name}") == row_digests(folder / "built_in.xlsx"), name
