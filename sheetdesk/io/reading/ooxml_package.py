"""What an .xlsx package says about itself: which part is which sheet, which styles show dates.

Read the way calamine reads them (members found ignoring case, targets
relative to xl/), from parts that are small in every honest workbook: one
that is not is refused before it is parsed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits

SMALL_PART_TOO_BIG = Msg(
    "part {part} is {size:,.0f} MiB, far larger than a workbook's {part} ever is; refused",
    "部件 {part} 大小为 {size:,.0f} MiB，远超正常工作簿中该部件的大小，拒绝读取",
)


def _read_small(path: Path, zf: zipfile.ZipFile, name: str) -> bytes | None:
    """A small part found the way calamine finds it (ignoring case); None if absent."""
    info = next((i for i in zf.infolist() if i.filename.lower() == name.lower()), None)
    if info is None:
        return None
    if info.file_size > limits.MAX_SMALL_PART_BYTES:
        raise InputError(path, SMALL_PART_TOO_BIG, part=info.filename, size=info.file_size / 1024**2)
    return zf.read(info)


def sheet_names(path: Path, zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> sheet name, following workbook.xml.rels as calamine does ({} if it cannot)."""
    from defusedxml.ElementTree import fromstring

    workbook = _read_small(path, zf, "xl/workbook.xml")
    rels = _read_small(path, zf, "xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    try:
        workbook_root, rels_root = fromstring(workbook), fromstring(rels)
    except Exception:  # calamine reports a broken workbook part itself; names are a nicety
        return {}
    members = {i.filename.lower(): i.filename for i in zf.infolist()}
    targets: dict[str, str] = {}
    for rel in rels_root.iter():
        if rel.tag.endswith("Relationship") and rel.get("Id") and rel.get("Target"):
            target = rel.get("Target", "")
            if target.startswith("/xl/"):
                target = target[1:]
            elif not target.startswith("xl/"):
                target = "xl/" + target
            targets[rel.get("Id", "")] = members.get(target.lower(), target)
    found: dict[str, str] = {}
    for elem in workbook_root.iter():
        if elem.tag.endswith("}sheet") or elem.tag == "sheet":
            rid = next((v for k, v in elem.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                found[targets[rid]] = elem.get("name", "")
    return found


# Built-in number formats that show a date or time (ECMA-376 18.8.30, and the East Asian ones).
_BUILTIN_DATES = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59), *range(71, 82)])
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def find_date_styles(path: Path, zf: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell styles that format a number as a date or time."""
    from defusedxml.ElementTree import fromstring

    data = _read_small(path, zf, "xl/styles.xml")
    if data is None:
        return frozenset()
    try:
        root = fromstring(data)
    except Exception:
        return frozenset()
    custom: dict[str, str] = {}
    xfs: list[str] = []
    for elem in root.iter():
        tag = elem.tag.rsplit("}", 1)[-1]
        if tag == "numFmt":
            custom[elem.get("numFmtId", "")] = elem.get("formatCode", "")
        elif tag == "cellXfs":
            xfs = [x.get("numFmtId", "0") for x in elem if x.tag.rsplit("}", 1)[-1] == "xf"]
    dates = set()
    for index, fmt in enumerate(xfs):
        code = custom.get(fmt)
        if code is not None:
            if any(ch in "dmyhs" for ch in _QUOTED.sub("", code).lower()):
                dates.add(index)
        elif fmt.isdigit() and int(fmt) in _BUILTIN_DATES:
            dates.add(index)
    return frozenset(dates)
