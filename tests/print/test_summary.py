"""The Summary sheet (汇总): titled chart axes, whole-number counts, a monthly
total row, fault levels as the sheet writes them, "level missing" apart
from "not a repair", planned-visit compliance when the policy plans visits."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.checking.summary import count_step
from sheetdesk.rules.kpis import NOT_A_REPAIR, RepairRecord, compute_kpis
from sheetdesk.rules.policy import Settings
from sheetdesk.schema.enums import FAULT_LEVEL
from tests.print.books import AS_OF, EXAMPLE, chart_xml, checked_example

AXIS_TITLES = {  # per chart, in part order: (category axis, value axis); the examples have holds and plan visits
    "zh": [("网点", "达标率"), ("保修状态", "报修数"), ("月份", "比率"), ("暂停原因", "小时"), ("网点", "比率"),
           ("巡检类型", "比率")],
    "en": [("Branch", "Compliance"), ("Warranty status", "Repairs"), ("Month", "Rate"), ("Reason", "Hours"),
           ("Branch", "Rate"), ("Kind", "Rate")],
}


@pytest.fixture(scope="module", params=["zh", "en"])
def summary(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    lang = request.param
    out = checked_example(lang, tmp_path_factory.mktemp(f"summary-{lang}"))
    kpis = check_files([EXAMPLE[lang]], as_of=dt.datetime.fromisoformat(AS_OF)).to_json()["kpis"]
    ws = openpyxl.load_workbook(out)["汇总" if lang == "zh" else "Summary"]
    return {"lang": lang, "out": out, "kpis": kpis, "rows": [list(r) for r in ws.iter_rows(values_only=True)]}


def _axis_title(xml: str, axis: str) -> str:
    element = re.search(rf"<c:{axis}>(.*?)</c:{axis}>", xml, re.S)
    assert element is not None, axis
    title = re.search(r"<c:title>.*?<a:t>(.*?)</a:t>", element[1], re.S)
    assert title is not None, f"{axis} has no title"
    return title[1]


def test_every_chart_has_both_axes_titled_in_the_workbook_language(summary: dict[str, Any]) -> None:
    charts = chart_xml(summary["out"])
    assert len(charts) == 6
    assert [(_axis_title(x, "catAx"), _axis_title(x, "valAx")) for x in charts] == AXIS_TITLES[summary["lang"]]


def test_the_warranty_counts_step_by_whole_numbers(summary: dict[str, Any]) -> None:
    bars = chart_xml(summary["out"])[1]
    values = re.search(r"<c:valAx>(.*?)</c:valAx>", bars, re.S)
    assert values is not None
    unit = re.search(r'<c:majorUnit val="([^"]+)"/>', values[1])
    assert unit is not None and float(unit[1]).is_integer() and float(unit[1]) >= 1
    assert '<c:numFmt formatCode="0"' in values[1]
    largest = max(summary["kpis"]["overall"]["warranty_status"].values())
    assert int(float(unit[1])) == count_step(largest)


def test_count_steps_are_whole_and_few() -> None:
    assert [count_step(n) for n in (0, 1, 3, 8, 9, 17, 40, 41, 81, 400, 1000)] == [1, 1, 1, 1, 2, 5, 5, 10, 20, 50, 200]
    for n in range(0, 5000, 7):
        step = count_step(n)
        assert n / step <= 8 and (step == 1 or n / step > 8 / 5)


def test_the_monthly_record_ends_with_a_total_row_of_sums_and_recomputed_rates(summary: dict[str, Any]) -> None:
    zh = summary["lang"] == "zh"
    rows, months = summary["rows"], summary["kpis"]["monthly_callbacks"]
    first = next(i for i, r in enumerate(rows) if r[0] == months[0]["month"])
    assert [r[0] for r in rows[first : first + len(months)]] == [m["month"] for m in months]
    total = rows[first + len(months)]
    assert total[0] == ("合计" if zh else "Total")
    keys = ("resolved", "callbacks_due", "done", "late", "missing", "pending", "satisfied", "basically_satisfied",
            "dissatisfied")
    sums = {k: sum(m[k] for m in months) for k in keys}
    assert total[1:10] == [sums[k] for k in keys]
    answered, rated = sums["done"] + sums["late"], sums["satisfied"] + sums["basically_satisfied"] + sums["dissatisfied"]
    # rates from the sums (to 4 places, as every rate), not an average of the months' rates
    assert total[10] == round(answered / (answered + sums["missing"]), 4)
    assert total[11] == round(sums["done"] / (answered + sums["missing"]), 4)
    assert total[12] == round((sums["satisfied"] + sums["basically_satisfied"]) / rated, 4)
    # the total is no month: the line chart stops at the last month
    line = chart_xml(summary["out"])[2]
    assert f"$A${first + 1}:$A${first + len(months)}" in line


def test_fault_levels_read_as_the_sheet_writes_them_and_the_blank_ones_are_told_apart(summary: dict[str, Any]) -> None:
    lang, rows, groups = summary["lang"], summary["rows"], summary["kpis"]["by_fault_level"]
    start = next(i for i, r in enumerate(rows) if r[0] == ("按故障级别" if lang == "zh" else "By fault level")) + 2
    table = {r[0]: r[1] for r in rows[start:] if r[0] is not None and r[1] is not None}
    levels = [k for k in groups if k not in ("", NOT_A_REPAIR)]
    assert levels and all(FAULT_LEVEL.label(k, lang) in table for k in levels)
    if lang == "zh":
        assert "二级" in table and "II" not in table
    missing, other = ("(未填故障级别)", "(非报修：投诉、咨询、维护)") if lang == "zh" else \
        ("(level missing)", "(not a repair: complaints, consultations, maintenance)")
    assert table[other] == groups[NOT_A_REPAIR]["repairs"] > 0  # the examples hold complaints and consultations
    if "" in groups:
        assert table[missing] == groups[""]["repairs"]


def test_kpis_group_repairs_without_a_level_apart_from_what_is_not_a_repair() -> None:
    def record(kind: str | None, level: str | None) -> RepairRecord:
        return RepairRecord(statuses={"response": "met"}, request_type=kind, fault_level=level)

    kpis = compute_kpis([record("repair", "II"), record(None, None), record("repair", None),
                         record("complaint", None), record("consultation", "II"), record("maintenance", None)],
                        Settings())
    assert {k: g["repairs"] for k, g in kpis["by_fault_level"].items()} == {"II": 1, "": 2, NOT_A_REPAIR: 3}
    assert kpis["overall"]["repairs"] == 6


def test_planned_visit_compliance_by_branch_technician_and_kind(summary: dict[str, Any]) -> None:
    zh = summary["lang"] == "zh"
    rows, visits = summary["rows"], summary["kpis"]["visits"]
    heads = ["各网点计划巡检", "各人员计划巡检", "各类型计划巡检"] if zh else [
        "Planned visits by branch", "Planned visits by technician", "Planned visits by kind"]
    starts = [next(i for i, r in enumerate(rows) if r[0] == head) for head in heads]
    header = rows[starts[0] + 1]
    assert header[:9] == (["网点", "计划次数", "按时完成", "逾期完成", "未完成", "待完成", "未开始", "完成率", "按时完成率"]
                          if zh else ["Branch", "Planned", "Done", "Late", "Missing", "Due", "Upcoming",
                                      "Completion rate", "On-time rate"])  # fmt: skip
    for start, grouping in zip(starts, ("by_branch", "by_technician", "by_kind"), strict=True):
        groups = visits[grouping]
        body = rows[start + 2 : start + 2 + len(groups)]  # named groups, then the blank one (nobody yet)
        named = [g for n, g in groups.items() if n] + [g for n, g in groups.items() if not n]
        assert [(r[1], r[7], r[8]) for r in body] == [(g["planned"], g["rate"], g["on_time_rate"]) for g in named]
        total = rows[start + 2 + len(groups)]
        assert total[0] == ("合计" if zh else "Total") and total[1] == visits["overall"]["planned"]
    kinds = [r[0] for r in rows[starts[2] + 2 : starts[2] + 2 + len(visits["by_kind"])]]
    assert kinds == (["巡检", "回访"] if zh else ["Inspection", "Return Visit"])
