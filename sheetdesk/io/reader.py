"""Read any workbook or CSV into plain rows of cell values.

python-calamine reads .xlsx/.xlsm/.xlsb/.xls/.ods about ten times faster than
openpyxl. Rows keep their absolute positions (row 1, column A first) so that a
finding can name the cell a clerk will look at. CSV files are read as text in
UTF-8 (with or without BOM) or GBK/GB18030.

Before any parser sees a file we look at its bytes, so that a folder, an empty
file, a truncated zip, an encrypted workbook or a zip bomb gets one clear
`InputError` instead of a parser's traceback.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sheetdesk.errors import InputError

# A workbook whose parts unpack to more than this is refused (zip bombs). The
# 400k-row benchmark workbook unpacks to well under 1 GiB.
MAX_UNPACKED_BYTES = 3 * 1024**3
MAX_COMPRESSION_RATIO = 1000
# calamine builds each sheet as one dense grid up to its farthest non-empty
# cell, 32 bytes a cell, and aborts the whole process when that does not fit
# (one stray cell at XFD1048576 asks for 512 GiB). A sheet reaching further
# than this many cells (counted from A1) is refused before calamine sees it;
# a full 200k-row register is ~5 million.
MAX_GRID_CELLS = 50_000_000
# Sheet parts up to this size are searched for far cells (a few milliseconds);
# larger ones are trusted when their <dimension> is within the limit, so that
# big registers are not unpacked twice.
SCAN_PART_BYTES = 8 * 1024**2

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".xltx", ".xltm"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass
class RawSheet:
    """One sheet as plain values; rows[0] is Excel row 1, rows[r][0] column A."""

    name: str
    rows: list[list[Any]]
    visible: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class RawWorkbook:
    path: Path
    format: str  # xlsx, xlsm, xls, ods, xlsb, csv
    sheets: list[RawSheet]
    encoding: str | None = None  # CSV only
    # Parts the reader saw but cannot carry over (charts, images, macros...).
    uncarried: list[str] = field(default_factory=list)

    def sheet(self, name: str) -> RawSheet:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


def read_workbook(path: str | Path, *, encoding: str | None = None) -> RawWorkbook:
    """Read a workbook or CSV file; raise `InputError` if it cannot be read."""
    path = Path(path)
    kind = sniff_format(path)
    if kind == "csv":
        return _read_csv(path, encoding)
    return _read_with_calamine(path, kind)


def sniff_format(path: Path) -> str:
    """Decide the format from the bytes (the extension only breaks ties)."""
    if not path.exists():
        raise InputError(path, "file not found")
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(path, f"cannot be opened ({exc.strerror or exc})") from exc
    if size == 0:
        raise InputError(path, "is empty (0 bytes)")
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK"):
        return _sniff_zip(path, suffix)
    if head == OLE_MAGIC:
        if _is_encrypted_ooxml(path):
            raise InputError(path, "is password-protected (encrypted); remove the password in Excel and try again")
        return "xls"
    if suffix in TEXT_SUFFIXES:
        return "csv"
    if suffix in WORKBOOK_SUFFIXES:
        raise InputError(path, f"is not a workbook: the file is not an Excel/ODS file despite its {suffix} name")
    raise InputError(path, "is not a workbook or CSV file (expected .xlsx, .xlsm, .xls, .ods or .csv)")


def _sniff_zip(path: Path, suffix: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
    except zipfile.BadZipFile as exc:
        raise InputError(path, "is truncated or corrupt (not a complete zip/xlsx file)") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc})") from exc
    if unpacked > MAX_UNPACKED_BYTES or (unpacked > 100 * 1024**2 and unpacked / packed > MAX_COMPRESSION_RATIO):
        raise InputError(
            path,
            f"unpacks to {unpacked / 1024**2:,.0f} MiB from {packed / 1024**2:,.1f} MiB; "
            "refused as a possible zip bomb",
        )
    if "mimetype" in names and "content.xml" in names:
        return "ods"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "xl/workbook.xml" in names:
        return "xlsm" if suffix == ".xlsm" or "xl/vbaProject.bin" in names else "xlsx"
    raise InputError(path, "is a zip file but not a workbook (no xl/workbook.xml or content.xml)")


def _is_encrypted_ooxml(path: Path) -> bool:
    marker = "EncryptedPackage".encode("utf-16-le")
    with path.open("rb") as fh:
        return marker in fh.read(64 * 1024 * 4)


def _read_with_calamine(path: Path, kind: str) -> RawWorkbook:
    import python_calamine as pc

    if kind in ("xlsx", "xlsm"):
        _check_grids(path)
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        sheets: list[RawSheet] = []
        for meta in wb.sheets_metadata:
            if str(meta.typ) not in ("SheetTypeEnum.WorkSheet", "WorkSheet"):
                continue
            sheet = wb.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            try:
                merged = list(sheet.merged_cell_ranges or [])
            except Exception:  # not every format reports merges
                merged = []
            visible = "Visible" in str(meta.visible) and "Hidden" not in str(meta.visible)
            sheets.append(RawSheet(meta.name, rows, visible=visible, merged=merged))
        wb.close()
    except pc.PasswordError as exc:
        raise InputError(path, "is password-protected (encrypted); remove the password and try again") from exc
    except InputError:
        raise
    except Exception as exc:  # calamine's errors: corrupt parts, bad XML, ...
        raise InputError(path, f"cannot be read as {kind}: {_short(exc)}") from exc
    result = RawWorkbook(path, kind, sheets)
    if kind in ("xlsx", "xlsm"):
        result.uncarried = _uncarried_parts(path)
    return result


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
    except (zipfile.BadZipFile, OSError):
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


# A cell reference that could make the grid large: column AA or beyond, or
# row 1,000,000 or beyond. Without one, a sheet is at most Z999999 (26 million
# cells). The bare literal `r="` (not ` r="`) keeps the search fast; a false
# match only costs the exact scan.
_FAR_REF = re.compile(rb'r="[A-Z](?:[A-Z]|[0-9]{7})')
_NEAR_GRID = 26 * 999_999
# Every cell with content (self-closing cells hold no value): column letters, row, "/" if empty.
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s(?:[^>]*?\s)?r="([A-Z]{1,3})([0-9]{1,9})"[^>]*?(/?)>')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s[^>]*?ref="(?:[A-Z]{1,3}[0-9]{1,9}:)?([A-Z]{1,3})([0-9]{1,9})"')
_CHUNK = 4 * 1024**2


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _column_letters(n: int) -> str:
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_grids(path: Path) -> None:
    """Refuse a workbook with a sheet whose cells reach too far (see MAX_GRID_CELLS)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = _sheet_names(zf)
            for info in zf.infolist():
                part = info.filename
                if not (part.startswith("xl/worksheets/") and part.endswith(".xml")):
                    continue
                rows, cols = _grid_extent(zf, info)
                if rows * cols > MAX_GRID_CELLS:
                    sheet = names.get(part, part)
                    raise InputError(
                        path,
                        f"sheet '{sheet}' reaches row {rows:,} and column {_column_letters(cols)}: "
                        f"{rows * cols:,} cells, more than sheetdesk reads ({MAX_GRID_CELLS:,}); delete the "
                        "stray cells far below or to the right of the data (Ctrl+End finds the last one) "
                        "and save again",
                    )
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error) as exc:
        raise InputError(path, f"cannot be read as a workbook: {_short(exc)}") from exc


