"""A strict reader of OLE compound files (the container of .xls), to check one before calamine opens it.

calamine sizes its buffers from the header's counts and the directory's
stream sizes and follows sector chains without checking them; a damaged or
forged header makes it ask for gigabytes (the process aborts) or loop. This
reader checks every count against the file's size, every sector number
against the file, and every chain for a loop, and says what the file holds.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FREE, END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


class CfbError(ValueError):
    """The compound file is damaged; the text says how."""


@dataclass
class Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    start: int
    size: int


class Cfb:
    def __init__(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(OLE_MAGIC):
            raise CfbError("not an OLE compound file")
        self.data = data
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise CfbError(f"bad sector sizes (shift {shift}, {mini_shift})")
        self.sector = 1 << shift
        self.major = struct.unpack_from("<H", data, 26)[0]
        self.sectors = max(0, (len(data) - self.sector) // self.sector)  # whole sectors after the header
        dir_count, fat_count, dir_start = struct.unpack_from("<III", data, 40)
        self.mini_cutoff = struct.unpack_from("<I", data, 56)[0]
        mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from("<IIII", data, 60)
        for label, count in (
            ("directory", dir_count),
            ("FAT", fat_count),
            ("mini FAT", mini_fat_count),
            ("DIFAT", difat_count),
        ):
            if count > self.sectors + 1:
                raise CfbError(f"header claims {count:,} {label} sectors in a file of {self.sectors:,}")
        self.fat = self._read_fat(fat_count, difat_start, difat_count)
        directory = self._chain_bytes(dir_start, self.fat, self.sector, "directory")
        self.entries = [self._entry(directory[i : i + 128]) for i in range(0, len(directory) - 127, 128)]
        if not self.entries or self.entries[0].kind != 5:
            raise CfbError("no root directory entry")
        root = self.entries[0]
        self._check_size(root)
        self.mini_stream = self._chain_bytes(root.start, self.fat, self.sector, "mini stream")[: root.size]
        self.mini_fat = self._table(self._chain_bytes(mini_fat_start, self.fat, self.sector, "mini FAT"))

    def _sector_bytes(self, sid: int) -> bytes:
        if sid >= self.sectors:
            raise CfbError(f"sector {sid:,} is beyond the end of the file")
        offset = (sid + 1) * self.sector
        return self.data[offset : offset + self.sector]

    @staticmethod
    def _table(raw: bytes) -> list[int]:
        return list(struct.unpack_from(f"<{len(raw) // 4}I", raw))

    def _read_fat(self, fat_count: int, difat_start: int, difat_count: int) -> list[int]:
        ids = [i for i in struct.unpack_from("<109I", self.data, 76)]
        sid, seen = difat_start, set[int]()
        while sid not in (FREE, END_OF_CHAIN) and len(seen) <= difat_count:
            if sid in seen:
                raise CfbError("the DIFAT chain loops")
            seen.add(sid)
            table = self._table(self._sector_bytes(sid))
            ids.extend(table[:-1])
            sid = table[-1]
        fat: list[int] = []
        for sid in ids:
            if sid in (FREE, END_OF_CHAIN):
                continue
            fat.extend(self._table(self._sector_bytes(sid)))
        return fat

    def chain(self, start: int, table: list[int], limit: int, what: str) -> list[int]:
        """The sector numbers of a chain; CfbError if it loops or leaves the table."""
        ids: list[int] = []
        seen: set[int] = set()
        sid = start
        while sid != END_OF_CHAIN:
            if sid == FREE and not ids:
                return ids
            if sid >= len(table) or sid >= limit or sid in seen:
                raise CfbError(f"the {what} chain is broken (sector {sid:,})")
            seen.add(sid)
            ids.append(sid)
            sid = table[sid]
        return ids

    def _chain_bytes(self, start: int, table: list[int], size: int, what: str) -> bytes:
        return b"".join(self._sector_bytes(s) for s in self.chain(start, table, self.sectors, what))

    def _entry(self, raw: bytes) -> Entry:
        name_len = struct.unpack_from("<H", raw, 64)[0]
        name = raw[: max(0, min(64, name_len) - 2)].decode("utf-16-le", "replace")
        start = struct.unpack_from("<I", raw, 116)[0]
        size = struct.unpack_from("<Q", raw, 120)[0]
        if self.sector == 512:
            size &= 0xFFFFFFFF
        return Entry(name, raw[66], start, size)

    def _check_size(self, entry: Entry) -> None:
        if entry.size > len(self.data):
            raise CfbError(f"stream '{entry.name}' claims {entry.size:,} bytes in a file of {len(self.data):,}")

    def names(self) -> list[str]:
        return [e.name for e in self.entries if e.kind in (1, 2)]

    def find(self, name: str) -> Entry | None:
        """The first entry of that name, as calamine finds it."""
        return next((e for e in self.entries if e.name == name), None)

    def stream(self, name: str) -> tuple[bytes, list[int], int]:
        """A stream's bytes, the file offset of each of its sectors and their size (to patch it in place)."""
        entry = self.find(name)
        if entry is None:
            raise CfbError(f"no {name} stream")
        self._check_size(entry)
        if entry.size < self.mini_cutoff:
            ids = self.chain(entry.start, self.mini_fat, len(self.mini_stream) // 64, name)
            raw = b"".join(self.mini_stream[i * 64 : i * 64 + 64] for i in ids)
            offsets = [self._mini_offset(i) for i in ids]
            return raw[: entry.size], offsets, 64
        ids = self.chain(entry.start, self.fat, self.sectors, name)
        data = b"".join(self._sector_bytes(s) for s in ids)[: entry.size]
        return data, [(s + 1) * self.sector for s in ids], self.sector

    def _mini_offset(self, mini_id: int) -> int:
        """File offset of a mini sector (the mini stream lives in the root entry's sectors)."""
        root = self.entries[0]
        sectors = self.chain(root.start, self.fat, self.sectors, "mini stream")
        at = mini_id * 64
        return int((sectors[at // self.sector] + 1) * self.sector + at % self.sector)
