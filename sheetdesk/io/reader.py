"""Read any workbook, CSV or HTML table into plain rows of cell values.

python-calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods about ten times faster than
openpyxl. Rows keep their absolute positions (row 1, column A first) so that a
finding can name the cell a clerk will look at.

Reading is bounded and never crashes (see `sheetdesk.io.reading` and
docs/guarantees.md): the bytes say what a file is (`reading.sniff`); a
streaming pass learns a workbook's real extent before calamine sees it
(`reading.ooxml`, `reading.ods`, `reading.xls`) and refuses what would not fit
with one `InputError`; whatever calamine still raises, a Rust panic included,
becomes one `InputError` (`reading.calamine`). What the reader notices on the
way (error cells, a CSV quote that never closes, a file named for another
format) is in `RawWorkbook.findings`.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.calamine import CellNote, apply_notes, blank_errors, read_sheets
from sheetdesk.io.reading.model import RawSheet, RawWorkbook
from sheetdesk.io.reading.sniff import KIND_NAMES, TEXT_SUFFIXES, USUAL_SUFFIXES, sniff_format

# Kept here for the callers and tests that read them from this module.
MAX_UNPACKED_BYTES = limits.MAX_UNPACKED_BYTES
MAX_GRID_CELLS = limits.MAX_GRID_CELLS

PLAIN_TEXT = Msg(
    "is plain text, not a workbook despite its {suffix} name (no columns separated by commas, semicolons, "
    "tabs or bars)",
    "是纯文本，尽管文件名后缀为 {suffix}，但不是工作簿（没有用逗号、分号、制表符或竖线分隔的列）",
)


def read_workbook(
    path: str | Path, *, encoding: str | None = None, ready: Callable[[RawSheet], None] | None = None
) -> RawWorkbook:
    """Read a workbook, CSV or HTML table; raise `InputError` if it cannot be read.

    `ready` is called with every sheet once its rows are final (error cells
    blanked), in workbook order; for an .xlsx, while calamine reads the
    sheets after it (`reading.overlap`).
    """
    path = Path(path)
    kind = sniff_format(path)
    if kind == "csv":
        book = _read_text(path, encoding)
    elif kind == "html":
        book = _read_html(path, encoding)
    else:
        book = _read_workbook(path, kind, ready)
    if ready is not None and kind not in ("xlsx", "xlsm"):  # an .xlsx's sheets were handed on as they were made
        for sheet in book.sheets:
            ready(sheet)
    suffix = path.suffix.lower()
    family = "xlsx" if kind == "xlsm" else kind
    if suffix and suffix not in USUAL_SUFFIXES.get(family, set()):
        book.findings.add("file.read_as", {"file": str(path)}, kind=KIND_NAMES[kind], suffix=suffix)
    return book


def _read_workbook(path: Path, kind: str, ready: Callable[[RawSheet], None] | None = None) -> RawWorkbook:
    from sheetdesk.io.reading.ods import scan_ods
    from sheetdesk.io.reading.xls import redecode, scan_xls

    book = RawWorkbook(path, kind, [])
    source = None
    notes: list[CellNote] = []
    if kind in ("xlsx", "xlsm"):
        sheets, notes = _read_ooxml(path, kind, ready)
    else:
        if kind == "ods":
            scan_ods(path)
        elif kind == "xls":
            xls = scan_xls(path)
            source = xls.source
        sheets = read_sheets(path, kind, source)
    book.sheets = sheets
    if kind == "xls":
        names = book_names(book)
        notes = [CellNote(names[i] if i < len(names) else "", n.row, n.col, n.kind, n.value) for i, n in xls.notes]
        if xls.codec is not None:
            for sheet in book.sheets:
                sheet.name = redecode(sheet.name, xls.codec)
                for row in sheet.rows:
                    for c, value in enumerate(row):
                        if isinstance(value, str) and value:
                            row[c] = redecode(value, xls.codec)
            notes = [CellNote(redecode(n.sheet, xls.codec), n.row, n.col, n.kind, n.value) for n in notes]
            book.findings.add("xls.codepage", {"file": str(path)}, codepage=xls.codepage, encoding=xls.codec)
    apply_notes(path, book.sheets, notes, book.findings)
    if kind in ("xlsx", "xlsm"):
        book.uncarried = _uncarried_parts(path)
    return book


def _read_ooxml(
    path: Path, kind: str, ready: Callable[[RawSheet], None] | None
) -> tuple[list[RawSheet], list[CellNote]]:
    """The sheets, calamine reading the first ones while the scan looks at the rest (`reading.overlap`);
    `ready` called with each as it is made."""
    from sheetdesk.io.reading import overlap
    from sheetdesk.io.reading.ooxml import scan_ooxml
    from sheetdesk.io.reading.ooxml_patch import patched_copy

    def finish(sheet: RawSheet) -> None:
        blank_errors(sheet, notes)
        if ready is not None:
            ready(sheet)

    sheets = None
    with overlap.OverlappedRead(path, kind) if overlap.ENABLED else nullcontext(None) as reading:
        scan = scan_ooxml(path, reading)
        notes = [CellNote(name, n.row, n.col, n.kind, n.value) for name, n in scan.notes()]
        if reading is not None and not scan.needs_patch():
            sheets = reading.sheets(finish)
    if sheets is None:
        sheets = read_sheets(path, kind, patched_copy(path, scan) if scan.needs_patch() else None)
        for sheet in sheets:
            finish(sheet)
    return sheets, notes


def book_names(book: RawWorkbook) -> list[str]:
    """Every sheet's name in workbook order (the .xls scan numbers sheets the same way)."""
    return [s.name for s in book.sheets]


