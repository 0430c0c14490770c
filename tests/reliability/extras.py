"""Workbooks holding things sheetdesk cannot carry: charts, images, macros, pivot tables, links."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import xlsxwriter

from tests.reliability.books import master_sheets


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made without an image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def _registers(wb: xlsxwriter.Workbook) -> dict[str, Any]:
    sheets = {}
    for name, rows in master_sheets().items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if hasattr(value, "year"):
                    ws.write_datetime(r, c, value, wb.add_format({"num_format": "yyyy-mm-dd"}))
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        sheets[name] = ws
    return sheets


def with_chart_and_image(path: Path, tmp: Path) -> Path:
    """The registers plus a chart of the Notes numbers and a picture on the Notes sheet."""
    png = tmp / "logo.png"
    png.write_bytes(tiny_png())
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    sheets = _registers(wb)
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Notes!$A$3:$A$3"})
    sheets["Notes"].insert_chart("E2", chart)
    sheets["Notes"].insert_image("E20", str(png))
    wb.close()
    return path


def with_macros(path: Path, tmp: Path) -> Path:
    """An .xlsm whose vbaProject.bin is a stand-in (no reader runs it; we only look for the part)."""
    assert path.suffix == ".xlsm"
    vba = tmp / "vbaProject.bin"
    vba.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    _registers(wb)
    wb.add_vba_project(str(vba))
    wb.close()
    return path


def with_parts(source: Path, path: Path, parts: dict[str, bytes]) -> Path:
    """A copy of `source` with extra zip parts (pivot tables, external links)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info))
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


PIVOT_AND_LINK = {
    "xl/pivotTables/pivotTable1.xml": b'<?xml version="1.0"?><pivotTableDefinition '
                                      b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
    "xl/externalLinks/externalLink1.xml": b'<?xml version="1.0"?><externalLink '
                                          b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
}
