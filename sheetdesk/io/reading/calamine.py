"""The reading edge: python-calamine, and nothing it raises escapes as anything but an InputError.

calamine is a Rust library: a bug in it surfaces as `PanicException`, which
derives from `BaseException` (not `Exception`), so a plain `except Exception`
lets a 190-line traceback through. Everything except KeyboardInterrupt and
SystemExit is turned into one line here. (An allocation that fails inside
Rust aborts the process instead; the scans in this package keep calamine
from being asked for one.)
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading.model import RawSheet
from sheetdesk.report import Report

PASSWORD = Msg(
    "is password-protected (encrypted); remove the password and try again",
    "已加密（设置了密码）；请取消密码后重试",
)
CANNOT_READ = Msg("cannot be read as {kind}: {reason}", "无法按 {kind} 格式读取：{reason}")
READER_FAILED = Msg(
    "cannot be read as {kind}: the workbook reader failed ({reason}); open the file in Excel or LibreOffice and "
    "save it again",
    "无法按 {kind} 格式读取：读取程序出错（{reason}）；请用 Excel 或 LibreOffice 打开后重新保存",
)
TOO_BIG = Msg(
    "cannot be read as {kind}: there is not enough memory to read it",
    "无法按 {kind} 格式读取：内存不足",
)


# The suffixes calamine reads by name as each kind.
SUFFIXES = {
    "xlsx": {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"},
    "xlsm": {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam"},
    "xlsb": {".xlsb"},
    "xls": {".xls", ".xla"},
    "ods": {".ods"},
}


@dataclass(frozen=True)
class CellNote:
    """A cell to report and, for an error value, to read as blank (0-based row and column)."""

    sheet: str
    row: int
    col: int
    kind: str  # "error" or "not_date"
    value: str


def read_sheets(path: Path, kind: str, source: io.BytesIO | None = None) -> list[RawSheet]:
    """Every worksheet of the file (or of a rewritten copy in memory), as plain rows."""
    with reading_errors(path, kind):
        wb = open_workbook(path, kind, source)
        sheets = [raw_sheet(meta, wb.get_sheet_by_name(meta.name)) for meta in worksheets(wb)]
        wb.close()
    return sheets


def open_workbook(path: Path, kind: str, source: io.BytesIO | None = None) -> Any:
    """calamine's workbook for the file, or for a rewritten copy in memory.

    calamine picks its reader by the file's suffix when given a path and by
    the content when given a file object: a file named for another format
    (an .xlsx saved as .xls) is handed over as a file object.
    """
    import python_calamine as pc

    if source is not None:
        return pc.CalamineWorkbook.from_filelike(source)
    if path.suffix.lower() in SUFFIXES[kind]:
        return pc.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as fh:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))


def worksheets(wb: Any) -> list[Any]:
    """The metadata of the workbook's worksheets (not chart sheets), in workbook order."""
    return [meta for meta in wb.sheets_metadata if str(meta.typ) in ("SheetTypeEnum.WorkSheet", "WorkSheet")]


def raw_sheet(meta: Any, sheet: Any) -> RawSheet:
    """One sheet calamine has read, as plain rows."""
    rows = sheet.to_python(skip_empty_area=False)
    try:
        merged = list(sheet.merged_cell_ranges or [])
    except Exception:  # not every format reports merges
        merged = []
    visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
    return RawSheet(meta.name, rows, visible=visible, merged=merged)


@contextmanager
def reading_errors(path: Path, kind: str) -> Iterator[None]:
    """Whatever calamine raises inside, as one InputError."""
    import python_calamine as pc

    try:
        yield
    except pc.PasswordError as exc:
        raise InputError(path, PASSWORD) from exc
    except MemoryError as exc:
        raise InputError(path, TOO_BIG, kind=kind) from exc
    except pc.CalamineError as exc:  # corrupt parts, bad XML, ...
        raise InputError(path, CANNOT_READ, kind=kind, reason=short(exc)) from exc
    except (KeyboardInterrupt, SystemExit, InputError):
        raise
    except BaseException as exc:  # PanicException and anything else from inside the reader
        raise InputError(path, READER_FAILED, kind=kind, reason=short(exc)) from exc


def blank_errors(sheet: RawSheet, notes: Iterable[CellNote]) -> None:
    """Blank the sheet's error cells, before its rows are used (calamine reads some as text)."""
    for note in notes:
        if note.kind == "error" and note.sheet == sheet.name and note.row < len(sheet.rows):
            row = sheet.rows[note.row]
            if note.col < len(row):
                row[note.col] = ""


def apply_notes(path: Path, sheets: list[RawSheet], notes: Iterable[CellNote], report: Report) -> None:
    """Blank the error cells (`blank_errors`) and report every noted cell at its place."""
    notes = list(notes)
    for each in sheets:
        blank_errors(each, notes)
    by_name = {s.name: s for s in sheets}
    for note in notes:
        sheet = by_name.get(note.sheet)
        if sheet is None:
            continue
        value: Any = note.value  # an error cell: the error as it was written
        if note.kind != "error" and note.row < len(sheet.rows) and note.col < len(sheet.rows[note.row]):
            value = sheet.rows[note.row][note.col]
        where = {
            "sheet": note.sheet,
            "row": note.row + 1,
            "col_index": note.col,
            "value": note.value,
            "file": str(path),
        }
        code = "cell.error_value" if note.kind == "error" else "cell.not_a_date"
        report.add(code, where, value=value)


def short(exc: BaseException) -> str:
    """The first line of an exception's text, at most 200 characters."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
