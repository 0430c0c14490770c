"""A copy of an .xlsx with the cells calamine would misread rewritten, for calamine to read instead.

The scan (`ooxml.scan_ooxml`) notes each such cell with the byte span of
its start tag; only those spans change, every other byte is copied.
"""

from __future__ import annotations

import io
import zipfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sheetdesk.io.reading.ooxml import CellNote, OoxmlScan
from sheetdesk.io.reading.refs import column_letters
from sheetdesk.io.reading.zipparts import chunks


def patched_copy(path: Path, scan: OoxmlScan) -> io.BytesIO:
    """The workbook with its misread cells rewritten, for calamine to read from memory.

    An error value becomes text (`t="str"`), so that calamine accepts any error
    and we can report it; a number that is no date loses its style, so that it
    reads as the number.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = scan.parts.get(info.filename)
            edits = sorted(
                (n.span, _rewritten_tag(n)) for n in (part.notes if part else []) if _needs_rewrite(n, scan.date_styles)
            )
            if not edits:
                zout.writestr(info, zin.read(info))
                continue
            with zout.open(info.filename, "w", force_zip64=True) as fh:
                _write_edited(fh, chunks(zin, info), edits)
    out.seek(0)
    return out


def _write_edited(fh: Any, pieces: Iterator[bytes], edits: list[tuple[tuple[int, int], bytes]]) -> None:
    """Copy the part, replacing the byte spans of `edits` (sorted, not overlapping)."""
    pending = deque(edits)
    buf, buf_offset = b"", 0
    for chunk in pieces:
        buf += chunk
        done = 0
        while pending and pending[0][0][1] <= buf_offset + len(buf):
            (start, stop), tag = pending.popleft()
            fh.write(buf[done : start - buf_offset])
            fh.write(tag)
            done = stop - buf_offset
        keep = pending[0][0][0] - buf_offset if pending else len(buf)
        keep = max(done, min(len(buf), keep))
        fh.write(buf[done:keep])
        buf, buf_offset = buf[keep:], buf_offset + keep
    fh.write(buf)


def _needs_rewrite(note: CellNote, date_styles: frozenset[int]) -> bool:
    return note.kind == "error" or note.style in date_styles


def _rewritten_tag(note: CellNote) -> bytes:
    ref = f"{column_letters(note.col + 1)}{note.row + 1}".encode()
    if note.kind == "error":
        return b'<c r="' + ref + b'" t="str">'
    return b'<c r="' + ref + b'">'
