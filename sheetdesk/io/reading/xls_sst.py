"""The text an .xls's LABELSST cells copy out of its shared-string table (SST).

As in an .xlsx (`shared_text.py`), calamine copies a shared string into every
cell that refers to it: a 1 MB .xls whose 100,000 cells name one 32,767-
character string asks for gigabytes and aborts the process. The pre-pass
already walks every cell record, so it keeps each LABELSST's string index;
when even the longest string a table that size could hold, in every such
cell, would fit the budget, nothing more is done. Otherwise each string's
length is read from the SST (its character count; a string may run on into
CONTINUE records) and the cells' text added up.

Text is counted as UTF-8 would hold it: at most 3 bytes for each of the
UTF-16 units BIFF8 counts, so every sum is an upper bound.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from sheetdesk.io.reading import limits

BYTES_PER_CHAR = 3
MAX_CHARS = 0xFFFF  # a BIFF8 string's character count is 16 bits


def referred_bytes(pieces: Sequence[bytes], refs: Sequence[int]) -> int:
    """Bytes of text the cells with string indexes `refs` copy out of the SST `pieces`.

    `pieces` are the SST record's data and its CONTINUE records' data, in
    order. Returns as soon as the bound says the budget cannot be passed.
    """
    if not refs:
        return 0
    longest_possible = min(MAX_CHARS, sum(len(p) for p in pieces))
    if len(refs) * longest_possible * BYTES_PER_CHAR <= limits.MAX_REFERENCED_TEXT_BYTES:
        return 0
    lengths = string_lengths(pieces)
    unread = MAX_CHARS  # a string the table does not hold whole: counted as long as any
    return BYTES_PER_CHAR * sum(lengths[i] if i < len(lengths) else unread for i in refs)


def string_lengths(pieces: Sequence[bytes]) -> list[int]:
    """The character count of each string in the SST, in index order (as far as the table is whole)."""
    if not pieces or len(pieces[0]) < 8:
        return []
    count = struct.unpack_from("<i", pieces[0], 4)[0]
    reader = _Pieces([pieces[0][8:], *pieces[1:]])
    lengths: list[int] = []
    try:
        while len(lengths) < count and not reader.at_end():
            cch = reader.u16()
            flags = reader.byte()
            runs = reader.u16() if flags & 0x08 else 0
            ext = reader.u32() if flags & 0x04 else 0
            reader.skip_chars(cch, wide=bool(flags & 0x01))
            reader.skip(4 * runs + ext)
            lengths.append(cch)
    except _Truncated:
        pass
    return lengths


class _Truncated(Exception):
    pass


class _Pieces:
    """A cursor over the SST's pieces: numbers and runs may cross a piece's end; characters
    cross it with a new flags byte at the start of the next piece (BIFF8's rule)."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces, self.index, self.pos = pieces, 0, 0

    def at_end(self) -> bool:
        while self.index < len(self.pieces) and self.pos >= len(self.pieces[self.index]):
            self.index, self.pos = self.index + 1, 0
        return self.index >= len(self.pieces)

    def take(self, n: int) -> bytes:
        out = b""
        while len(out) < n:
            if self.at_end():
                raise _Truncated
            piece = self.pieces[self.index]
            part = piece[self.pos : self.pos + n - len(out)]
            out += part
            self.pos += len(part)
        return out

    def skip(self, n: int) -> None:
        while n > 0:
            if self.at_end():
                raise _Truncated
            step = min(n, len(self.pieces[self.index]) - self.pos)
            self.pos += step
            n -= step

    def byte(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return int(struct.unpack("<H", self.take(2))[0])

    def u32(self) -> int:
        return int(struct.unpack("<I", self.take(4))[0])

    def skip_chars(self, cch: int, wide: bool) -> None:
        while cch > 0:
            if self.at_end():
                raise _Truncated
            left = len(self.pieces[self.index]) - self.pos
            size = 2 if wide else 1
            fits = min(cch, left // size)
            self.pos += fits * size
            cch -= fits
            if cch > 0:  # the characters run on into the next piece, which restates the width
                self.index, self.pos = self.index + 1, 0
                wide = bool(self.byte() & 0x01)
