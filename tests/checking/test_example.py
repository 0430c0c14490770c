"""`sheetdesk check` on the bundled example workbooks (zh and en), read back like a clerk would."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.checking import check_files
from sheetdesk.io.xlsx import STATUS_FILL
from sheetdesk.schema import REPAIRS, SALES, VISITS
from sheetdesk.schema.computed import (
    NEXT_VISIT_DUE,
    REPAIRS_COMPUTED,
    SALES_COMPUTED,
    STATUS_LABELS,
    VISIT_STATUS_LABELS,
    VISITS_COMPUTED,
    status_label,
)
from tests.checking.books import chart_parts, columns_by_label, fill_of, header_row, run

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"
FILES = {"zh": "service_desk_example.xlsx", "en": "service_desk_example.en.xlsx"}
SHEETS = {"zh": ("销售登记", "维修记录", "回访记录", "巡检记录"), "en": ("Sales", "Repairs", "Callbacks", "Visits")}
AS_OF = "2026-11-01T00:00:00"
RED, AMBER, GREEN = (STATUS_FILL[s].lstrip("#").upper() for s in ("breached", "pending", "met"))

SPEC_REPAIR_KEYS = {
    "ticket_no", "warranty_status", "billable", "expected_fee", "replacement_eligible", "loaner_required",
    "response_due", "response_status", "response_over_minutes", "plan_due", "plan_status", "plan_over_minutes",
    "on_site_due", "on_site_status", "on_site_over_minutes", "resolve_due", "resolve_status",
    "resolve_over_minutes", "callback_due", "callback_status",
    # SPEC §8
    "sla_rule", "response_held_minutes", "plan_held_minutes", "on_site_held_minutes", "resolve_held_minutes",
}
SPEC_SALE_KEYS = {"serial_no", "warranty_status", "start", "free_until", "paid_until", "next_visit_due"}


def minutes_in(words: str | None) -> int | None:
    """`56天11小时30分` / `56d 11h 30m` / `74h 9m` back to minutes."""
    if words is None:
        return None
    m = re.fullmatch(r"(?:(\d+)(?:d|天) ?)?(?:(\d+)(?:h|小时) ?)?(?:(\d+)(?:m|分))?", words)
    assert m is not None and words, words
    days, hours, mins = (int(g or 0) for g in m.groups())
    return days * 1440 + hours * 60 + mins


def planted(lang: str) -> set[tuple[str, str, str]]:
    """(severity, sheet, cell) of each planted mistake, from the generated README's table."""
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## `{FILES[lang]}`")[1].split("\n## ")[0]
    rows = re.findall(r"^\| \d+ \| (\S+) \| ([A-Z]+\d+) \|.*\| (error|warning) \|$", section, re.M)
    assert len(rows) >= 5, "the README lists the planted mistakes"
    return {(severity, sheet, cell) for sheet, cell, severity in rows}


@dataclass
class Checked:
    lang: str
    source: Path
    out: Path
    code: int
    stdout: str
    json_code: int
    document: dict[str, Any]
    library: dict[str, Any]
    book: openpyxl.Workbook


@pytest.fixture(scope="module", params=["zh", "en"])
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Checked:
    lang = request.param
    folder = tmp_path_factory.mktemp(f"example-{lang}")
    source = Path(shutil.copy(EXAMPLES / FILES[lang], folder / FILES[lang]))
    code, stdout, err = run(source, "--as-of", AS_OF)
    assert err == ""
    out = source.with_name(source.stem + ".checked.xlsx")
    json_code, json_out, _ = run(source, "--as-of", AS_OF, "--json")
    library = check_files([source], as_of=dt.datetime(2026, 11, 1)).to_json(lang)  # messages: the workbook's
    return Checked(lang, source, out, code, stdout, json_code, json.loads(json_out), library,
                   openpyxl.load_workbook(out))


def test_planted_mistakes_exit_1_and_are_reported_at_their_cells(checked: Checked) -> None:
    assert checked.code == 1 and checked.json_code == 1
    found = {(i["severity"], i["sheet"], i["cell"]) for i in checked.document["issues"]}
    assert found == planted(checked.lang)  # every planted mistake, and nothing on the clean rows
    severity_word = {"zh": {"error": "错误", "warning": "警告"}, "en": {"error": "error", "warning": "warning"}}
    for severity, sheet, cell in planted(checked.lang):
        line = next(x for x in checked.stdout.splitlines() if f"{sheet}!{cell} " in x)
        assert line.split()[0] == severity_word[checked.lang][severity]


# Without a language in the locale, the terminal speaks the workbook's language.
TERMINAL = {
    "zh": ("截至 2026-11-01 00:00:00", ["级别", "位置", "代码", "说明"], "8 个错误，4 个警告（共 1 个文件）",
           "服务时限达标率：响应 ", "已写出批注工作簿："),
    "en": ("As of 2026-11-01 00:00:00", ["SEVERITY", "LOCATION", "CODE", "MESSAGE"], "8 errors, 4 warnings in 1 file",
           "SLA compliance: response ", "Annotated workbook written to "),
}


