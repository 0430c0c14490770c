"""Reading an .xlsx while the safety scan looks at its later sheets (`reading.overlap`).

The overlapped read must give what scanning everything first and then
reading gives, cell for cell and finding for finding, and calamine must
never be handed a sheet before the scan passed it.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sheetdesk.errors import InputError
from sheetdesk.io.reader import read_workbook
from sheetdesk.io.reading import ooxml, overlap
from tests.helpers.books import write_book
from tests.legacy.test_realworld import REALWORLD

FAR_CELL = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'  # a grid of 17 billion cells
SPILL = '<row r="90"><c r="A90" t="e"><v>#SPILL!</v></c></row>'  # an error calamine refuses: read from a copy
OLD_ERROR = '<row r="91"><c r="B91" t="e"><v>#N/A</v></c></row>'  # one it reads: no copy needed
NOT_A_DATE = '<row r="92"><c r="C92" s="1"><v>-5</v></c></row>'  # date-formatted, negative


def three_sheets(path: Path, *, extra: dict[int, str] | None = None) -> Path:
    """Sales, Repairs and Callbacks of a few rows; `extra` XML appended to sheet N's sheetData."""
    day = dt.datetime(2026, 3, 2, 9, 30)
    sheets = {
        "Sales": [["Serial No", "Sale Date", "Customer"], *[[f"SN{i:04}", day.date(), f"客户{i}"] for i in range(40)]],
        "Repairs": [
            ["Ticket No", "Serial No", "Reported At", "Fault Level"],
            *[[f"T{i:04}", f"sn{i:04}", day + dt.timedelta(hours=i), "一般"] for i in range(60)],
        ],
        "Callbacks": [["Ticket No", "Callback At", "Satisfaction"], *[[f"T{i:04}", day, 5] for i in range(30)]],
    }
    write_book(path, sheets, merges={"Repairs": [(70, 0, 71, 2)]})
    if extra:
        _append_xml(path, extra)
    return path


def _append_xml(path: Path, extra: dict[int, str]) -> None:
    with zipfile.ZipFile(path) as zin:
        parts = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            for n, xml in extra.items():
                if info.filename == f"xl/worksheets/sheet{n}.xml":
                    data = data.replace(b"</sheetData>", xml.encode() + b"</sheetData>")
            zout.writestr(info, data)


def read_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(overlapped, scan-then-read) for the file: sheets and findings, or the error's text."""
    results = []
    for enabled in (True, False):
        monkeypatch.setattr(overlap, "ENABLED", enabled)
        try:
            book = read_workbook(path)
        except InputError as exc:
            results.append(("error", str(exc)))
            continue
        sheets = [(s.name, s.rows, s.visible, s.merged) for s in book.sheets]
        findings = [(i.code, i.sheet, i.cell, i.value) for i in book.findings.issues]
        results.append((sheets, findings, book.uncarried))
    return results[0], results[1]


class Spy:
    """Every sheet calamine was asked for on the reading thread; `fail` names one whose reading panics."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, fail: str | None = None) -> None:
        self.asked: list[str] = []
        self.asked_for = {name: threading.Event() for name in ("Sales", "Repairs", "Callbacks")}
        real = overlap.open_workbook
        spy = self

        class Workbook:
            def __init__(self, wb: Any) -> None:
                self.wb = wb
                self.sheets_metadata = wb.sheets_metadata

            def get_sheet_by_name(self, name: str) -> Any:
                spy.asked.append(name)
                spy.asked_for[name].set()
                if name == fail:
                    raise Panic("called `Option::unwrap()` on a `None` value")
                return self.wb.get_sheet_by_name(name)

            def close(self) -> None:
                self.wb.close()

        monkeypatch.setattr(overlap, "open_workbook", lambda *args: Workbook(real(*args)))


    def give_time_before_scanning(self, monkeypatch: pytest.MonkeyPatch, part: str, sheet: str) -> None:
        """Before the scan looks at `part`, give the reading thread time to ask for `sheet` (it must not)."""
        real = ooxml._scan_part

        def scan_part(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Any:
            if info.filename == part:
                self.asked_for[sheet].wait(timeout=0.5)
            return real(path, zf, info)

        monkeypatch.setattr(ooxml, "_scan_part", scan_part)


class Panic(BaseException):
    """Stands for pyo3's PanicException, which derives from BaseException."""


@pytest.fixture(autouse=True)
def no_thread_left() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert set(threading.enumerate()) <= before, "the reading thread outlived the read"


@pytest.mark.parametrize(
    "extra",
    [None, {2: OLD_ERROR}, {2: SPILL}, {3: NOT_A_DATE}, {1: SPILL, 3: OLD_ERROR}],
    ids=["plain", "known-error", "unknown-error", "not-a-date", "two-sheets-odd"],
)
def test_the_same_sheets_and_findings_as_reading_after_the_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: dict[int, str] | None
) -> None:
    path = three_sheets(tmp_path / "desk.xlsx", extra=extra)
    overlapped, sequential = read_both_ways(path, monkeypatch)
    assert overlapped == sequential
    assert [name for name, *_ in overlapped[0]] == ["Sales", "Repairs", "Callbacks"]
    assert any(merged for *_, merged in overlapped[0])  # the merge on Repairs came through
    if extra:
        assert overlapped[1], "the odd cells are reported"


