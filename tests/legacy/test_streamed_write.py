"""A large import is written streamed (xlsxwriter's constant-memory mode, register rows as
sheet XML directly): every sheet must read back exactly as the in-memory workbook does,
and the direct rows must be the bytes xlsxwriter's own calls would write."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.io import annotate_xml
from sheetdesk.io.reader import read_workbook
from sheetdesk.legacy import import_legacy, write_import
from tests.helpers.direct_rows import record_direct_rows, zip_parts
from tests.legacy import layouts as L
from tests.legacy.test_realworld import source


def _logs(tmp_path: Path) -> list[tuple[Path, str]]:
    return [
        (L.merged_header_xlsx(tmp_path / "merged.xlsx"), "repairs"),  # a summary row rejected, carried cells
        (L.gbk_csv(tmp_path / "gbk.csv"), "repairs"),
        (L.sales_xlsx(tmp_path / "sales.xlsx"), "sales"),
        (source("xiepeiheng__"), "repairs"),  # a public GBK log of machine faults
        (source("openrepair__"), "repairs"),  # English, free text with quotes, ampersands, line breaks
    ]


def _sheets(path: Path) -> dict[str, list[list[object]]]:
    return {s.name: s.rows for s in read_workbook(path).sheets}


def test_a_streamed_import_reads_back_as_the_in_memory_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    direct = record_direct_rows(monkeypatch)
    for n, (log, kind) in enumerate(_logs(tmp_path)):
        result = import_legacy(log, kind)
        assert result.records
        in_memory = write_import(result, tmp_path / f"{n}-memory.xlsx", constant_memory=False)
        streamed = write_import(result, tmp_path / f"{n}-streamed.xlsx", constant_memory=True)
        assert _sheets(streamed) == _sheets(in_memory), log.name
        monkeypatch.setattr(annotate_xml, "ENABLED", False)  # xlsxwriter's own calls for every row
        by_calls = write_import(result, tmp_path / f"{n}-calls.xlsx", constant_memory=True)
        monkeypatch.setattr(annotate_xml, "ENABLED", True)
        assert zip_parts(streamed) == zip_parts(by_calls), log.name
    assert direct.count(True) > 1000  # the register rows were written directly


def test_only_a_large_log_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = import_legacy(L.gbk_csv(tmp_path / "gbk.csv"), "repairs")
    chosen: list[bool] = []
    import sheetdesk.legacy.write as write

    real = write.new_workbook
    monkeypatch.setattr(write, "new_workbook", lambda path, **kw: chosen.append(kw["constant_memory"]) or real(path, **kw))
    write_import(result, tmp_path / "small.xlsx")
    monkeypatch.setattr(write, "CONSTANT_MEMORY_ROWS", len(result.records) - 1)
    write_import(result, tmp_path / "large.xlsx")
    assert chosen == [False, True]
