"""The BIFF records of an .xls that calamine trusts, checked before it reads them.

calamine reserves `rows x columns` cells from a sheet's DIMENSIONS record
(first row > last row wraps to four billion rows: the process aborts), builds
each sheet's grid out to its farthest cell record, sizes the shared-string
table from a count in the SST record, and copies a shared string into every
LABELSST cell that names it (`xls_sst.py` bounds those copies). This pass reads the records the same
way, refuses a file whose numbers do not fit, notes error cells, and fixes
the code page: calamine refuses DOS and Macintosh code pages (437, 850,
10008, ...) and garbles double-byte ones in BIFF5 files, so such a workbook
is read with its CODEPAGE record set to one calamine reads byte for byte
(windows-1252), and every text is decoded again with Python's codec.
"""

from __future__ import annotations

import codecs
import io
import struct
from dataclasses import dataclass, field
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.calamine import CellNote
from sheetdesk.io.reading.cfb import Cfb, CfbError
from sheetdesk.io.reading.refs import column_letters
from sheetdesk.io.reading.shared_text import TOO_MUCH_TEXT
from sheetdesk.io.reading.xls_sst import referred_bytes

DAMAGED = Msg("is a damaged .xls file ({reason})", "是损坏的 .xls 文件（{reason}）")
TOO_LARGE = Msg(
    "is {size:,.0f} MiB, larger than sheetdesk reads for an .xls ({limit:,.0f} MiB)",
    "大小为 {size:,.0f} MiB，超过 sheetdesk 可读取的 .xls 上限（{limit:,.0f} MiB）",
)
TOO_FAR = Msg(
    "sheet '{sheet}' {what} {rows:,} rows by {cols:,} columns: {cells:,} cells, more than sheetdesk reads "
    "({limit:,}); the file is damaged or was not written by a spreadsheet program",
    "工作表“{sheet}”{what} {rows:,} 行 × {cols:,} 列，共 {cells:,} 个单元格，超过 sheetdesk 可读取的上限（{limit:,}）；"
    "文件已损坏或并非由电子表格程序写出",
)
DECLARES = Msg("declares", "声明了")
REACHES = Msg("reaches", "延伸到")

# Code pages calamine reads as they are; any other is read as windows-1252 and decoded again here.
CALAMINE_CODEPAGES = frozenset(
    {1200, 1252, 65001, 936, 932, 949, 950, 866, 874, 10000, 10007, 28591, *range(1250, 1259)}
)
# In BIFF5 and older, text is bytes in the code page; calamine reads double-byte pages wrong.
SINGLE_BYTE_OK = frozenset({1252, 28591, 10000, 10007, 866, 874, *range(1250, 1259)})
PYTHON_CODECS = {
    10001: "shift_jis",
    10002: "big5",
    10003: "euc_kr",
    10004: "mac_arabic",
    10006: "mac_greek",
    10007: "mac_cyrillic",
    10008: "gb2312",
    10029: "mac_latin2",
    10079: "mac_iceland",
    10081: "mac_turkish",
    10000: "mac_roman",
    20127: "ascii",
    28591: "latin_1",
    65001: "utf-8",
    54936: "gb18030",
}
# Cell records calamine places on the grid: NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA.
_LABELSST = 0x00FD
_CELLS = frozenset({0x0203, 0x0204, 0x0205, 0x027E, _LABELSST, 0x0006})
_MULRK, _DIMENSIONS, _EOF, _BOF, _CODEPAGE, _BOUNDSHEET, _SST, _CONTINUE = (
    0x00BD, 0x0200, 0x000A, 0x0809, 0x0042, 0x0085, 0x00FC, 0x003C,
)  # fmt: skip
ERROR_NAMES = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
}


@dataclass
class XlsScan:
    notes: list[tuple[int, CellNote]] = field(default_factory=list)  # (sheet index, note)
    codepage: int | None = None
    codec: str | None = None  # set when the text must be decoded again with this Python codec
    source: io.BytesIO | None = None  # a rewritten copy for calamine, when the code page had to change


def python_codec(codepage: int) -> str | None:
    name = PYTHON_CODECS.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _records(stream: bytes, pos: int) -> list[tuple[int, int, bytes]]:
    """(type, offset of the data, data) from `pos` to the substream's EOF."""
    out = []
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4 : pos + 4 + size]
        out.append((kind, pos + 4, data))
        pos += 4 + size
        if kind == _EOF:
            break
    return out