@pytest.mark.parametrize("name", sorted(p.name for p in REALWORLD.glob("*.xlsx")) or ["(none)"])
def test_the_same_on_the_public_real_world_logs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not (REALWORLD / name).is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{REALWORLD} has no .xlsx log; CI must have shared/ beside the checkout")
        pytest.skip(f"{REALWORLD} has no .xlsx log")
    overlapped, sequential = read_both_ways(REALWORLD / name, monkeypatch)
    assert overlapped == sequential
    assert overlapped[0] and any(rows for _name, rows, *_ in overlapped[0])


def test_sheets_the_scan_cannot_name_are_read_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the part -> sheet names (a workbook part it cannot parse), calamine waits for the whole scan."""
    monkeypatch.setattr(ooxml, "sheet_names", lambda *_args: {})
    overlapped, sequential = read_both_ways(three_sheets(tmp_path / "desk.xlsx"), monkeypatch)
    assert overlapped == sequential and len(overlapped[0]) == 3


def test_a_sheet_is_never_read_before_the_scan_passed_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second sheet reaches too far: the file is refused as before, and calamine never saw that sheet."""
    path = three_sheets(tmp_path / "far.xlsx", extra={2: FAR_CELL})
    overlapped, sequential = read_both_ways(path, monkeypatch)
    assert overlapped == sequential and overlapped[0] == "error"
    assert "sheet 'Repairs' reaches row 1,048,576" in overlapped[1]

    spy = Spy(monkeypatch, fail="Repairs")  # were it asked, it would not allocate the grid (calamine aborts)
    spy.give_time_before_scanning(monkeypatch, "xl/worksheets/sheet2.xml", "Repairs")
    monkeypatch.setattr(overlap, "ENABLED", True)
    with pytest.raises(InputError):
        read_workbook(path)
    assert "Repairs" not in spy.asked and "Callbacks" not in spy.asked


def test_a_sheet_to_be_rewritten_is_read_from_the_copy_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error calamine refuses, on the second sheet: calamine reads that sheet only from the rewritten copy."""
    path = three_sheets(tmp_path / "spill.xlsx", extra={2: SPILL})
    spy = Spy(monkeypatch)
    spy.give_time_before_scanning(monkeypatch, "xl/worksheets/sheet3.xml", "Repairs")
    monkeypatch.setattr(overlap, "ENABLED", True)
    book = read_workbook(path)
    assert "Repairs" not in spy.asked  # the copy is read by `read_sheets`, not the reading thread
    assert [(i.code, i.cell, i.value) for i in book.findings.issues] == [("cell.error_value", "A90", "#SPILL!")]


def test_a_panic_on_the_reading_thread_is_one_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = three_sheets(tmp_path / "desk.xlsx")
    spy = Spy(monkeypatch, fail="Repairs")
    monkeypatch.setattr(overlap, "ENABLED", True)
    with pytest.raises(InputError, match=r"the workbook reader failed \(called `Option::unwrap\(\)`"):
        read_workbook(path)
    assert spy.asked[:2] == ["Sales", "Repairs"]


# --- the registers read while calamine reads the next sheet (`load.prepare_tables`) ---

EXAMPLES = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples"


def load_both_ways(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int]:
    """(with sheets prepared as they are read, without), as comparable values; and how many tables were prepared."""
    from sheetdesk.io import load

    prepared = 0
    real = load.read_table

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal prepared
        prepared += 1
        return real(*args, **kwargs)

    results = []
    for prepare in (True, False):
        with monkeypatch.context() as patch:
            if prepare:
                patch.setattr(load, "read_table", counted)
            else:
                patch.setattr(load, "prepare_tables", lambda *_args: None)
            dataset = load.load_dataset(paths)
        tables = {
            key: (str(t.file), t.sheet_name, t.location, t.rows, t.values, t.raw) for key, t in dataset.tables.items()
        }
        issues = [(i.code, i.file, i.sheet, i.cell, i.value) for i in dataset.report.issues]
        assert all(not s.prepared for wb in dataset.workbooks for s in wb.sheets)  # nothing left behind
        results.append((tables, issues, dataset.policy_sheets))
    return results[0], results[1], prepared


def test_registers_read_as_each_sheet_arrives_are_the_registers_read_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = three_sheets(tmp_path / "odd.xlsx", extra={1: OLD_ERROR, 2: SPILL, 3: NOT_A_DATE})
    for paths in ([odd], sorted(EXAMPLES.glob("*.xlsx"))[:1], [three_sheets(tmp_path / "plain.xlsx"), odd]):
        with_prepared, without, read = load_both_ways(paths, monkeypatch)
        assert with_prepared == without
        assert with_prepared[0], "registers were found"
        # Each register read once: a second file's copy of a register is reported, not read.
        assert read == len(with_prepared[0]), paths


def test_a_sheet_recognised_alone_but_not_taken_is_read_in_vain_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two sheets that each look like the repairs register: both are read as they arrive, one is taken."""
    day = dt.datetime(2026, 3, 2, 9, 30)
    repairs = [["Ticket No", "Serial No", "Reported At", "Fault Level"], *[[f"T{i}", f"S{i}", day, "一般"] for i in range(9)]]
    fewer = [["Ticket No", "Serial No", "Reported At"], *[[f"T{i}", f"S{i}", day] for i in range(5)]]
    path = write_book(tmp_path / "two.xlsx", {"Log A": fewer, "Log B": repairs})
    with_prepared, without, read = load_both_ways([path], monkeypatch)
    assert with_prepared == without
    assert with_prepared[0]["repairs"][1] == "Log B" and read == 2