def _read_text(path: Path, encoding: str | None) -> RawWorkbook:
    from sheetdesk.io.reading.text import NO_DATA, decode_text, read_bytes, read_rows, sniff_delimiter

    data = read_bytes(path)
    text, used = decode_text(path, data, encoding)
    suffix = path.suffix.lower()
    named_text = suffix in TEXT_SUFFIXES
    delimiter = sniff_delimiter(text, suffix, strict=not named_text)
    if delimiter is None:
        if not named_text:
            raise InputError(path, PLAIN_TEXT, suffix=suffix or "(none)")
        delimiter = ","
    book = RawWorkbook(path, "csv", [], encoding=used)
    rows = read_rows(path, text, delimiter, book.findings, path.stem)
    if not any(any(c.strip() for c in r) for r in rows):
        raise InputError(path, NO_DATA)
    book.sheets = [RawSheet(path.stem, rows)]
    return book


def _read_html(path: Path, encoding: str | None) -> RawWorkbook:
    from sheetdesk.io.reading.html import read_html_tables
    from sheetdesk.io.reading.text import read_bytes

    sheets, used = read_html_tables(path, read_bytes(path), encoding)
    return RawWorkbook(path, "html", sheets, encoding=used)


def _uncarried_parts(path: Path) -> list[str]:
    """Name the parts of an OOXML workbook that a value-level copy drops."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            # LibreOffice writes empty drawing parts; only shapes count.
            shapes = any(
                n.startswith("xl/drawings/drawing") and n.endswith(".xml") and b"<xdr:sp" in _head(zf, n, 2_000_000)
                for n in names
            )
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error):
        return found
    checks = [
        ("xl/charts/", "charts"),
        ("xl/media/", "images"),
        ("xl/vbaProject.bin", "VBA macros"),
        ("xl/pivotTables/", "pivot tables"),
        ("xl/externalLinks/", "external links"),
    ]
    for prefix, label in checks:
        if any(n.startswith(prefix) for n in names):
            found.append(label)
    if shapes:
        found.append("shapes")
    return found


def _head(zf: zipfile.ZipFile, name: str, size: int) -> bytes:
    """The first `size` bytes of a part, without unpacking the rest."""
    with zf.open(name) as fh:
        return fh.read(size)


__all__ = ["MAX_GRID_CELLS", "MAX_UNPACKED_BYTES", "RawSheet", "RawWorkbook", "read_workbook", "sniff_format"]
