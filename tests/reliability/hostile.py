"""Broken and hostile input files, built cheaply at test time.

Each builder writes one file and returns its path. `BAD_INPUTS` maps a name
to (builder, words the error message must contain).
"""

from __future__ import annotations

import random
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.reliability.books import write_master

FIXTURES = Path(__file__).parent / "fixtures"
ENCRYPTED = FIXTURES / "encrypted.xlsx"  # password "secret"; see fixtures/README.md

MiB = 1024**2


def missing(folder: Path) -> Path:
    return folder / "missing.xlsx"


def empty(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "registers.xlsx"
    path.mkdir()
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "random.xlsx"
    data = random.Random(20250601).randbytes(8192)
    assert not data.startswith((b"PK", b"\xd0\xcf"))
    path.write_bytes(data)
    return path


def truncated_zip(folder: Path) -> Path:
    """The first half of a real workbook (an interrupted download or copy)."""
    whole = write_master(folder / "whole.tmp.xlsx")
    data = whole.read_bytes()
    whole.unlink()
    path = folder / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def text_as_xls(folder: Path) -> Path:
    """Plain text, no table in it, under a workbook's name (tab-separated text would be read)."""
    path = folder / "export.xls"
    path.write_text("Dear customer, thank you for your letter.\nWe will call you back this week.\n", encoding="utf-8")
    return path


def encrypted(folder: Path) -> Path:
    path = folder / "locked.xlsx"
    shutil.copyfile(ENCRYPTED, path)
    return path


# The deflate stream of 1 MiB of zeros, ended by a full flush, is the same
# bytes every time: repeating it gives a valid stream of N MiB of zeros at
# about 1,000:1, written in milliseconds.
_ZERO_MIB = bytes(MiB)
BOMB_MIB = 4095  # just under 4 GiB, so the zip needs no zip64 records
BOMB_CRC = 0x65D3537A  # zlib.crc32 of 4095 MiB of zeros (computed once; 2.7 s)


def _zero_stream(mib: int) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = comp.compress(_ZERO_MIB) + comp.flush(zlib.Z_FULL_FLUSH)
    return chunk * mib + comp.flush()


def write_raw_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip from already-deflated members: (name, deflate bytes, crc32, unpacked size)."""
    out = bytearray()
    central = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, offset)
        central += encoded
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    path.write_bytes(bytes(out))
    return path


def zip_bomb(folder: Path) -> Path:
    """A real workbook whose first sheet is replaced by ~4 GiB of zeros (4 MiB on disk)."""
    whole = write_master(folder / "whole.tmp.xlsx")
    members: list[tuple[str, bytes, int, int]] = []
    with zipfile.ZipFile(whole) as zf:
        for info in zf.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                members.append((info.filename, _zero_stream(BOMB_MIB), BOMB_CRC, BOMB_MIB * MiB))
                continue
            raw = zf.read(info)
            comp = zlib.compressobj(6, zlib.DEFLATED, -15)
            members.append((info.filename, comp.compress(raw) + comp.flush(), zlib.crc32(raw), len(raw)))
    whole.unlink()
    return write_raw_zip(folder / "bomb.xlsx", members)


Builder = Callable[[Path], Path]
BAD_INPUTS: dict[str, tuple[Builder, tuple[str, ...]]] = {
    "missing": (missing, ("file not found",)),
    "empty": (empty, ("empty",)),
    "folder": (a_folder, ("folder",)),
    "random bytes": (random_bytes, ("not a workbook",)),
    "truncated zip": (truncated_zip, ("truncated or corrupt",)),
    "text named .xls": (text_as_xls, ("plain text, not a workbook", ".xls")),
    "encrypted": (encrypted, ("password-protected",)),
    "zip bomb": (zip_bomb, ("zip bomb", "4,095 MiB")),
}