def test_terminal_output_prints_as_of_kpis_and_the_output(checked: Checked) -> None:
    as_of, header, summary, sla, written = TERMINAL[checked.lang]
    lines = checked.stdout.splitlines()
    assert lines[0] == as_of
    assert lines[1].split() == header
    assert summary in lines
    assert any(x.startswith(sla) for x in lines)
    assert lines[-1] == f"{written}{checked.out}"


def test_issue_table_columns_line_up_with_chinese_locations(checked: Checked) -> None:
    """The CODE column starts at the same terminal column on every line (Chinese = 2 columns)."""
    from sheetdesk.cli.show import display_width

    lines = checked.stdout.splitlines()
    table = lines[1:1 + 1 + len(checked.document["issues"])]
    code_header = TERMINAL[checked.lang][1][2]
    starts = {display_width(x[: x.index(code)]) for x, code in
              zip(table, [code_header, *(i["code"] for i in checked.document["issues"])], strict=True)}
    assert len(starts) == 1


def test_json_equals_the_library_and_has_every_spec_field(checked: Checked) -> None:
    doc = checked.document
    assert doc == checked.library
    assert doc["as_of"] == "2026-11-01T00:00:00" and doc["valid"] is False
    assert {"valid", "as_of", "stats", "issues", "sales", "repairs", "visits", "kpis"} <= doc.keys()
    assert doc["repairs"] and all(set(r) == SPEC_REPAIR_KEYS for r in doc["repairs"])
    assert doc["sales"] and all(set(s) == SPEC_SALE_KEYS for s in doc["sales"])
    issue_keys = {"severity", "code", "sheet", "row", "column", "cell", "value", "message"}
    assert all(issue_keys <= i.keys() for i in doc["issues"])
    statuses = {r["resolve_status"] for r in doc["repairs"]}
    assert {"met", "breached"} <= statuses


def test_computed_columns_appended_in_the_sheets_language(checked: Checked) -> None:
    lang = checked.lang
    sales_name, repairs_name, _, visits_name = SHEETS[lang]
    first_label = (SALES.field("serial_no").label(lang), REPAIRS.field("ticket_no").label(lang))
    # the example carries a maintenance plan (its 维护计划 / Maintenance sheet): sales show the next visit due.
    # It has holds, and the built-in policy pauses the resolve target only and has no SLA conditions.
    shown = [f for f in REPAIRS_COMPUTED if not f.only_with or f.key == "resolve_held_minutes"]
    for name, computed, first in ((sales_name, (*SALES_COMPUTED, NEXT_VISIT_DUE), first_label[0]),
                                  (repairs_name, shown, first_label[1]),
                                  (visits_name, VISITS_COMPUTED, first_label[0])):
        ws = checked.book[name]
        header = header_row(ws, first)
        labels = [c.value for c in ws[header]]
        while labels and labels[-1] is None:
            labels.pop()
        tail = labels[-len(computed):]
        assert tail == [f.label(lang) for f in computed]
        inputs = labels[: -len(computed)]
        assert all(label is not None for label in inputs)  # appended right after the input columns
        fill = fill_of(ws.cell(header, len(inputs) + 1))
        assert fill is not None and fill != fill_of(ws.cell(header, 1))  # a distinct header style


def test_visit_rows_show_the_occurrence_they_fulfilled(checked: Checked) -> None:
    lang = checked.lang
    ws = checked.book[SHEETS[lang][3]]
    header = header_row(ws, SALES.field("serial_no").label(lang))
    cols = columns_by_label(ws, header)
    status_col, due_col = (cols[f.label(lang)] for f in VISITS_COMPUTED)
    at_col = cols[VISITS.field("visit_at").label(lang)]
    shown = {}
    for r in range(header + 1, ws.max_row + 1):
        at = ws.cell(r, at_col).value
        if at is not None:
            shown.setdefault((ws.cell(r, 1).value, at.isoformat()), []).append(
                (ws.cell(r, status_col).value, ws.cell(r, due_col).value))
    fulfilled = [v for v in checked.document["visits"] if v["visit_at"] is not None]
    assert fulfilled and {v["status"] for v in fulfilled} == {"done", "late"}
    for v in fulfilled:  # each visit that fulfilled an occurrence says so, with its due date, coloured
        label = status_label(v["status"], lang, VISIT_STATUS_LABELS)
        assert (label, dt.datetime.fromisoformat(v["due"])) in shown[(v["serial_no"], v["visit_at"])]
    labels = {s for rows in shown.values() for s, _ in rows}
    assert status_label("unplanned", lang, VISIT_STATUS_LABELS) in labels  # the planted unknown serial
    statuses = {v["status"] for v in checked.document["visits"]}
    assert {"done", "late", "missing", "due"} <= statuses
    sales_next = [s["next_visit_due"] for s in checked.document["sales"] if s["next_visit_due"]]
    assert sales_next and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in sales_next)