def scan_xls(path: Path) -> XlsScan:
    size = path.stat().st_size
    if size > limits.MAX_XLS_BYTES:
        raise InputError(path, TOO_LARGE, size=size / 1024**2, limit=limits.MAX_XLS_BYTES / 1024**2)
    data = path.read_bytes()
    try:
        cfb = Cfb(data)
        name = "Workbook" if cfb.find("Workbook") is not None else "Book"
        stream, offsets, unit = cfb.stream(name)
    except CfbError as exc:
        raise InputError(path, DAMAGED, reason=str(exc)) from exc
    scan = XlsScan()
    globals_ = _records(stream, 0)
    biff8 = True
    sheets: list[tuple[int, str]] = []
    codepage_at = None
    sst: list[bytes] = []  # the shared-string table: the SST record's data and its CONTINUEs'
    for kind, at, rec in globals_:
        if kind == _BOF and len(rec) >= 2:
            biff8 = struct.unpack_from("<H", rec)[0] not in (0x0500, 0x0400, 0x0300, 0x0200, 0x0002, 0x0007)
            biff8 = biff8 and not (struct.unpack_from("<H", rec)[0] == 0 and rec[2:4] == b"\x00\x10")
        elif kind == _CODEPAGE and len(rec) >= 2:
            scan.codepage, codepage_at = struct.unpack_from("<H", rec)[0], at
        elif kind == _BOUNDSHEET and len(rec) >= 6:
            sheets.append((struct.unpack_from("<I", rec)[0], _sheet_name(rec, biff8, scan.codepage, len(sheets))))
        elif kind == _SST:
            sst = _check_sst(path, globals_, rec)
    string_refs: list[int] = []
    for index, (pos, label) in enumerate(sheets):
        if pos >= len(stream):
            raise InputError(path, DAMAGED, reason=f"sheet {label} starts beyond the end of the workbook stream")
        _scan_sheet(path, scan, index, label, _records(stream, pos), string_refs)
    if (copied := referred_bytes(sst, string_refs)) > limits.MAX_REFERENCED_TEXT_BYTES:
        raise InputError(path, TOO_MUCH_TEXT, size=copied / 1024**2, limit=limits.MAX_REFERENCED_TEXT_BYTES / 1024**2)
    if scan.codepage is not None and codepage_at is not None:
        _fix_codepage(scan, data, offsets, unit, codepage_at, biff8)
    return scan


def _sheet_name(rec: bytes, biff8: bool, codepage: int | None, index: int) -> str:
    """A BOUNDSHEET record's sheet name, for messages (#N when it cannot be read)."""
    cch = rec[6] if len(rec) > 6 else 0
    if biff8 and len(rec) > 7:
        raw = rec[8 : 8 + cch * (2 if rec[7] & 1 else 1)]
        name = raw.decode("utf-16-le" if rec[7] & 1 else "latin-1", "replace")
    else:
        name = rec[7 : 7 + cch].decode(python_codec(codepage or 1252) or "cp1252", "replace")
    return name.replace("\0", "") or f"#{index + 1}"


def _check_sst(path: Path, records: list[tuple[int, int, bytes]], rec: bytes) -> list[bytes]:
    """The SST's pieces; the string count calamine reserves must be possible in their bytes."""
    pieces = [rec]
    start = next(i for i, r in enumerate(records) if r[2] is rec)
    for kind, _at, more in records[start + 1 :]:
        if kind != _CONTINUE:
            break
        pieces.append(more)
    if len(rec) < 8:
        return pieces
    count = struct.unpack_from("<i", rec, 4)[0]
    total = sum(len(p) for p in pieces)
    if count < 0 or count > total // 3 + 1:
        raise InputError(path, DAMAGED, reason=f"the string table claims {count:,} strings in {total:,} bytes")
    return pieces


