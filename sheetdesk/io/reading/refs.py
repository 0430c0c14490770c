"""Cell references read the way calamine reads them, so that the scan places a cell where calamine will."""

from __future__ import annotations

_U32 = 0xFFFFFFFF


def ref_position(ref: bytes, *, row_only: bool = False) -> tuple[int, int] | None:
    """0-based (row, column) of a reference such as b"B7" or b"xfd1048576"; None where calamine refuses it.

    calamine reads the digits from the right, then letters of either case, in
    32-bit arithmetic that wraps (a release build does not check overflow), so
    `A4294967297` is row 1. `row_only` reads a row's `r` (column optional, 0).
    """
    row = col = 0
    power = 1
    reading_row = True
    for ch in reversed(ref):
        if 48 <= ch <= 57:
            if not reading_row:
                return None
            row = (row + (ch - 48) * power) & _U32
            power = (power * 10) & _U32
        elif 65 <= ch <= 90 or 97 <= ch <= 122:
            if reading_row:
                if row == 0:
                    return None
                power = 1
                reading_row = False
            col = (col + ((ch | 32) - 96) * power) & _U32
            power = (power * 26) & _U32
        else:
            return None
    if row == 0:
        return None
    if col == 0:
        return (row - 1, 0) if row_only else None
    return row - 1, col - 1


def column_letters(n: int) -> str:
    """1-based column number -> letters (1 -> A, 16384 -> XFD)."""
    letters = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
