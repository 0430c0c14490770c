"""The Issues sheet (问题清单): in the workbook's language, rows as tall as
their text, a filter, and one page wide when printed."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sheetdesk.io.annotate import write_annotated
from sheetdesk.io.annotate_issues import LINE_POINTS, MAX_LINES
from sheetdesk.validation import validate_files
from tests.helpers.findings import declare_for_test
from tests.print.books import checked_example, sheetdesk
from tests.validation.books import AS_OF, chinese_book, english_book


def test_a_chinese_workbook_gets_a_chinese_issues_sheet_and_comments(tmp_path: Path) -> None:
    out = checked_example("zh", tmp_path)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["问题清单", "汇总"]
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("级别", "代码", "工作表", "单元格", "列", "值", "说明", "文件")
    assert {r[0] for r in rows[1:]} == {"错误", "警告"}
    for severity, _code, sheet, cell, *_ in rows[1:]:
        comment = wb[sheet][cell].comment
        assert comment is not None and comment.text.startswith(f"{severity}：")
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:H{len(rows)}"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0  # one page wide
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_an_english_workbook_keeps_english_names_and_comments(tmp_path: Path) -> None:
    out = checked_example("en", tmp_path)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["Issues", "Summary"]
    ws = wb["Issues"]
    first = next(ws.iter_rows(min_row=2, values_only=True))
    assert first[0] in ("error", "warning")  # as the JSON says it
    assert wb[first[2]][first[3]].comment.text.startswith(first[0].capitalize() + ": ")
    assert ws.oddFooter.center.text == "Page &P of &N"


@pytest.mark.parametrize("constant_memory", [False, True], ids=["in-memory", "constant-memory"])
def test_long_messages_wrap_in_rows_as_tall_as_their_text(tmp_path: Path, constant_memory: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "zh.xlsx", tmp_path / "out.xlsx"
    chinese_book(src)
    result = validate_files([src], as_of=AS_OF)
    report = result.report
    declare_for_test(monkeypatch, "note.long", "warning", "维修说明" * 50)
    declare_for_test(monkeypatch, "note.huge", "warning", "x" * 20_000)
    report.add("note.long", {"sheet": "维修记录", "row": 4, "col_index": 7, "file": str(src)})
    report.add("note.huge", {"sheet": "维修记录", "row": 5, "col_index": 7, "file": str(src)})
    write_annotated(out, result.dataset, report, constant_memory=constant_memory)
    ws = openpyxl.load_workbook(out)["问题清单"]
    rows = {ws.cell(r, 2).value: r for r in range(2, ws.max_row + 1)}
    message = ws.cell(rows["note.long"], 7)
    assert message.alignment.wrap_text and message.alignment.vertical == "top"
    # 200 Chinese characters are 400 widths, about 68 to a line of a column 70 wide: 6 lines, not one
    # line running over its neighbours
    assert ws.row_dimensions[rows["note.long"]].height == LINE_POINTS * 6 + 3
    assert ws.row_dimensions[rows["note.huge"]].height == LINE_POINTS * MAX_LINES + 3  # capped
    short = next(r for code, r in rows.items() if code == "range.negative")
    assert ws.row_dimensions[short].height is None  # one line: the default height


def test_a_sheet_already_named_like_an_added_one_keeps_its_name(tmp_path: Path) -> None:
    src = tmp_path / "zh.xlsx"
    chinese_book(src)
    book = openpyxl.load_workbook(src)
    book.create_sheet("问题清单").append(["我们自己的问题清单"])
    book.save(src)
    out = tmp_path / "out.xlsx"
    code, _, err = sheetdesk("validate", src, "-o", out)
    assert code == 1, err
    wb = openpyxl.load_workbook(out)
    assert wb["问题清单"]["A1"].value == "我们自己的问题清单"
    assert wb.sheetnames[-1] == "问题清单 (2)" and wb["问题清单 (2)"]["A1"].value == "级别"


def test_the_lang_option_names_the_added_sheets(tmp_path: Path) -> None:
    src, out = tmp_path / "en.xlsx", tmp_path / "out.xlsx"
    english_book(src)
    result = validate_files([src], as_of=AS_OF)
    write_annotated(out, result.dataset, result.report, lang="zh")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-1] == "问题清单" and wb["问题清单"]["A1"].value == "级别"
    assert wb["Sales"]["G4"].comment.text == "错误：用户单位为必填项，但为空"