def _scan_sheet(
    path: Path, scan: XlsScan, index: int, label: str, records: list[tuple[int, int, bytes]], string_refs: list[int]
) -> None:
    """Check the sheet's extent, note its error cells and keep each LABELSST's string index."""
    max_row = max_col = -1
    for kind, _at, rec in records:
        if kind == _DIMENSIONS:
            rows, cols = _reserved(rec)
            if rows * cols > limits.MAX_GRID_CELLS:
                raise InputError(
                    path, TOO_FAR, sheet=label, what=DECLARES, rows=rows, cols=cols, cells=rows * cols,
                    limit=limits.MAX_GRID_CELLS,
                )  # fmt: skip
        elif kind in _CELLS and len(rec) >= 4:
            row, col = struct.unpack_from("<HH", rec)
            max_row, max_col = max(max_row, row), max(max_col, col)
            if kind == _LABELSST and len(rec) >= 10:
                string_refs.append(struct.unpack_from("<I", rec, 6)[0])
            error = _error_value(kind, rec)
            if error is not None:
                scan.notes.append((index, CellNote("", row, col, "error", error)))
        elif kind == _MULRK and len(rec) >= 6:
            row, first = struct.unpack_from("<HH", rec)
            last = struct.unpack_from("<H", rec, len(rec) - 2)[0]
            if last >= first and len(rec) == 6 + 6 * (last - first + 1):
                max_row, max_col = max(max_row, row), max(max_col, last)
    cells = (max_row + 1) * (max_col + 1)
    if cells > limits.MAX_GRID_CELLS:
        raise InputError(
            path, TOO_FAR, sheet=label, what=REACHES, rows=max_row + 1, cols=max_col + 1, cells=cells,
            limit=limits.MAX_GRID_CELLS,
        )  # fmt: skip


def _reserved(rec: bytes) -> tuple[int, int]:
    """The rows and columns calamine reserves for a DIMENSIONS record (32-bit arithmetic that wraps)."""
    if len(rec) == 10:
        rf, rl, cf, cl = struct.unpack_from("<HHHH", rec)
    elif len(rec) == 14:
        rf, rl, cf, cl = struct.unpack_from("<IIHH", rec)
    else:
        return 0, 0  # calamine refuses the record itself
    if rl >= 1 and cl >= 1:
        end_row, end_col = rl - 1, cl - 1
    else:
        end_row, end_col = rf, cf
    mask = 0xFFFFFFFF
    return ((end_row - rf) + 1) & mask, ((end_col - cf) + 1) & mask


def _error_value(kind: int, rec: bytes) -> str | None:
    """The error a BOOLERR cell or a formula's cached result holds (#N/A, #DIV/0!, ...)."""
    if kind == 0x0205 and len(rec) >= 8 and rec[7] == 1:
        return ERROR_NAMES.get(rec[6], f"#ERR{rec[6]}")
    if kind == 0x0006 and len(rec) >= 14 and rec[12:14] == b"\xff\xff" and rec[6] == 2:
        return ERROR_NAMES.get(rec[8], f"#ERR{rec[8]}")
    return None


def _fix_codepage(scan: XlsScan, data: bytes, offsets: list[int], unit: int, at: int, biff8: bool) -> None:
    """Rewrite an unreadable CODEPAGE record; remember the codec to decode BIFF5 text again."""
    codepage = scan.codepage or 1200
    if biff8:
        if codepage in CALAMINE_CODEPAGES:
            return
        replacement = 1200  # BIFF8 text is Unicode whatever the record says
    else:
        if codepage in SINGLE_BYTE_OK:
            return
        replacement = 1252
        scan.codec = python_codec(codepage) or "cp1252"
    patched = bytearray(data)
    for i, byte in enumerate(struct.pack("<H", replacement)):
        stream_at = at + i
        patched[offsets[stream_at // unit] + stream_at % unit] = byte
    scan.source = io.BytesIO(bytes(patched))


# windows-1252 as calamine (encoding_rs) decodes it: the five unassigned bytes become U+0081 etc.
_CP1252 = bytes(range(256)).decode("cp1252", "replace")
_CP1252 = "".join(ch if ch != "\ufffd" else chr(i) for i, ch in enumerate(_CP1252))
_UNDO_1252 = {ord(ch): i for i, ch in enumerate(_CP1252)}


def redecode(text: str, codec: str) -> str:
    """Text that calamine decoded as windows-1252, decoded again with the workbook's real codec."""
    try:
        raw = bytes(_UNDO_1252[ord(ch)] for ch in text)
    except KeyError:
        return text
    return raw.decode(codec, "replace")


def sheet_label(index: int, names: list[str]) -> str:
    return names[index] if index < len(names) else f"#{index + 1}"


__all__ = ["XlsScan", "column_letters", "redecode", "scan_xls", "sheet_label"]
