"""Visits and a maintenance plan add to `check`'s output and change nothing else.

The bundled example carries a Visits sheet and a Maintenance policy sheet. Checked without them
(both sheets removed), it gives exactly what `check` gave before visits existed: no visit in the
JSON (`"visits": []`, `"next_visit_due": null`), no Next Visit Due column, no visit section in the
Summary. Checked with them, everything else (every sale, repair, KPI, finding and cell) is the same.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.checking.workbook import write_checked
from sheetdesk.schema import VISITS
from sheetdesk.schema.computed import NEXT_VISIT_DUE
from sheetdesk.schema.policy import MAINTENANCE

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
AS_OF = dt.datetime(2026, 11, 16)


def cells(ws: Any) -> dict[str, tuple[Any, ...]]:
    return {
        c.coordinate: (c.value, c.number_format, c.fill.fgColor.rgb, c.comment.text if c.comment else None)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.comment is not None
    }


@pytest.fixture(scope="module", params=["service_desk_example.en.xlsx", "service_desk_example.xlsx"])
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("invariance")
    full = Path(shutil.copy(EXAMPLES / request.param, folder / request.param))
    bare = folder / ("bare." + request.param)
    wb = openpyxl.load_workbook(full)
    lang = "en" if ".en." in request.param else "zh"
    for name in (VISITS.name(lang), MAINTENANCE.name(lang)):
        del wb[name]
    wb.save(bare)
    out: dict[str, Any] = {"lang": lang}
    for key, path in (("full", full), ("bare", bare)):
        result = check_files([path], as_of=AS_OF)
        out[key] = result.to_json()
        out[key + "_book"] = openpyxl.load_workbook(write_checked(result, folder / f"{key}.checked.xlsx"))
    return out


def test_without_visits_and_a_plan_nothing_about_visits_is_added(pair: dict[str, Any]) -> None:
    bare = pair["bare"]
    assert bare["visits"] == [] and {s["next_visit_due"] for s in bare["sales"]} == {None}
    assert "visits" not in bare["kpis"] and "visits" not in bare["stats"]["rows"]
    book = pair["bare_book"]
    sales = book.worksheets[0]
    assert NEXT_VISIT_DUE.label(pair["lang"]) not in [c.value for c in sales[1]]
    summary = book.worksheets[-1]
    assert not any("巡检" in str(c.value) or "visit" in str(c.value).lower() for row in summary.iter_rows()
                   for c in row if c.value is not None)  # fmt: skip


def test_with_visits_and_a_plan_everything_else_is_the_same(pair: dict[str, Any]) -> None:
    full, bare = pair["full"], pair["bare"]
    assert full["visits"] and any(s["next_visit_due"] for s in full["sales"])
    for sale in full["sales"]:
        sale["next_visit_due"] = None
    assert full["sales"] == bare["sales"] and full["repairs"] == bare["repairs"]
    assert {k: v for k, v in full["kpis"].items() if k != "visits"} == bare["kpis"]
    visit_sheet = VISITS.name(pair["lang"])
    def placed(issues: list[dict[str, Any]]) -> list[dict[str, Any]]:  # the two files' names differ
        return [{k: v for k, v in i.items() if k != "file"} for i in issues if i["sheet"] != visit_sheet]

    assert placed(full["issues"]) == placed(bare["issues"])
    # every cell of the register sheets but the one added column, and of the Summary above its visit section
    fb, bb = pair["full_book"], pair["bare_book"]
    for ws in bb.worksheets[:3]:
        theirs = cells(fb[ws.title])
        added = next((c.column_letter for c in fb[ws.title][1] if c.value == NEXT_VISIT_DUE.label(pair["lang"])),
                     None)  # fmt: skip
        assert {k: v for k, v in theirs.items() if added is None or not k.startswith(added)} == cells(ws), ws.title
    mine, theirs = cells(bb.worksheets[-1]), cells(fb.worksheets[-1])
    assert {k: theirs[k] for k in mine} == mine
