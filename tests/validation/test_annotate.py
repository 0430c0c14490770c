"""The annotated workbook read back: values at their cells, fills and
comments on flagged cells, the Issues sheet with links, computed columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from sheetdesk.io.annotate import ComputedColumn, write_annotated
from sheetdesk.io.reader import read_workbook
from sheetdesk.io.xlsx import COMPUTED_HEADER_STYLE, REQUIRED_HEADER_STYLE, SEVERITY_FILL, STATUS_FILL
from sheetdesk.schema import REPAIRS
from sheetdesk.validation import ValidationResult, validate_files
from tests.helpers.findings import declare_for_test
from tests.validation.books import AS_OF, REPAIRS_EN, SALES_EN, chinese_book, english_book, repair, sale, write_book


def rgb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def annotate(src: Path, out: Path, **kwargs: Any) -> ValidationResult:
    result = validate_files([src], as_of=AS_OF)
    write_annotated(out, result.dataset, result.report, **kwargs)
    return result


@pytest.fixture(params=[False, True], ids=["in-memory", "constant-memory"])
def constant_memory(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_every_value_stays_at_its_cell(tmp_path: Path, constant_memory: bool) -> None:
    src = tmp_path / "en.xlsx"
    english_book(src)
    annotate(src, tmp_path / "out.xlsx", constant_memory=constant_memory)
    before, after = read_workbook(src), read_workbook(tmp_path / "out.xlsx")
    assert [s.name for s in after.sheets] == ["Sales", "Repairs", "Callbacks", "Notes", "Issues"]
    for sheet in before.sheets:
        assert after.sheet(sheet.name).rows == sheet.rows, sheet.name


def test_flagged_cells_have_a_fill_and_the_message_as_comment(tmp_path: Path, constant_memory: bool) -> None:
    src, out = tmp_path / "en.xlsx", tmp_path / "out.xlsx"
    english_book(src)
    result = annotate(src, out, constant_memory=constant_memory)
    wb = openpyxl.load_workbook(out)
    for issue in result.report.issues:
        assert issue.sheet and issue.cell
        cell = wb[issue.sheet][issue.cell]
        assert cell.fill.fgColor.rgb == rgb(SEVERITY_FILL[issue.severity]), (issue.sheet, issue.cell)
        assert cell.comment is not None and issue.message in cell.comment.text
    assert wb["Sales"]["A2"].comment is None
    assert wb["Sales"]["A2"].fill.fgColor.rgb != rgb(SEVERITY_FILL["error"])
    # A blank required cell is still filled and commented.
    assert wb["Sales"]["G4"].value is None
    assert wb["Sales"]["G4"].comment.text == "Error: Customer is required but blank"


def test_issues_sheet_lists_every_issue_with_a_link_to_its_cell(tmp_path: Path) -> None:
    src, out = tmp_path / "en.xlsx", tmp_path / "out.xlsx"
    english_book(src)
    result = annotate(src, out)
    ws = openpyxl.load_workbook(out)["Issues"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Severity", "Code", "Sheet", "Cell", "Column", "Value", "Message", "File")
    assert len(rows) == len(result.report.issues) + 1
    for n, issue in enumerate(result.report.issues, start=2):
        severity, code, sheet, cell, _column, _value, message, file = rows[n - 1]
        assert (severity, code, sheet, cell, message, file) == (
            issue.severity, issue.code, issue.sheet, issue.cell, issue.message, "en.xlsx")
        assert ws.cell(n, 4).hyperlink.location == f"'{issue.sheet}'!{issue.cell}"
    by_cell = {(r[2], r[3]): r for r in rows[1:]}
    assert by_cell[("Repairs", "L3")][4:6] == ("Resolved At", dt.datetime(2025, 2, 28, 8, 0))
    assert by_cell[("Sales", "I3")][4:6] == ("Phone", "12345")


def test_register_sheets_keep_the_standard_look(tmp_path: Path) -> None:
    src, out = tmp_path / "zh.xlsx", tmp_path / "out.xlsx"
    chinese_book(src)
    annotate(src, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["维修记录"]
    assert ws.freeze_panes == "B4"  # below the header, right of the ticket number
    assert ws["A3"].value == REPAIRS.field("ticket_no").zh
    assert ws["A3"].fill.fgColor.rgb == rgb(REQUIRED_HEADER_STYLE["bg_color"])
    assert ws["C4"].number_format == "yyyy-mm-dd hh:mm"
    assert ws["R5"].value == -10  # a number typed as text is written as a number
    dropdowns = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation
                 if dv.type == "list"}
    assert '"电话,邮件,传真,上门,网站,来函"' == dropdowns["D4"]
    sales = wb["销售登记"]
    assert sales["A1"].value == "2025年销售登记表"  # title row carried
    assert sales["B2"].value == dt.datetime(2025, 5, 1)
    assert sales["A3"].value == "*出厂编号"  # the clerk's own header text
    assert "A1:F1" in {str(r) for r in sales.merged_cells.ranges}
    assert sales["E4"].number_format == "yyyy-mm-dd"


def test_formula_looking_text_stays_text(tmp_path: Path) -> None:
    src, out = tmp_path / "en.xlsx", tmp_path / "out.xlsx"
    english_book(src)
    annotate(src, out)
    wb = openpyxl.load_workbook(out)
    assert (wb["Sales"]["G5"].value, wb["Sales"]["G5"].data_type) == ("=SUM(A1)", "s")
    assert (wb["Notes"]["C3"].value, wb["Notes"]["C3"].data_type) == ("=SUM(B1:B2)", "s")
    assert not any(c.data_type == "f" for ws in wb for row in ws.iter_rows() for c in row)


def test_computed_columns_are_appended_with_labels_in_the_sheet_language(tmp_path: Path,
                                                                         constant_memory: bool) -> None:
    src, out = tmp_path / "zh.xlsx", tmp_path / "out.xlsx"
    chinese_book(src)
    result = validate_files([src], as_of=AS_OF)
    assert result.dataset.repairs is not None
    due = [dt.datetime(2025, 4, 1, 17, 0), None, dt.datetime(2025, 4, 2, 9, 0)]
    computed = {"repairs": [
        ComputedColumn("resolve_due", "Resolve Due", "修复时限", "datetime", due),
        ComputedColumn("resolve_status", "Resolve Status", "修复状态", "text", ["met", "breached", "pending"],
                       status=True, display={"met": "达标", "breached": "超时", "pending": "未到期"}.get),
    ]}
    write_annotated(out, result.dataset, result.report, computed=computed, constant_memory=constant_memory)
    ws = openpyxl.load_workbook(out)["维修记录"]
    assert (ws["X3"].value, ws["Y3"].value) == ("修复时限", "修复状态")
    assert ws["X3"].fill.fgColor.rgb == rgb(COMPUTED_HEADER_STYLE["bg_color"])
    assert [ws[f"X{r}"].value for r in (4, 5, 6)] == due
    assert ws["X4"].number_format == "yyyy-mm-dd hh:mm"
    assert [ws[f"Y{r}"].value for r in (4, 5, 6)] == ["达标", "超时", "未到期"]
    assert [ws[f"Y{r}"].fill.fgColor.rgb for r in (4, 5, 6)] == [
        rgb(STATUS_FILL["met"]), rgb(STATUS_FILL["breached"]), rgb(STATUS_FILL["pending"])]
    assert ws["X2"].value is None and ws["X1"].value is None  # title rows get no computed cells


def test_issues_outside_tables_and_several_on_one_cell(tmp_path: Path, constant_memory: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "zh.xlsx", tmp_path / "out.xlsx"
    chinese_book(src)
    result = validate_files([src], as_of=AS_OF)
    report, file = result.report, str(src)
    for code, severity, text in [("title.odd", "warning", "title row looks odd"),
                                 ("header.problem", "error", "header problem on the row"),
                                 ("extra.warning", "warning", "a second finding"),
                                 ("far.away", "warning", "beyond the data"),
                                 ("sheet.level", "error", "about the whole sheet"),
                                 ("workbook.level", "error", "about everything")]:
        declare_for_test(monkeypatch, code, severity, text)  # type: ignore[arg-type]
    report.add("title.odd", {"sheet": "销售登记", "row": 1, "col_index": 0, "file": file})
    report.add("header.problem", {"sheet": "维修记录", "row": 3, "file": file})
    report.add("extra.warning", {"sheet": "销售登记", "row": 5, "col_index": 0, "file": file})
    report.add("far.away", {"sheet": "回访记录", "row": 9, "col_index": 10, "file": file})
    report.add("sheet.level", {"sheet": "回访记录", "file": file})
    report.add("workbook.level")
    write_annotated(out, result.dataset, report, constant_memory=constant_memory)
    wb = openpyxl.load_workbook(out)
    # A Chinese workbook's comments start with 错误：/警告： (these test-only codes have one text).
    assert wb["销售登记"]["A1"].comment.text == "警告：title row looks odd"
    assert wb["维修记录"]["A3"].comment.text == "错误：header problem on the row"
    assert wb["维修记录"]["A3"].fill.fgColor.rgb == rgb(SEVERITY_FILL["error"])
    both = wb["销售登记"]["A5"]
    assert both.comment.text == ("• 错误：出厂编号 'SN100' 与第 4 行重复\n"
                                 "• 警告：a second finding")
    assert both.fill.fgColor.rgb == rgb(SEVERITY_FILL["error"])
    assert wb["回访记录"]["K9"].fill.fgColor.rgb == rgb(SEVERITY_FILL["warning"])
    issues = wb["问题清单"]
    rows = {r[1]: (r, n) for n, r in enumerate(issues.iter_rows(values_only=True), start=1)}
    assert rows["sheet.level"][0][3] == "回访记录"
    assert issues.cell(rows["sheet.level"][1], 4).hyperlink.location == "'回访记录'!A1"
    assert rows["header.problem"][0][3] == "第 3 行"
    assert issues.cell(rows["workbook.level"][1], 4).hyperlink is None
    assert issues["A1"].value == "级别"  # the Issues sheet speaks the registers' language


def test_sheet_names_are_kept_and_clashes_resolved(tmp_path: Path) -> None:
    a = write_book(tmp_path / "a.xlsx", {"Sales": [SALES_EN, sale("SN1", customer=None)],
                                         "Issues": [["our own issues list"]]})
    b = write_book(tmp_path / "b.xlsx", {"Repairs": [REPAIRS_EN, repair("T1", serial="SN1", description=None)],
                                         "Sales": [["old notes"]], "Summary": [["kept"]]})
    result = validate_files([a, b], as_of=AS_OF)
    called: list[str] = []

    def summary(workbook: Any, formats: Any, name: str) -> None:
        called.append(name)
        workbook.add_worksheet(name).write_string(0, 0, "KPIs", formats.header())

    out = tmp_path / "out.xlsx"
    write_annotated(out, result.dataset, result.report, summary=summary)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Sales", "Issues", "Repairs", "Sales (2)", "Summary", "Issues (2)", "Summary (2)"]
    assert called == ["Summary (2)"]
    assert wb["Issues"]["A1"].value == "our own issues list"
    assert wb["Sales (2)"]["A1"].value == "old notes"
    links = {(r[1].value, r[3].hyperlink.location) for r in wb["Issues (2)"].iter_rows(min_row=2)}
    # b.xlsx's "Sales" sheet is named like a register but has no header: its issue links to its copy.
    assert links == {("required", "'Sales'!G2"), ("required", "'Repairs'!H2"), ("sheet.no_header", "'Sales (2)'!A1")}


def test_text_longer_than_excel_allows_is_cut_with_a_warning(tmp_path: Path) -> None:
    src = write_book(tmp_path / "long.xlsx", {"Notes": [["short"]]})
    result = validate_files([src], as_of=AS_OF)
    result.dataset.workbooks[0].sheets[0].rows.append(["x" * 40_000])
    out = tmp_path / "out.xlsx"
    write_annotated(out, result.dataset, result.report)
    truncated = [i for i in result.report.issues if i.code == "cell.truncated"]
    assert [(i.sheet, i.cell) for i in truncated] == [("Notes", "A2")]
    ws = openpyxl.load_workbook(out)["Notes"]
    assert len(ws["A2"].value) == 32_767
    assert "cut to Excel's limit" in ws["A2"].comment.text


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    src = tmp_path / "en.xlsx"
    english_book(src)
    result = validate_files([src], as_of=AS_OF)

    def broken(workbook: Any, formats: Any, name: str) -> None:
        raise RuntimeError("chart failed")

    with pytest.raises(RuntimeError):
        write_annotated(tmp_path / "out.xlsx", result.dataset, result.report, summary=broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.xlsx"]


def test_values_and_formats_survive_in_clean_and_flagged_rows(tmp_path: Path, constant_memory: bool) -> None:
    """Clean rows are written a column at a time, flagged rows cell by cell:
    both give the same values, with dates as dates in their formats."""
    src, out = tmp_path / "mixed.xlsx", tmp_path / "out.xlsx"
    header = [*SALES_EN, "Visited", "Mixed"]
    rows: list[list[Any]] = [header]
    for n in range(6):
        row = sale(f"SN{n:03}", sold=dt.datetime(2024, 1, 10 + n, 9, 30, 0, 150_000 * n))
        rows.append([*row, dt.datetime(2025, 5, 1 + n, 8, 15), [7, "seven", dt.date(2025, 1, 7), 7.5, None, ""][n]])
    rows[2][6] = None  # a blank customer: row 3 takes the flagged path
    write_book(src, {"Sales": rows})
    result = annotate(src, out, constant_memory=constant_memory)
    assert any(issue.cell == "G3" for issue in result.report.issues)
    assert read_workbook(out).sheet("Sales").rows == read_workbook(src).sheet("Sales").rows
    ws = openpyxl.load_workbook(out)["Sales"]
    for r in range(2, 8):
        assert ws[f"E{r}"].number_format == "yyyy-mm-dd" and ws[f"E{r}"].is_date
        assert ws[f"Q{r}"].number_format == "yyyy-mm-dd hh:mm" and ws[f"Q{r}"].is_date
    assert ws["G3"].fill.fgColor.rgb == rgb(SEVERITY_FILL["error"])
    assert ws["R4"].is_date and ws["R2"].value == 7 and ws["R3"].value == "seven"
