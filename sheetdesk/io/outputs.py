"""Decide where output goes, and refuse what would lose data.

Every command checks each output with `check_output` before any work, and
writes it with `sheetdesk.io.atomic.atomic_path`; a command that writes
several files into a folder makes it with `output_folder`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Msg
from sheetdesk.io.targets import CANNOT_WRITE, EXISTS, expect, inspect_target, os_problem

__all__ = ["check_output", "default_output", "output_folder"]

IS_INPUT = Msg(
    "{path}: refusing to overwrite an input file; choose another -o",
    "{path}：不能覆盖输入文件；请用 -o 另选输出",
)
NO_FOLDER = Msg("{folder}: output folder does not exist", "{folder}：输出文件夹不存在")
NOT_A_FOLDER = Msg("{folder}: is not a folder", "{folder}：不是文件夹")
CANNOT_MAKE = Msg("{path}: folder cannot be made: {problem}", "{path}：无法创建文件夹：{problem}")
FOLDER_IS_FILE = Msg("{folder}: is a file; -o takes a folder", "{folder}：是文件；-o 需要一个文件夹")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(out: str | Path, inputs: Iterable[str | Path], *, force: bool) -> Path:
    """Return `out` as a Path if sheetdesk may write it; `OutputError` (one line) if not.

    - never an input, under any spelling or link (not even with --force);
    - a regular file or nothing: a folder, device, named pipe, socket or
      symbolic link is refused (`sheetdesk.io.targets.inspect_target`);
    - an existing file only with --force;
    - the folder must exist.

    What was found is remembered for `atomic_path`, which refuses to replace
    a file that someone else created or changed in the meantime.
    """
    out = Path(out)
    for given in inputs:
        if _same_file(out, Path(given)):
            raise OutputError(IS_INPUT, path=out)
    folder = out.parent
    if not folder.exists():
        raise OutputError(NO_FOLDER, folder=folder)
    if not folder.is_dir():
        raise OutputError(NOT_A_FOLDER, folder=folder)
    found = inspect_target(out)
    if found is not None and not force:
        raise OutputError(EXISTS, path=out)
    _probe(out)
    expect(out, found, force=force)
    return out


def _probe(out: Path) -> None:
    """Fail now, before the work, when the folder cannot take a new file (read-only
    disk, no permission): a file is made there and removed at once."""
    try:
        with tempfile.TemporaryFile(dir=out.parent):
            pass
    except OSError as exc:
        raise OutputError(CANNOT_WRITE, path=out, problem=os_problem(exc, out.parent)) from exc


def output_folder(folder: str | Path, *, parents: bool = False) -> Path:
    """The folder `-o DIR` names for several files, made if missing.

    Its parent must exist unless `parents`. A file of that name, a missing
    parent, a read-only disk or a folder without permission is
    `OutputError`: one line naming the cause.
    """
    folder = Path(folder)
    if folder.is_dir():
        return folder
    if folder.exists() or folder.is_symlink():
        raise OutputError(FOLDER_IS_FILE, folder=folder)
    if not parents and not folder.parent.exists():
        raise OutputError(NO_FOLDER, folder=folder.parent)
    try:
        folder.mkdir(parents=parents)
    except FileExistsError:
        if not folder.is_dir():
            raise OutputError(FOLDER_IS_FILE, folder=folder) from None
    except NotADirectoryError as exc:
        raise OutputError(NOT_A_FOLDER, folder=Path(exc.filename or folder.parent)) from exc
    except OSError as exc:
        where = Path(os.fsdecode(exc.filename)).parent if exc.filename else folder.parent
        raise OutputError(CANNOT_MAKE, path=folder, problem=os_problem(exc, where)) from exc
    return folder


def default_output(first_input: str | Path, suffix: str = ".checked.xlsx") -> Path:
    """`repairs.xlsx` -> `repairs.checked.xlsx` beside the input."""
    path = Path(first_input)
    return path.with_name(path.stem + suffix)
