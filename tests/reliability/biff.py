"""Small .xls files written byte by byte, to craft the records a reader must not trust.

`xls_file(path, sheets)` writes a BIFF8 (or BIFF5) workbook: one OLE compound
file holding a Workbook stream, each sheet a BOF, a DIMENSIONS record, its
cells and an EOF. Tests change one field (a DIMENSIONS row, the CODEPAGE) to
reproduce a hostile file without committing binaries.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
Cell = tuple[int, int, Any]  # 0-based row, column, value (str, float, ("error", code) or ("sst", index))


def record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _text(value: str, biff: int, codepage: str) -> bytes:
    if biff == 8:
        return struct.pack("<HB", len(value), 1) + value.encode("utf-16-le")
    raw = value.encode(codepage)
    return struct.pack("<H", len(raw)) + raw


def sheet_stream(cells: list[Cell], biff: int = 8, dimensions: tuple[int, int, int, int] | None = None,
                 codepage: str = "cp1252") -> bytes:
    version = 0x0600 if biff == 8 else 0x0500
    rows = [r for r, _, _ in cells] or [0]
    cols = [c for _, c, _ in cells] or [0]
    first_row, last_row, first_col, last_col = dimensions or (min(rows), max(rows) + 1, min(cols), max(cols) + 1)
    out = record(0x0809, struct.pack("<HHHHII", version, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    if biff == 8:
        out += record(0x0200, struct.pack("<IIHHH", first_row, last_row, first_col, last_col, 0))
    else:
        out += record(0x0200, struct.pack("<HHHHH", first_row, last_row, first_col, last_col, 0))
    for row, col, value in cells:
        if isinstance(value, tuple) and value[0] == "sst":
            out += record(0x00FD, struct.pack("<HHHI", row, col, 0, value[1]))
        elif isinstance(value, tuple):
            out += record(0x0205, struct.pack("<HHHBB", row, col, 0, value[1], 1))
        elif isinstance(value, str):
            out += record(0x0204, struct.pack("<HHH", row, col, 0) + _text(value, biff, codepage))
        else:
            out += record(0x0203, struct.pack("<HHHd", row, col, 0, float(value)))
    return out + record(0x000A, b"")


def workbook_stream(sheets: dict[str, bytes], biff: int = 8, codepage: int = 1200,
                    codepage_name: str = "cp1252", shared: list[str] | None = None) -> bytes:
    version = 0x0600 if biff == 8 else 0x0500
    head = record(0x0809, struct.pack("<HHHHII", version, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    head += record(0x0042, struct.pack("<H", codepage))
    head += sst_records(shared) if shared is not None else b""

    def bound(pos: int, name: str) -> bytes:
        if biff == 8:
            label = struct.pack("<BB", len(name), 1) + name.encode("utf-16-le")
        else:
            raw = name.encode(codepage_name)
            label = struct.pack("<B", len(raw)) + raw
        return record(0x0085, struct.pack("<IBB", pos, 0, 0) + label)

    size = len(head) + sum(len(bound(0, n)) for n in sheets) + 4
    body, offsets = b"", []
    for data in sheets.values():
        offsets.append(size + len(body))
        body += data
    globals_ = head + b"".join(bound(pos, name) for pos, name in zip(offsets, sheets, strict=True))
    stream = globals_ + record(0x000A, b"") + body
    return stream + b"\x00" * max(0, 4096 - len(stream))  # past the mini-stream cutoff: plain sectors


def ole_file(path: Path, stream: bytes, name: str = "Workbook") -> Path:
    """A version-3 compound file (512-byte sectors) holding one stream: FAT sectors, the directory, the stream."""
    sector = 512
    count = -(-len(stream) // sector)
    fats = 1
    while fats * 128 < fats + 1 + count:
        fats += 1
    if fats > 109:
        raise ValueError("stream too large for the header's FAT list")
    directory_at, first = fats, fats + 1
    fat = [FAT_SECTOR] * fats + [END] + [first + i + 1 for i in range(count - 1)] + [END]
    fat += [FREE] * (128 * fats - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIIII", header, 40, 0, fats, directory_at, 0, 4096, END, 0, END, 0, 0)
    struct.pack_into("<109I", header, 76, *range(fats), *([FREE] * (109 - fats)))

    def entry(label: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = (label + "\0").encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, FREE, FREE, child)
        struct.pack_into("<II", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 1, END, 0) + entry(name, 2, FREE, first, len(stream))
    directory += b"\x00" * (sector - len(directory))
    body = stream + b"\x00" * (count * sector - len(stream))
    path.write_bytes(bytes(header) + struct.pack(f"<{len(fat)}I", *fat) + directory + body)
    return path


def sst_records(strings: list[str]) -> bytes:
    """An SST record and its CONTINUEs (8,224 bytes of data each), strings written one byte a character
    (latin-1): a string cut by a record's end goes on after a flags byte, as BIFF8 does."""
    limit = 8224
    records: list[bytes] = []
    data = struct.pack("<ii", len(strings), len(strings))
    for text in strings:
        head = struct.pack("<HB", len(text), 0)
        if len(data) + len(head) + 1 > limit:  # a string's header is never cut
            records.append(data)
            data = b""
        data += head
        chars = text.encode("latin-1")
        while chars:
            room = limit - len(data)
            data, chars = data + chars[:room], chars[room:]
            if chars:
                records.append(data)
                data = b"\x00"  # the next piece restates the width: one byte a character
    records.append(data)
    return record(0x00FC, records[0]) + b"".join(record(0x003C, r) for r in records[1:])


def xls_file(path: Path, sheets: dict[str, list[Cell]], *, biff: int = 8, codepage: int = 1200,
             codepage_name: str = "cp1252", dimensions: tuple[int, int, int, int] | None = None,
             shared: list[str] | None = None) -> Path:
    """`shared`: an SST; cells given as ("sst", index) refer to it."""
    streams = {name: sheet_stream(cells, biff, dimensions, codepage_name) for name, cells in sheets.items()}
    return ole_file(path, workbook_stream(streams, biff, codepage, codepage_name, shared))
