"""Decide where output goes, and refuse what would lose data."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sheetdesk.errors import OutputError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(out: str | Path, inputs: Iterable[str | Path], *, force: bool) -> Path:
    """Return `out` as a Path if sheetdesk may write it.

    Never an input (not even with --force); an existing file only with
    --force; the folder must exist.
    """
    out = Path(out)
    for given in inputs:
        if _same_file(out, Path(given)):
            raise OutputError(f"{out}: refusing to overwrite an input file; choose another -o")
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; give a file name for the output")
    if out.exists() and not force:
        raise OutputError(f"{out}: already exists; use --force to replace it")
    if not out.parent.exists():
        raise OutputError(f"{out.parent}: output folder does not exist")
    return out


def default_output(first_input: str | Path, suffix: str = ".checked.xlsx") -> Path:
    """`repairs.xlsx` -> `repairs.checked.xlsx` beside the input."""
    path = Path(first_input)
    return path.with_name(path.stem + suffix)
