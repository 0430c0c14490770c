"""The text calamine copies out of the shared strings, counted before it reads them.

A cell of type `s` holds an index into xl/sharedStrings.xml, and calamine
copies the string into every cell that refers to it (then python-calamine
makes a Python string of each copy). So one 32,767-character string referred
to by a million cells is 32 GB of memory from a file of a few megabytes,
well within the zip-bomb and grid limits: the process aborts with no message.

The count is done in three steps, each only when the previous one cannot
rule the file out, so an honest register pays almost nothing (step 2 reads
the part once, as counting its strings would anyway):
1. every cell the sheets' bytes could hold referring to a string as long as
   the whole shared-strings part (no reading at all);
2. every such cell referring to the longest string, whose length is learnt
   from where each `<si>` starts (numpy over the part's bytes);
3. the text each cell really refers to, from the index in its canonically
   written `t="s"><v>N</v>`, with the longest string counted for any
   string cell written some other way.
A string's length is taken as its XML's (escaping only ever shortens text),
so every step is an upper bound and nothing too big gets through.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sheetdesk.errors import InputError
from sheetdesk.i18n import Msg
from sheetdesk.io.reading import limits
from sheetdesk.io.reading.zipparts import chunks, is_shared_strings

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

TOO_MANY_STRINGS = Msg(
    "holds {count:,} shared strings ({size:,.0f} MiB of text), more than sheetdesk reads "
    "({limit:,} strings, {limit_mib:,.0f} MiB)",
    "含有 {count:,} 个共享字符串（{size:,.0f} MiB 文本），超过 sheetdesk 可读取的上限"
    "（{limit:,} 个，{limit_mib:,.0f} MiB）",
)
TOO_MUCH_TEXT = Msg(
    "its cells refer to {size:,.0f} MiB of shared text in all (long text repeated in many cells), "
    "more than sheetdesk reads ({limit:,.0f} MiB)",
    "其单元格共引用 {size:,.0f} MiB 的共享文本（长文本在许多单元格中重复），超过 sheetdesk 可读取的上限"
    "（{limit:,.0f} MiB）",
)

# A prefixed `<x:si>` start tag (some .NET writers use one). A prefix longer than any
# writer's could hide a start across two pieces, so such a part is refused.
_MAX_PREFIX = 256
_PREFIXED_SI = re.compile(rb"<(?:[^\s<>/!?:]{1,256}:)si[\s/>]")
_ANY_SI = re.compile(rb"<(?:[^\s<>/!?:]{1,256}:)?si[\s/>]")
_LONG_NAME = re.compile(rb"<[^\s<>/!?]{257}")
# A string cell's index as every common writer puts it (Excel, LibreOffice, xlsxwriter, openpyxl).
_CANONICAL_REF = re.compile(rb't="s"><v>([0-9]{1,10})</v>')


def check_shared_strings(path: Path, zf: zipfile.ZipFile, parts: list[zipfile.ZipInfo]) -> None:
    """InputError when the shared strings, or the text the cells of `parts` copy out of them, exceed the budget."""
    # Were there two, calamine reads one of them: count the larger.
    shared = max((i for i in zf.infolist() if is_shared_strings(i.filename)), key=lambda i: i.file_size, default=None)
    if shared is None:
        return
    if shared.file_size > limits.MAX_TEXT_BYTES:
        _too_many(path, shared, _count_strings(zf, shared))
    # The shortest string cell, `<c t="s"><v>0</v></c>`, takes 21 bytes of a part.
    cells = sum(info.file_size // _SHORTEST_STRING_CELL for info in parts)
    budget = limits.MAX_REFERENCED_TEXT_BYTES
    if cells * shared.file_size <= budget:
        if (count := _count_strings(zf, shared)) > limits.MAX_SHARED_STRINGS:
            _too_many(path, shared, count)
        return
    spans = string_spans(zf, shared)
    if len(spans) > limits.MAX_SHARED_STRINGS:
        _too_many(path, shared, len(spans))
    longest = int(spans.max()) if len(spans) else 0
    if cells * longest <= budget:
        return
    total = sum(_referred(zf, info, spans, longest) for info in parts)
    if total > budget:
        raise InputError(path, TOO_MUCH_TEXT, size=total / 1024**2, limit=budget / 1024**2)


_SHORTEST_STRING_CELL = 21


def _count_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """The strings' number, counted without learning where each starts (a prefixed `x:si` text counts too)."""
    count = 0
    tail = b""
    for chunk in chunks(zf, info):
        data = tail + chunk
        count += data.count(b"<si>") + data.count(b"<si ") + data.count(b":si>") + data.count(b":si ")
        tail = data[-3:]
        count -= tail.count(b"<si") + tail.count(b":si")  # counted again with the next chunk
    return count


