"""The filters (autofilter ranges) of an input workbook, which calamine does not report.

Excel, LibreOffice, openpyxl and xlsxwriter all record a sheet's filter as a
hidden defined name, `_xlnm._FilterDatabase`, in xl/workbook.xml: a few
bytes, read without unpacking any sheet. A table ("Format as Table") keeps
its filter in its own small part. For a sheet with neither, the sheet part
itself is searched for `<autoFilter ref=...>`, but only when it is small
(SCAN_PART_BYTES): the element comes after every row, so a large sheet would
have to be unpacked whole a second time (a register sheet gets a filter over
its header anyway).

Only .xlsx/.xlsm are read; the filter's criteria (which rows it hides) are
not carried, only the range with its buttons.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sheetdesk.io.xlsx import Span

__all__ = ["SCAN_PART_BYTES", "parse_range", "read_autofilters"]

# Sheet parts up to this size (unpacked, about 3,000 register rows) are
# searched: some 20 ms each. Writers that name their filters are not searched.
SCAN_PART_BYTES = 2 * 1024**2
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?$")
_SHEET_FILTER = re.compile(rb'<(?:\w+:)?autoFilter\b[^>]*?\sref="([^"]{1,40})"')
_CHUNK = 1024**2


def parse_range(ref: str) -> Span | None:
    """`"A2:W96"`, `"$A$2:$W$96"` or `"'Sheet'!$A$2:$W$96"` -> (1, 0, 95, 22); None if not a range."""
    m = _REF.match(ref.rsplit("!", 1)[-1].strip())
    if m is None:
        return None
    r0, c0 = int(m[2]) - 1, _column(m[1])
    r1, c1 = (int(m[4]) - 1, _column(m[3])) if m[3] else (r0, c0)
    if r0 < 0 or r1 < 0:
        return None
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def _column(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_autofilters(path: str | Path) -> dict[str, Span]:
    """Sheet name -> its filter's range. Never raises: a workbook whose parts
    cannot be followed has no filters here (reading it is the reader's job)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return _filters(zf)
    except Exception:  # a nicety only; a broken part is reported by the reader
        return {}


def _filters(zf: zipfile.ZipFile) -> dict[str, Span]:
    from defusedxml.ElementTree import fromstring

    workbook = fromstring(zf.read("xl/workbook.xml"))
    sheets = [e for e in workbook.iter() if _local(e.tag) == "sheet"]
    found: dict[str, Span] = {}
    for name in (e for e in workbook.iter() if _local(e.tag) == "definedName"):
        index = name.get("localSheetId")
        if name.get("name") != "_xlnm._FilterDatabase" or index is None or not index.isdigit():
            continue
        span = parse_range(name.text or "")
        if span is not None and int(index) < len(sheets):
            found.setdefault(sheets[int(index)].get("name", ""), span)
    parts = _relations(zf, "xl/workbook.xml")
    for sheet in sheets:
        name, part = sheet.get("name", ""), parts.get(sheet.get(_REL, ""))
        if name in found or part is None or part not in zf.NameToInfo:
            continue
        span = _table_filter(zf, part) or _sheet_filter(zf, part)
        if span is not None:
            found[name] = span
    return found


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _relations(zf: zipfile.ZipFile, part: str, kind: str = "") -> dict[str, str]:
    """Relationship id -> the part it points to, for the relations of `part` (of type ending `kind`)."""
    from defusedxml.ElementTree import fromstring

    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in zf.NameToInfo:
        return {}
    out: dict[str, str] = {}
    for rel in fromstring(zf.read(rels)).iter():
        target, rid = rel.get("Target"), rel.get("Id")
        if _local(rel.tag) != "Relationship" or not target or not rid or rel.get("TargetMode") == "External":
            continue
        if kind and not rel.get("Type", "").endswith(kind):
            continue
        out[rid] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return out


def _table_filter(zf: zipfile.ZipFile, sheet_part: str) -> Span | None:
    """The filter of the first table on the sheet that shows its filter buttons."""
    from defusedxml.ElementTree import fromstring

    for table_part in _relations(zf, sheet_part, "/table").values():
        if table_part not in zf.NameToInfo or zf.getinfo(table_part).file_size > 1024**2:
            continue
        table = fromstring(zf.read(table_part))
        for elem in table.iter():
            if _local(elem.tag) == "autoFilter" and elem.get("ref"):
                span = parse_range(elem.get("ref", ""))
                if span is not None:
                    return span
    return None


def _sheet_filter(zf: zipfile.ZipFile, part: str) -> Span | None:
    if zf.getinfo(part).file_size > SCAN_PART_BYTES:
        return None
    tail, read = b"", 0
    for chunk in _chunks(zf, part):
        read += len(chunk)
        if read > SCAN_PART_BYTES + _CHUNK:  # a part larger than it said it was
            return None
        data = tail + chunk
        if b"autoFilter" in data:
            m = _SHEET_FILTER.search(data)
            if m is not None:
                return parse_range(m[1].decode("ascii", "replace"))
        tail = data[-200:]
    return None


def _chunks(zf: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    with zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk
