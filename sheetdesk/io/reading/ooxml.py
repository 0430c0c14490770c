"""The extent of an .xlsx/.xlsm before calamine reads it, and the cells it would misread.

calamine places a cell by its `r` attribute in any spelling (quotes ' or ",
spaces around `=`, lower-case letters, a namespace prefix on the tag), and a
cell without `r` after the previous one (a row without `r` after the previous
row). It follows workbook.xml.rels to sheet parts anywhere in the package and
finds zip members ignoring case. So the scan walks every XML part of the
package, not just `xl/worksheets/`, and places cells the way calamine does.

Speed: an honest register is written canonically (`<c r="B7" ...>`, columns
A..AX, rows below 1,000,000): such cells can never make a grid of more than
50 x 999,999 cells, so a C-speed regular expression only has to find the
cells that are *not* canonical, and each of those is looked at alone. A part
with a cell that has no reference, a prefixed tag, or a cell far away is
walked tag by tag instead (`_exact_scan`), which is exact but slower.

The scan also notes the cells calamine would misread:
- error values (`t="e"`): calamine refuses the newer ones (#SPILL!, #CALC!,
  #FIELD!, ...) and reads the old ones as empty text; both are reported and
  read as blank;
- date-formatted cells holding a negative or non-finite number: calamine
  panics (<= -1e12) or invents a time of day; they are read as the number.
A workbook with such cells is handed to calamine with those cells rewritten
(`ooxml_patch.patched_copy`); every other workbook is read from its file untouched.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.calamine import short
from sheetdesk.io.reading.ooxml_package import find_date_styles, sheet_names
from sheetdesk.io.reading.refs import column_letters, ref_position
from sheetdesk.io.reading.shared_text import check_shared_strings
from sheetdesk.io.reading.zipparts import chunks, is_shared_strings

# Error values calamine 0.37 knows; any other is rewritten as text before it reads.
CALAMINE_ERRORS = frozenset({b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"})

# A cell start tag that is not canonical, or is canonical but may reach beyond
# column AX or row 999,999. (`(?!...)` fails fast on the usual cell.)
_UNUSUAL_CELL = re.compile(rb'<c(?! r="(?:[A-Z]|A[A-X])[0-9]{1,6}")[\s/>]')
# A prefixed row or cell tag (`<x:c`, `<x:row`): calamine matches local names. The
# search starts at the rare `:`; the prefix before it is checked on a match.
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_PREFIX_BEFORE = re.compile(rb"<[^\s<>/!?:]+$")
_ATTR = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# One cell: its start tag, and its content up to the end tag (none if self-closing).
_CELL = re.compile(rb"<(?:[^\s<>/!?:]+:)?c(?=[\s/>])([^>]*?)(/?)>")
_CELL_END = re.compile(rb"</(?:[^\s<>/!?:]+:)?c\s*>")
_VALUE_TAG = re.compile(rb"<(?:[^\s<>/!?:]+:)?(?:v|is)[\s/>]")
_V_TEXT = re.compile(rb"<(?:[^\s<>/!?:]+:)?v(?:\s[^>]*)?>([^<]*)<")
# Every tag the exact walk needs: rows, cells, values, sheetData.
_TAG = re.compile(rb"<(/?)(?:[^\s<>/!?:]+:)?(row|c|v|is|sheetData)(?=[\s/>])([^>]*?)(/?)>")


@dataclass
class CellNote:
    """A cell calamine would misread: an error value, or a number that is no date."""

    row: int  # 0-based
    col: int
    kind: str  # "error" or "not_date"
    value: str
    span: tuple[int, int]  # byte offsets of its start tag in the part
    style: int | None = None


@dataclass
class PartScan:
    part: str
    rows: int = 0  # the grid calamine builds: last row and column with a value, from A1
    cols: int = 0
    notes: list[CellNote] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    def needs_patch(self, date_styles: frozenset[int]) -> bool:
        """A cell calamine refuses or misreads: an error it does not know, a date-styled non-date."""
        return any(
            note.value.encode() not in CALAMINE_ERRORS if note.kind == "error" else note.style in date_styles
            for note in self.notes
        )


@dataclass
class OoxmlScan:
    parts: dict[str, PartScan]  # sheet part -> what it holds
    names: dict[str, str]  # sheet part -> sheet name (best effort, for messages)
    date_styles: frozenset[int]

    def notes(self) -> Iterator[tuple[str, CellNote]]:
        """(sheet name, note) for every cell to report; errors and non-dates as read."""
        for part, scan in self.parts.items():
            name = self.names.get(part)
            if name is None:
                continue
            for note in scan.notes:
                if note.kind == "error" or note.style in self.date_styles:
                    yield name, note

    def needs_patch(self) -> bool:
        """Whether calamine must read a rewritten copy (`ooxml_patch.patched_copy`) rather than the file."""
        return any(part in self.names and scan.needs_patch(self.date_styles) for part, scan in self.parts.items())


TOO_FAR = Msg(
    "sheet '{sheet}' reaches row {rows:,} and column {col}: {cells:,} cells, more than sheetdesk reads "
    "({limit:,}); delete the stray cells far below or to the right of the data (Ctrl+End finds the last one) "
    "and save again",
    "工作表“{sheet}”延伸到第 {rows:,} 行、{col} 列，共 {cells:,} 个单元格，超过 sheetdesk 可读取的上限"
    "（{limit:,}）；请删除数据下方或右侧远处的零散单元格（按 Ctrl+End 可找到最后一个）后重新保存",
)
PART_TOO_BIG = Msg(
    "part {part} ({size:,.0f} MiB) is written in an unusual way and is too large to check safely "
    "(limit {limit:,.0f} MiB); open the file in Excel or LibreOffice and save it again",
    "部件 {part}（{size:,.0f} MiB）写法不常见，且过大，无法安全检查（上限 {limit:,.0f} MiB）；"
    "请用 Excel 或 LibreOffice 打开后重新保存",
)
UNREADABLE = Msg("cannot be read as a workbook: {reason}", "无法作为工作簿读取：{reason}")


class ScanGate(Protocol):
    """Told, as the scan goes, what calamine may read already (see `reading.overlap`)."""

    def open(self) -> None:
        """Every part but the sheets' passed: calamine may open the workbook."""

    def clear(self, sheet: str) -> None:
        """This sheet's part passed and holds no cell calamine would misread."""