def _too_many(path: Path, info: zipfile.ZipInfo, count: int) -> NoReturn:
    raise InputError(
        path,
        TOO_MANY_STRINGS,
        count=count,
        size=info.file_size / 1024**2,
        limit=limits.MAX_SHARED_STRINGS,
        limit_mib=limits.MAX_TEXT_BYTES / 1024**2,
    )


def string_spans(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> npt.NDArray[np.int64]:
    """The bytes of XML from each `<si>` to the next (the last to the end of the part), in index order."""
    import numpy as np

    starts = np.concatenate([np.zeros(0, dtype=np.int64), *_si_starts(zf, info)])
    ends = np.append(starts[1:], info.file_size)
    spans: npt.NDArray[np.int64] = ends - starts
    return spans


def _si_starts(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[npt.NDArray[np.int64]]:
    """Where each `<si>` (or `<x:si>`) starts; numpy finds the usual `<si` at C speed."""
    import numpy as np

    ends_of_name = np.frombuffer(b">/ \t\r\n", dtype=np.uint8)
    tail, base = b"", 0
    for chunk in chunks(zf, info):
        data = tail + chunk
        if _LONG_NAME.search(data):
            raise ValueError(f"{info.filename} has a tag name of over {_MAX_PREFIX} bytes")
        # Tags starting before the last `<` are whole here; that one is looked at with the next
        # piece unless its name has plainly ended (a long text after `<t>`).
        cut = data.rfind(b"<")
        if cut < 0 or len(data) - cut > _MAX_PREFIX + 8:
            cut = len(data)
        if data.find(b":si", 0, len(data)) >= 0 and _PREFIXED_SI.search(data):
            yield np.asarray([m.start() for m in _ANY_SI.finditer(data) if m.start() < cut], dtype=np.int64) + base
        else:
            raw = np.frombuffer(data + b"\0\0\0", dtype=np.uint8)
            at = np.flatnonzero(raw[:cut] == ord("<"))
            at = at[(raw[at + 1] == ord("s")) & (raw[at + 2] == ord("i"))]
            hit = np.isin(raw[at + 3], ends_of_name)
            yield at[hit].astype(np.int64) + base
        tail, base = data[cut:], base + cut


def _referred(zf: zipfile.ZipFile, info: zipfile.ZipInfo, spans: npt.NDArray[np.int64], longest: int) -> int:
    """Bytes of shared text the string cells of one sheet part refer to (an upper bound)."""
    total = 0
    tail = b""
    for chunk in chunks(zf, info):
        data = tail + chunk
        cut = data.rfind(b"<c")  # cells are counted whole: the last one goes with the next piece
        if cut <= 0:
            cut = max(0, len(data) - 16)
        total += _referred_in(data[:cut], spans, longest)
        tail = data[cut:]
    return total + _referred_in(tail, spans, longest)


def _referred_in(data: bytes, spans: npt.NDArray[np.int64], longest: int) -> int:
    import numpy as np

    # Any spelling of t="s" holds "s" or 's' (so do a few other things: counting them is safe).
    string_cells = data.count(b'"s"') + data.count(b"'s'")
    found = _CANONICAL_REF.findall(data)
    total = max(0, string_cells - len(found)) * longest
    if found:
        index = np.array(list(map(int, found)), dtype=np.int64)
        total += int(spans[index[index < len(spans)]].sum())
    return total
