"""Clean register rows written as sheet XML directly (`sheetdesk.io.annotate_xml`) must make the
same file as xlsxwriter's own cell calls: every part of the two .xlsx files, byte for byte (but
the creation time), for check's annotated workbook in constant-memory mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from sheetdesk.checking import check_files
from sheetdesk.checking.columns import computed_columns
from sheetdesk.checking.summary import SummarySheet
from sheetdesk.io import annotate_xml
from sheetdesk.io.annotate import majority_lang, write_annotated
from sheetdesk.io.reader import read_workbook
from tests.helpers.direct_rows import record_direct_rows, zip_parts
from tests.validation.books import REPAIRS_EN, SALES_EN, repair, sale, write_book

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"

# Text that xlsxwriter escapes, marks or leaves to other paths, and values of every kind.
AWKWARD = [
    "  leading", "trailing  ", "\ttab", "line\nbreak", "crlf\r\n", 'a & b < c > d "q"', "_x0041_ literal",
    "ctrl\x01char", "<r>rich</r>", "<r>half", "half</r>", "全角　", "　全角", "emoji 😀", "x" * 20_000,
    "y" * 40_000, "plain", 0, -0.0, 1e20, 1.5e-10, 12345678901234567890, 3.141592653589793, -7, True,
    dt.date(2024, 2, 29), dt.datetime(2024, 5, 6, 7, 8, 9), dt.datetime(1900, 1, 15, 12, 0),
]


def _both_ways(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], ...]:
    result = check_files([src], as_of=dt.datetime(2025, 6, 1))
    assert result.evaluation is not None
    lang = majority_lang(result.dataset)
    computed = computed_columns(result.dataset, result.evaluation)
    written = []
    for direct in (False, True):
        monkeypatch.setattr(annotate_xml, "ENABLED", direct)
        out = tmp_path / f"out-{direct}.xlsx"
        summary = SummarySheet(result.evaluation.kpis, result.as_of, lang)
        write_annotated(out, result.dataset, result.report, computed=computed, summary=summary, lang=lang,
                        constant_memory=True)
        written.append(zip_parts(out))
    return tuple(written)


def _assert_same(xlsxwriter_parts: dict[str, bytes], direct_parts: dict[str, bytes]) -> None:
    assert list(direct_parts) == list(xlsxwriter_parts)
    for name, data in xlsxwriter_parts.items():
        assert direct_parts[name] == data, name


@pytest.mark.parametrize("book", ["service_desk_example.xlsx", "service_desk_example.en.xlsx"])
def test_the_examples_are_written_the_same_both_ways(book: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_same(*_both_ways(EXAMPLES / book, tmp_path, monkeypatch))


def test_awkward_values_are_written_the_same_both_ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sales: list[list[Any]] = [[*SALES_EN, "Extra"]]
    for n, value in enumerate(AWKWARD):
        row = sale(f"SN{n:03}", customer=value if isinstance(value, str) else "Acme")
        row[15] = value  # the notes column: text, numbers, dates of every kind
        sales.append([*row, value])  # a column the register does not know: carried as read
    sales.append([*sale("SN999"), None])
    repairs = [REPAIRS_EN, *(repair(f"T{n}", serial=f"SN{n:03}") for n in range(len(AWKWARD)))]
    src = write_book(tmp_path / "awkward.xlsx", {"Sales": sales, "Repairs": repairs})
    answers = record_direct_rows(monkeypatch)
    xlsxwriter_parts, direct_parts = _both_ways(src, tmp_path, monkeypatch)
    _assert_same(xlsxwriter_parts, direct_parts)
    assert True in answers and False in answers  # rows written directly, and rows left to xlsxwriter
    # The values did reach the sheet (calamine reads inline strings as text).
    rows = read_workbook(tmp_path / "out-True.xlsx").sheet("Sales").rows
    assert rows[1 + AWKWARD.index('a & b < c > d "q"')][16] == 'a & b < c > d "q"'
    assert rows[1 + AWKWARD.index("  leading")][16] == "  leading"


def test_direct_rows_write_only_constant_memory_sheets(tmp_path: Path) -> None:
    for constant_memory in (False, True):
        wb = xlsxwriter.Workbook(str(tmp_path / f"{constant_memory}.xlsx"), {"constant_memory": constant_memory})
        assert annotate_xml.supported(wb.add_worksheet()) is constant_memory
        wb.close()