def scan_ooxml(path: Path, gate: ScanGate | None = None) -> OoxmlScan:
    """Learn every sheet's extent and odd cells; InputError for a file beyond the limits.

    The parts that are not sheets are scanned first, then the sheets in
    workbook order, so that a `gate` can let calamine start on the first
    sheets while the scan looks at the later ones.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            names = sheet_names(path, zf)
            styles = find_date_styles(path, zf)
            xml_parts = [
                info
                for info in zf.infolist()
                if not (info.is_dir() or info.file_size == 0 or is_shared_strings(info.filename))
                and _looks_like_xml(zf, info)
            ]
            check_shared_strings(path, zf, xml_parts)
            order = {part: n for n, part in enumerate(names, start=1)}
            xml_parts.sort(key=lambda info: order.get(info.filename, 0))  # stable: the others keep zip order
            parts: dict[str, PartScan] = {}
            opened = False
            for info in xml_parts:
                sheet = names.get(info.filename)
                if gate is not None and sheet is not None and not opened:
                    gate.open()
                    opened = True
                scan = _scan_part(path, zf, info)
                if scan.cells > limits.MAX_GRID_CELLS:
                    raise InputError(
                        path,
                        TOO_FAR,
                        sheet=names.get(info.filename, info.filename),
                        rows=scan.rows,
                        col=column_letters(scan.cols),
                        cells=scan.cells,
                        limit=limits.MAX_GRID_CELLS,
                    )
                if scan.cells or scan.notes:
                    parts[info.filename] = scan
                if gate is not None and sheet is not None and not scan.needs_patch(styles):
                    gate.clear(sheet)
    except InputError:
        raise
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError, zlib.error) as exc:
        raise InputError(path, UNREADABLE, reason=short(exc)) from exc
    return OoxmlScan(parts, names, styles)


def _looks_like_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Images, VBA and printer settings are not XML: quick-xml would stop at their first byte."""
    with zf.open(info) as fh:
        head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or not head