def repair_cells(checked: Checked) -> tuple[Any, int, dict[str, int]]:
    ws = checked.book[SHEETS[checked.lang][1]]
    header = header_row(ws, REPAIRS.field("ticket_no").label(checked.lang))
    return ws, header, columns_by_label(ws, header)


def test_computed_values_and_status_colours_match_the_json(checked: Checked) -> None:
    ws, header, cols = repair_cells(checked)
    lang = checked.lang
    label = {f.key: f.label(lang) for f in REPAIRS_COMPUTED}
    colours = {"breached": RED, "overdue": RED, "missing": RED, "late": RED, "met": GREEN, "done": GREEN,
               "pending": AMBER}
    seen: set[str] = set()
    for i, rep in enumerate(checked.document["repairs"]):
        r = header + 1 + i
        assert ws.cell(r, 1).value == rep["ticket_no"]
        callback = ws.cell(r, cols[label["callback_status"]])
        assert callback.value == status_label(rep["callback_status"], lang)
        if rep["callback_status"] in colours:
            assert fill_of(callback) == colours[rep["callback_status"]]
            seen.add(rep["callback_status"])
        for target in ("response", "plan", "on_site", "resolve"):
            status = rep[f"{target}_status"]
            cell = ws.cell(r, cols[label[f"{target}_status"]])
            if status is None:
                assert cell.value is None
                continue
            assert cell.value == status_label(status, lang)
            if status in colours:
                assert fill_of(cell) == colours[status], (cell.coordinate, status)
                seen.add(status)
            due = ws.cell(r, cols[label[f"{target}_due"]]).value
            assert (due.isoformat() if due else None) == rep[f"{target}_due"]
            over = ws.cell(r, cols[label[f"{target}_over_minutes"]]).value
            assert minutes_in(over) == rep[f"{target}_over_minutes"]  # the JSON's minutes, in words
        warranty = ws.cell(r, cols[label["warranty_status"]]).value
        assert warranty == (status_label(rep["warranty_status"], lang) if rep["warranty_status"] else None)
        assert ws.cell(r, cols[label["billable"]]).value == status_label(rep["billable"], lang)
        assert ws.cell(r, cols[label["expected_fee"]]).value == rep["expected_fee"]
    assert {"breached", "met", "done", "missing"} <= seen
    if checked.lang == "zh":  # three tickets still open and not yet due on 2026-11-01
        assert "pending" in seen


def test_flagged_cells_have_a_fill_and_a_comment(checked: Checked) -> None:
    for issue in checked.document["issues"]:
        cell = checked.book[issue["sheet"]][issue["cell"]]
        assert cell.comment is not None
        assert issue["message"] in cell.comment.text  # the JSON and the comments speak the workbook's language
        assert fill_of(cell) == ("FFC7CE" if issue["severity"] == "error" else "FFEB9C")


def test_issues_sheet_lists_every_issue_with_a_link(checked: Checked) -> None:
    ws = checked.book["问题清单" if checked.lang == "zh" else "Issues"]
    rows = [r for r in ws.iter_rows(min_row=2) if any(c.value is not None for c in r)]
    assert len(rows) == len(checked.document["issues"])
    links = [c.hyperlink for r in rows for c in r if c.hyperlink is not None]
    assert len(links) >= len(rows)


def test_summary_has_the_kpi_tables_and_native_charts(checked: Checked) -> None:
    ws = checked.book["汇总" if checked.lang == "zh" else "Summary"]
    text = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    zh = checked.lang == "zh"
    for title in (("月度电话回访记录", "按故障级别", "按网点", "按维修人员", "总体") if zh else
                  ("Monthly callback record", "By fault level", "By branch", "By technician", "Overall")):
        assert title in text
    months = [m["month"] for m in checked.document["kpis"]["monthly_callbacks"]]
    assert months and set(months) <= text  # one row per month of the monthly callback record
    branches = set(checked.document["kpis"]["by_branch"])
    assert branches - {""} <= text
    assert ws["B2"].value == dt.datetime(2026, 11, 1)  # as of
    assert len(ws._charts) >= 2
    assert len(chart_parts(checked.out)) >= 2


def test_summary_figures_are_the_kpis(checked: Checked) -> None:
    ws = checked.book["汇总" if checked.lang == "zh" else "Summary"]
    overall = checked.document["kpis"]["overall"]
    values = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 20)}
    repairs, resolved = (("报修数", "已修复") if checked.lang == "zh" else ("Repairs", "Resolved"))
    assert values[repairs] == overall["repairs"] and values[resolved] == overall["resolved"]
    sat = "满意率" if checked.lang == "zh" else "Satisfaction rate"
    assert values[sat] == pytest.approx(overall["satisfaction"]["rate"])


def test_warranty_labels_cover_every_status() -> None:
    assert {"return", "exchange", "free", "paid", "expired", "excluded", "unknown"} <= STATUS_LABELS.keys()
