"""The extent of an .ods before calamine reads it: repeated rows and cells counted, not trusted.

ODS compresses a run of equal cells into one `<table:table-cell
table:number-columns-repeated="N">` and a run of equal rows into one
`table:number-rows-repeated`. calamine copies a cell with content N times
(and its text with it), and a row with content once per repetition, so a
1 KB file can ask for 99 million cells. Empty cells and rows at the end of
a line are not copied (LibreOffice pads every sheet to 1,024 columns and a
million rows that way). This walk counts exactly what calamine will build,
matching its tag names literally, as calamine does.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.calamine import short
from sheetdesk.io.reading.ooxml import UNREADABLE
from sheetdesk.io.reading.refs import column_letters
from sheetdesk.io.reading.zipparts import chunks

_TAG = re.compile(
    rb"<(/?)(table:table-row|table:table-cell|table:covered-table-cell|table:table|text:s)(?=[\s/>])([^>]*?)(/?)>"
)
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Attributes that give a cell a value in calamine (office:value-type="string" reads the text).
_VALUED = (b"office:value", b"office:string-value", b"office:date-value", b"office:time-value",
           b"office:boolean-value", b"table:formula")  # fmt: skip

TOO_FAR = Msg(
    "sheet '{sheet}' repeats its cells out to row {rows:,} and column {col}: {cells:,} cells, more than sheetdesk "
    "reads ({limit:,}); delete the repeated cells far below or to the right of the data and save again",
    "工作表“{sheet}”的重复单元格延伸到第 {rows:,} 行、{col} 列，共 {cells:,} 个单元格，超过 sheetdesk 可读取的上限"
    "（{limit:,}）；请删除数据下方或右侧远处的重复单元格后重新保存",
)
TOO_MUCH_TEXT = Msg(
    "sheet '{sheet}' repeats its text into {size:,.0f} MiB, more than sheetdesk reads ({limit:,.0f} MiB)",
    "工作表“{sheet}”的重复文本展开后达 {size:,.0f} MiB，超过 sheetdesk 可读取的上限（{limit:,.0f} MiB）",
)


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    found: dict[bytes, bytes] = {}
    for m in _ATTR.finditer(raw):
        found.setdefault(m[1], m[2] if m[2] is not None else m[3] or b"")
    return found


def _count(value: bytes | None) -> int:
    """A repeat count as calamine parses it (an unsigned integer; anything else is its error, read as 1)."""
    if value is None:
        return 1
    text = value[1:] if value.startswith(b"+") else value
    return int(text) if text.isdigit() else 1


class _Table:
    def __init__(self, name: str) -> None:
        self.name = name
        self.row = 0  # rows so far, repetitions counted
        self.rows = self.cols = 0  # the grid calamine builds, from A1
        self.text = 0  # bytes of text after repetition


def scan_ods(path: Path) -> None:
    """InputError when a sheet's repeated cells or text would not fit; nothing otherwise."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = next((i for i in zf.infolist() if i.filename == "content.xml"), None)
            if info is not None:
                _walk(path, zf, info)
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError, zlib.error) as exc:
        raise InputError(path, UNREADABLE, reason=short(exc)) from exc


def _walk(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    table: _Table | None = None
    row_repeats = 1
    length = position = 0  # the row's stored cells, and where the next cell goes
    cell_repeats, cell_valued, cell_text_from, cell_spaces = 1, False, -1, 0
    tail, base = b"", 0
    for chunk in chunks(zf, info):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > 1024**2:
            cut = len(data)
        for m in _TAG.finditer(data, 0, cut):
            closing, name, raw, empty = m[1] == b"/", m[2], m[3], m[4] == b"/"
            if name == b"table:table":
                if not closing:
                    table = _Table(_attrs(raw).get(b"table:name", b"").decode("utf-8", "replace"))
                if closing or empty:
                    table = None
                continue
            if table is None:
                continue
            if name == b"table:table-row":
                if not closing:
                    row_repeats, length, position = _count(_attrs(raw).get(b"table:number-rows-repeated")), 0, 0
                if closing or empty:
                    if length:
                        table.rows = table.row + row_repeats
                        table.cols = max(table.cols, length)
                        _check(path, table)
                    table.row += row_repeats
            elif name == b"text:s":
                if cell_text_from >= 0 and not closing:
                    cell_spaces += _count(_attrs(raw).get(b"text:c"))
            else:  # a cell or a covered cell
                if not closing:
                    attrs = _attrs(raw)
                    cell_repeats = _count(attrs.get(b"table:number-columns-repeated"))
                    cell_valued = any(k in attrs for k in _VALUED) or attrs.get(b"office:value-type") == b"string"
                    cell_text_from, cell_spaces = base + m.end(), 0
                if closing or empty:
                    position += cell_repeats
                    if cell_valued:
                        length = position
                        text = (base + m.start() - cell_text_from if not empty else 0) + cell_spaces
                        table.text += text * cell_repeats * row_repeats
                        if table.text > limits.MAX_TEXT_BYTES:
                            raise InputError(
                                path, TOO_MUCH_TEXT, sheet=table.name, size=table.text / 1024**2,
                                limit=limits.MAX_TEXT_BYTES / 1024**2,
                            )  # fmt: skip
                        if length * row_repeats > limits.MAX_GRID_CELLS:  # one row alone is too long
                            table.rows, table.cols = table.row + row_repeats, length
                            _check(path, table)
                    cell_text_from = -1
        tail = data[cut:]
        base += cut


def _check(path: Path, table: _Table) -> None:
    cells = table.rows * table.cols
    if cells > limits.MAX_GRID_CELLS:
        raise InputError(
            path, TOO_FAR, sheet=table.name, rows=table.rows, col=column_letters(min(table.cols, 10**6)),
            cells=cells, limit=limits.MAX_GRID_CELLS,
        )  # fmt: skip