def _grid_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(last row, last column) a sheet's cells reach, counted from A1 (an upper bound)."""
    if info.file_size <= SCAN_PART_BYTES:
        data = b"".join(_chunks(zf, info))  # chunks: a part that inflates past its declared size stops there
        if _NEAR_GRID <= MAX_GRID_CELLS and not _FAR_REF.search(data):
            return 0, 0
        return _scan_cells([data])
    dimension = _DIMENSION.search(_head(zf, info.filename, 64 * 1024))
    if dimension is not None:
        rows, cols = int(dimension[2]), _column_number(dimension[1])
        if rows * cols <= MAX_GRID_CELLS:
            return rows, cols
    return _scan_cells(_chunks(zf, info))


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with zf.open(info) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


def _scan_cells(chunks: Iterable[bytes]) -> tuple[int, int]:
    max_row = max_col = 0
    columns: dict[bytes, int] = {}
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > 64 * 1024:  # no tag starts in the last 64 KiB
            cut = len(data)
        for m in _CELL_REF.finditer(data, 0, cut):
            if m.end(3) > m.start(3):  # <c r="X9" .../> holds nothing
                continue
            row = int(m[2])
            if row > max_row:
                max_row = row
            letters = m[1]
            col = columns.get(letters)
            if col is None:
                col = columns[letters] = _column_number(letters)
            if col > max_col:
                max_col = col
        tail = data[cut:]
    return max_row, max_col


def _sheet_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> sheet name, for messages; {} when the workbook part cannot be followed."""
    from defusedxml.ElementTree import fromstring

    try:
        workbook = fromstring(zf.read("xl/workbook.xml"))
        rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # a message nicety only: calamine reports a broken workbook part itself
        return {}
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship") and rel.get("Id") and rel.get("Target"):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    names = {}
    for elem in workbook.iter():
        if elem.tag.endswith("}sheet") or elem.tag == "sheet":
            rid = next((v for k, v in elem.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                names[targets[rid]] = elem.get("name", "")
    return names


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


CSV_ENCODINGS = ("utf-8-sig", "gb18030")


def decode_text(path: Path, data: bytes, encoding: str | None) -> tuple[str, str]:
    """Decode CSV bytes: the given encoding, else UTF-8 (BOM or not), else GB18030."""
    tried = [encoding] if encoding else list(CSV_ENCODINGS)
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        name = "utf-8" if enc == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf") else enc
        if enc == "gb18030":
            name = "gbk" if _is_gbk(data) else "gb18030"
        return text, name
    if encoding:
        raise InputError(path, f"cannot be decoded as {encoding}")
    raise InputError(path, "is not text in UTF-8 or GBK/GB18030; give --encoding")


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
        return True
    except UnicodeDecodeError:
        return False


def _read_csv(path: Path, encoding: str | None) -> RawWorkbook:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "is binary data, not a CSV text file")
    text, used = decode_text(path, data, encoding)
    sample = text[: 64 * 1024]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    if not any(any(c.strip() for c in r) for r in rows):
        raise InputError(path, "has no data (only blank lines)")
    return RawWorkbook(path, "csv", [RawSheet(path.stem, rows)], encoding=used)
