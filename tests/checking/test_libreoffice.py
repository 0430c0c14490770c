"""A real client: LibreOffice opens `check`'s workbook for the zh example and saves it again intact."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.checking.books import chart_parts, run
from tests.helpers.libreoffice import convert, require_libreoffice

EXAMPLE = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples" / "service_desk_example.xlsx"


def values(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    """The sheet's values, without the empty formatted rows and columns a client may add."""
    ws = openpyxl.load_workbook(path)[sheet]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if v is not None), default=0) for r in rows), default=0)
    return [tuple(r[:width]) for r in rows]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    require_libreoffice()
    folder = tmp_path_factory.mktemp("lo")
    source = Path(shutil.copy(EXAMPLE, folder / EXAMPLE.name))
    out = folder / "checked.xlsx"
    code, _, err = run(source, "--as-of", "2026-11-01T00:00:00", "-o", out)
    assert code == 1 and err == ""
    return out, convert(out, "xlsx", folder / "lo")


def test_libreoffice_keeps_the_summary_and_its_charts(converted: tuple[Path, Path]) -> None:
    ours, theirs = converted
    book = openpyxl.load_workbook(theirs)
    assert {"销售登记", "维修记录", "回访记录", "问题清单", "汇总"} <= set(book.sheetnames)
    parts = chart_parts(theirs)
    assert len(parts) >= len(chart_parts(ours)) >= 2
    with zipfile.ZipFile(theirs) as z:
        refs = " ".join(z.read(p).decode("utf-8") for p in parts)
    assert "汇总" in refs  # the charts still read the Summary tables
    assert values(theirs, "汇总") == values(ours, "汇总")


def test_libreoffice_reads_the_same_computed_values(converted: tuple[Path, Path]) -> None:
    ours, theirs = converted
    assert values(theirs, "维修记录") == values(ours, "维修记录")
    assert values(theirs, "销售登记") == values(ours, "销售登记")