def _scan_part(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> PartScan:
    scan = _fast_scan(zf, info)
    if scan is not None:
        return scan
    if info.file_size > limits.MAX_EXACT_SCAN_BYTES:
        raise InputError(
            path,
            PART_TOO_BIG,
            part=info.filename,
            size=info.file_size / 1024**2,
            limit=limits.MAX_EXACT_SCAN_BYTES / 1024**2,
        )
    return _exact_scan(zf, info)


def _fast_scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> PartScan | None:
    """The extent of a canonically written part, or None when it needs the exact walk.

    Canonical cells stay within AX999999 (fewer than 50 million cells), so only
    the unusual ones need placing; when the limit is set lower, every part is walked.
    """
    if limits.MAX_GRID_CELLS < _CANONICAL_ROWS * _CANONICAL_COLS:
        return None
    scan = PartScan(info.filename)
    tail = b""
    base = 0  # offset of `data` in the part
    for chunk in chunks(zf, info):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > 1024**2:  # no tag starts in the last MiB
            cut = len(data)
        if _has_prefixed_tag(data, cut):
            return None
        pos = 0
        while match := _UNUSUAL_CELL.search(data, pos, cut):
            cell = _CELL.match(data, match.start())
            if cell is None:
                return None
            end = _cell_end(data, cell)
            if end is None:  # its content runs past this piece: look again with the next one
                cut = match.start()
                break
            attrs = _attrs(cell[1])
            if b"r" not in attrs:
                return None
            where = ref_position(attrs[b"r"])
            if where is None:  # calamine refuses the reference itself
                pos = end
                continue
            row, col = where
            if row >= _CANONICAL_ROWS or col >= _CANONICAL_COLS:  # far: walk the whole part
                return None
            if cell[2] != b"/" and _VALUE_TAG.search(data, cell.end(), end):
                scan.rows, scan.cols = max(scan.rows, row + 1), max(scan.cols, col + 1)
                _note(scan, attrs, row, col, data[cell.end() : end], (base + cell.start(), base + cell.end()))
            pos = end
        _note_canonical(scan, data, cut, base)
        tail = data[cut:]
        base += cut
    return scan


_CANONICAL_ROWS, _CANONICAL_COLS = 999_999, 50


def _has_prefixed_tag(data: bytes, cut: int) -> bool:
    for m in _PREFIXED.finditer(data, 0, cut):
        if _PREFIX_BEFORE.search(data, max(0, m.start() - 64), m.start()):
            return True
    return False


def _cell_end(data: bytes, cell: re.Match[bytes]) -> int | None:
    """Where a cell's content ends (after `</c>`), or None when it is not all in `data`."""
    if cell[2] == b"/":
        return cell.end()
    end = _CELL_END.search(data, cell.end())
    return end.end() if end is not None else None


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    found: dict[bytes, bytes] = {}
    for m in _ATTR.finditer(raw):
        found.setdefault(m[1], m[2] if m[2] is not None else m[3] or b"")
    return found


def _note(scan: PartScan, attrs: dict[bytes, bytes], row: int, col: int, content: bytes, span: tuple[int, int]) -> None:
    """Record an error cell, or a number that a date format would turn into nonsense."""
    kind = attrs.get(b"t", b"n")
    text = _V_TEXT.search(content)
    value = text[1].strip() if text else b""
    if kind == b"e":
        scan.notes.append(CellNote(row, col, "error", value.decode("utf-8", "replace"), span))
    elif kind == b"n" and b"s" in attrs and _not_a_date(value):
        style = int(attrs[b"s"]) if attrs[b"s"].isdigit() else None
        scan.notes.append(CellNote(row, col, "not_date", value.decode("ascii", "replace"), span, style))


def _not_a_date(value: bytes) -> bool:
    """A negative or non-finite number: no date, and calamine panics or invents one."""
    text = value.lower()
    return text.startswith((b"-", b"+inf", b"inf", b"nan"))


# Canonical cells whose value calamine would misread are still found cheaply:
# only chunks that hold an error type or a negative value are looked into,
# and in them only the stretches around an odd-looking value (`_odd_stretches`).
_ODD_REACH = 300  # bytes between a cell's start tag and its value
_CANONICAL_ODD = re.compile(
    rb'<c r="([A-Z]{1,2}[0-9]{1,6})"([^>]*?)(?<!/)>(?:(?!</?c[\s/>]).){0,%d}?<v>\s*([-#NnIi+][^<]*)<' % _ODD_REACH,
    re.S,
)
# The end of every `_CANONICAL_ODD` match: a value that starts like an error, a sign or a non-finite number.
_ODD_VALUE = re.compile(rb"<v>\s*[-#NnIi+]")


def _note_canonical(scan: PartScan, data: bytes, cut: int, base: int) -> None:
    # A negative value (a cost typed with a minus) is the likelier of the two, so it is looked for first.
    if data.find(b"<v>-", 0, cut) < 0 and data.find(b't="e"', 0, cut) < 0:
        return
    for lo, hi in _odd_stretches(data, cut):
        for m in _CANONICAL_ODD.finditer(data, lo, hi):
            where = ref_position(m[1])
            if where is None:
                continue
            attrs = _attrs(m[2])
            if _UNUSUAL_CELL.match(data, m.start()):
                continue  # already looked at as an unusual cell
            _note(
                scan, attrs, where[0], where[1], data[m.end(2) + 1 : m.end()], (base + m.start(), base + m.end(2) + 1)
            )


def _odd_stretches(data: bytes, cut: int) -> Iterator[tuple[int, int]]:
    """The stretches of data[:cut] that hold every `_CANONICAL_ODD` match, in order, apart.

    Trying that pattern at every cell costs more than the rest of the scan (a
    sheet of negative costs has such a value in every chunk), so it runs only
    here. A match ends just after the `<` that closes an odd-looking value
    (`_ODD_VALUE`: rare) and starts with a start tag that holds no `>` and
    ends at most `_ODD_REACH` bytes before that value: after the last `>`
    found further back. So every match lies whole in one stretch, and the
    pattern finds in the stretches exactly what it finds in the whole chunk,
    well-formed XML or not.
    """
    lo = hi = -1  # the stretch being grown
    gt = -1  # the last `>` before the previous value's reach (they only move forward: linear)
    for hit in _ODD_VALUE.finditer(data, 0, cut):
        close = data.find(b"<", hit.end(), cut)
        if close < 0:  # this value, and any after it, is not closed before the cut
            break
        reach = hit.start() - _ODD_REACH - 1  # the latest a start tag's `>` can be
        if reach > 0:
            found = data.rfind(b">", max(gt, 0), reach)
            gt = found if found >= 0 else gt
        start = gt + 1
        if start > hi:
            if hi >= 0:
                yield lo, hi
            lo = start
        hi = close + 1
    if hi >= 0:
        yield lo, hi


def _exact_scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> PartScan:
    """Walk the rows and cells tag by tag, placing each cell where calamine does."""
    scan = PartScan(info.filename)
    row_index = col_index = 0
    in_sheet = False
    tail = b""
    base = 0
    for chunk in chunks(zf, info):
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > 1024**2:
            cut = len(data)
        cell: tuple[int, int, dict[bytes, bytes], int, int] | None = None  # row, col, attrs, tag start, tag end
        has_value = False
        before_cell = (row_index, col_index, in_sheet)
        for m in _TAG.finditer(data, 0, cut):
            closing, name, raw, empty = m[1] == b"/", m[2], m[3], m[4] == b"/"
            if name == b"sheetData":
                in_sheet = not closing and not empty
            elif not in_sheet:
                continue
            elif name == b"row":
                if not closing:
                    r = _attrs(raw).get(b"r")
                    where = ref_position(r, row_only=True) if r is not None else None
                    if where is not None:
                        row_index = where[0]
                if closing or empty:
                    row_index, col_index = row_index + 1, 0
            elif name == b"c":
                if not closing:
                    before_cell = (row_index, col_index, in_sheet)
                    attrs = _attrs(raw)
                    r = attrs.get(b"r")
                    where = ref_position(r) if r is not None else (row_index, col_index)
                    if where is not None and r is not None:
                        col_index = where[1]
                    cell = (where[0], where[1], attrs, m.start(), m.end()) if where else None
                    has_value = False
                if closing or empty:
                    if cell is not None and has_value:
                        row, col, attrs, start, stop = cell
                        scan.rows, scan.cols = max(scan.rows, row + 1), max(scan.cols, col + 1)
                        _note(scan, attrs, row, col, data[stop : m.start()], (base + start, base + stop))
                    cell = None
                    col_index += 1
            elif not closing and cell is not None:  # <v> or <is> inside a cell
                has_value = True
        if cell is not None and cell[3] > 0:  # a cell open at the cut: walk it again with the next piece
            row_index, col_index, in_sheet = before_cell
            cut = cell[3]
        tail = data[cut:]
        base += cut
    return scan
