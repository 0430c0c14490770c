"""Reading the parts of an .xlsx package a piece at a time."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator

CHUNK = 4 * 1024**2


def chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part in pieces; one that inflates past its declared size stops there (zipfile checks)."""
    with zf.open(info) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def is_shared_strings(name: str) -> bool:
    """calamine finds the shared strings by name, in any folder and any case."""
    return posixpath.basename(name).lower() == "sharedstrings.xml"
