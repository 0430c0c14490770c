"""File names for branch files that are safe on Windows, macOS and Linux.

`北京分公司` -> `北京分公司.xlsx`, `a/b` -> `a_b.xlsx`, `CON` -> `CON_.xlsx`,
`..` -> `branch.xlsx`. Names that clean up alike (`a/b`, `a:b`, `A_B`) get
`_2`, `_3`... so that no branch file overwrites another, even on a
case-blind file system.
"""

from __future__ import annotations

import re
import unicodedata

FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
MAX_STEM_CHARS = 60  # 60 CJK characters are 180 UTF-8 bytes, under the usual 255-byte limit
FALLBACK = "branch"


def safe_stem(name: str) -> str:
    """A file name stem for a branch name (no extension, not yet unique)."""
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(name)))
    text = "".join("_" if ch in FORBIDDEN or unicodedata.category(ch)[0] == "C" else ch for ch in text)
    text = text.strip()
    text = re.sub(r"_+", "_", text)
    text = text.strip(" .")  # no hidden files, no trailing dots (Windows drops them)
    text = text[:MAX_STEM_CHARS].rstrip(" .")
    if not text or set(text) <= {"_"}:
        text = FALLBACK
    if text.split(".")[0].casefold() in RESERVED:
        text = text + "_"
    return text


def branch_file_names(branches: list[str], suffix: str = ".xlsx") -> dict[str, str]:
    """Branch name -> unique safe file name, in the order given."""
    taken: set[str] = set()
    result: dict[str, str] = {}
    for branch in branches:
        stem = safe_stem(branch)
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate = f"{stem}_{n}"
            n += 1
        taken.add(candidate.casefold())
        result[branch] = candidate + suffix
    return result
