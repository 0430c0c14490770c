"""LibreOffice prints the annotated Chinese example to PDF: every page of
维修记录 shows the header and the ticket numbers, and the Issues sheet fits
on one page. The PDF's text is read with pdftotext (poppler-utils)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.helpers.libreoffice import convert, require_libreoffice
from tests.print.books import checked_example

TICKET = re.compile(r"BX\d{8}")


def require_pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found:
        return found
    if os.environ.get("SHEETDESK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("pdftotext (poppler-utils) is required here but not installed")
    pytest.skip("pdftotext (poppler-utils) not installed")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The printed pages' text by sheet (each page is headed by its sheet's name)."""
    require_libreoffice()
    pdftotext = require_pdftotext()
    folder = tmp_path_factory.mktemp("pdf")
    pdf = convert(checked_example("zh", folder), "pdf", folder / "lo")
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    by_sheet: dict[str, list[str]] = {}
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines:
            by_sheet.setdefault(lines[0], []).append(page)
    return by_sheet


def test_every_page_of_the_repair_log_shows_the_header_and_the_ticket_numbers(pages: dict[str, list[str]]) -> None:
    printed = pages["维修记录"]
    assert len(printed) > 1  # 94 rows and 42 columns do not fit one page at a readable size
    for n, page in enumerate(printed, start=1):
        assert "报修单号" in page, f"page {n} has no header"
        assert TICKET.search(page), f"page {n} has no ticket number"
        assert re.search(r"第 \d+ 页，共 \d+ 页", page)  # numbered through the whole printed workbook
    # the status columns print next to their ticket numbers, not on pages of their own
    assert any("修复状态" in page and TICKET.search(page) for page in printed)


def test_the_issues_sheet_prints_on_one_page(pages: dict[str, list[str]]) -> None:
    printed = pages["问题清单"]
    assert len(printed) == 1  # the example's 10 findings
    assert "说明" in printed[0] and "维修记录" in printed[0]


def test_every_sheet_is_printed(pages: dict[str, list[str]]) -> None:
    registers = {"销售登记", "维修记录", "回访记录", "暂停记录", "巡检记录", "问题清单", "汇总"}
    assert registers <= set(pages)
    # the example's maintenance plan (维护计划) is carried by value: its page starts with its header row
    [plan] = set(pages) - registers
    assert plan.split()[:2] == ["产品类别", "巡检类型"]
