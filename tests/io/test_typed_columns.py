"""The column-planned writer (`write_columns`) writes the very cells `write_value`
writes one at a time: same type, value and format, the same blanks, the same
cuts, in memory and in constant-memory mode. Both workbooks' sheet XML is read
back: each cell's reference, style, type and stored text (shared strings
looked up), so that a serial number one bit off would show. In constant-memory
mode the two files are the same bytes, whole rows written directly
(`annotate_xml.DirectRows`) or not."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sheetdesk.io.typed_columns import Column, write_columns
from sheetdesk.io.xlsx import EXCEL_MAX_CELL_CHARS, Formats, new_workbook, write_value
from tests.helpers.direct_rows import record_direct_rows, zip_parts

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True, width=32),
    st.sampled_from([float("nan"), float("inf"), -0.0]),
    st.text(alphabet="ab 中-", max_size=6),
    st.sampled_from([" lead", "trail ", "a & <b>", "<r>rich</r>", "_x0041_", "ctrl\x01", "tab\tand\nline", "x" * 20_000]),
    st.just("x" * (EXCEL_MAX_CELL_CHARS + 3)),
    st.dates(min_value=dt.date(1899, 12, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1899, 12, 1), max_value=dt.datetime(2100, 1, 1)),
    st.times(),
)
# Mostly one kind per column, as registers are, with odd cells mixed in.
kinds = st.sampled_from([
    st.text(alphabet="ab 中", min_size=1, max_size=5), st.integers(-1000, 1000), st.floats(-1e6, 1e6),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1)).map(lambda d: d.replace(microsecond=0)),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
])  # fmt: skip
FORMATS = [None, {"num_format": "@"}, {"num_format": "yyyy-mm-dd"}, {"num_format": "yyyy-mm-dd hh:mm"}]


@st.composite
def columns(draw: st.DrawFn) -> tuple[int, list[dict[str, Any]]]:
    n = draw(st.integers(0, 8))
    drawn = []
    for _ in range(draw(st.integers(1, 4))):
        main = draw(kinds)
        cells = draw(st.lists(st.one_of(st.none(), main, main, values), min_size=n, max_size=n))
        varying = draw(st.booleans())
        drawn.append({
            "values": cells,
            "fmt": draw(st.sampled_from(range(len(FORMATS)))),
            "formats": draw(st.lists(st.sampled_from(range(len(FORMATS))), min_size=n, max_size=n)) if varying else None,
            "blanks": draw(st.booleans()),
            "by_value": frozenset(draw(st.sets(st.integers(0, max(n - 1, 0)), max_size=2))) if n else frozenset(),
        })  # fmt: skip
    return n, drawn


NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cells(path: Path) -> dict[str, tuple[Any, ...]]:
    with zipfile.ZipFile(path) as zf:
        sheet = ElementTree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
        shared = []
        if "xl/sharedStrings.xml" in zf.namelist():
            sst = ElementTree.fromstring(zf.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{NS}t")) for si in sst.iter(f"{NS}si")]
    found = {}
    for c in sheet.iter(f"{NS}c"):
        kind, v = c.get("t", "n"), c.find(f"{NS}v")
        text = v.text if v is not None else None
        if kind == "s":
            kind, text = "str", shared[int(text or 0)]
        elif kind == "inlineStr":
            kind, text = "str", "".join(t.text or "" for t in c.iter(f"{NS}t"))
        found[c.get("r", "")] = (c.get("s"), kind, text)
    return found


def _write(
    path: Path, n: int, drawn: list[dict[str, Any]], *, planned: bool, constant_memory: bool, whole_rows: bool = False
) -> list[Any]:
    wb = new_workbook(path, constant_memory=constant_memory)
    formats = Formats(wb)
    made = [formats.get(**props) if props else None for props in FORMATS]
    ws = wb.add_worksheet("S")
    cols = [
        Column(c, d["values"], made[d["fmt"]], None if d["formats"] is None else [made[f] for f in d["formats"]],
               d["blanks"], d["by_value"])
        for c, d in enumerate(drawn)
    ]  # fmt: skip
    if planned:
        cuts: list[Any] = write_columns(ws, 2, n, cols, whole_rows=whole_rows)
    else:  # what the callers did before: one write_value per cell, in row order
        cuts = []
        for i in range(n):
            for column in cols:
                value = column.values[i]
                if value is None and not column.blanks and i not in column.by_value:
                    continue
                if write_value(ws, 2 + i, column.col, value, column.format_at(i)):
                    cuts.append((i, column.col))
    wb.close()
    return cuts


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns(), st.booleans(), st.booleans())
def test_planned_columns_write_the_cells_write_value_writes(
    tmp_path: Path, drawn: tuple[int, list[dict[str, Any]]], constant_memory: bool, whole_rows: bool
) -> None:
    n, cols = drawn
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    cuts_a = _write(a, n, cols, planned=True, constant_memory=constant_memory, whole_rows=whole_rows)
    cuts_b = _write(b, n, cols, planned=False, constant_memory=constant_memory)
    assert cuts_a == cuts_b
    assert _cells(a) == _cells(b)
    if constant_memory:
        assert zip_parts(a) == zip_parts(b)


def test_whole_rows_of_a_constant_memory_sheet_are_written_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The direct path is taken (the property above would pass without it), and leaves rows
    holding what it does not write to the typed calls."""
    answers = record_direct_rows(monkeypatch)
    drawn = [
        {"values": ["a", None, True, "b"], "fmt": 1, "formats": None, "blanks": True, "by_value": frozenset()},
        {"values": [1.5, 2, 3, None], "fmt": 0, "formats": [0, 2, 3, 2], "blanks": True, "by_value": frozenset({1})},
    ]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _write(a, 4, drawn, planned=True, constant_memory=True, whole_rows=True)
    assert answers == [True, True, False, True]  # the boolean's row: xlsxwriter's path
    _write(b, 4, drawn, planned=False, constant_memory=True)
    assert zip_parts(a) == zip_parts(b)
    answers.clear()
    _write(a, 4, drawn, planned=True, constant_memory=True)  # not whole rows: never directly
    assert answers == []
