"""What an output path names, and why the file system refused it.

sheetdesk writes only regular files: `-o` must name a regular file or a
path that does not exist yet. A device (`/dev/null`), a named pipe, a socket,
a folder or a symbolic link is refused with one line, with or without
--force: replacing it would break something that is not a workbook (run as
root, `-o /dev/null --force` once replaced the system's /dev/null).

`check_output` (sheetdesk.io.outputs) records what it saw at a target
(`expect`); the atomic writer compares that with what is there when it
publishes (`expected`), so that a file created or changed by someone else
in the meantime is never replaced silently.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Bound, Msg

__all__ = [
    "CANNOT_WRITE",
    "EXISTS",
    "IS_FOLDER",
    "Expectation",
    "Identity",
    "expect",
    "expected",
    "identity",
    "inspect_target",
    "key_of",
    "os_problem",
]

CANNOT_WRITE = Msg("{path}: cannot be written: {problem}", "{path}：无法写出：{problem}")
EXISTS = Msg("{path}: already exists; use --force to replace it", "{path}：已存在；如要替换，请加 --force")
IS_FOLDER = Msg("{path}: is a folder; give a file name for the output", "{path}：是文件夹；请给出输出文件名")
NOT_REGULAR = Msg(
    "{path}: is {kind}, not a regular file; sheetdesk writes only regular files (choose another -o)",
    "{path}：是{kind}，不是普通文件；sheetdesk 只写普通文件（请用 -o 另选输出）",
)
LINK = Msg(
    "{path}: is a symbolic link (to {dest}); give the path of the file itself",
    "{path}：是符号链接（指向 {dest}）；请给出文件本身的路径",
)
DANGLING_LINK = Msg(
    "{path}: is a symbolic link to {dest}, which does not exist; give another name or remove the link",
    "{path}：是指向 {dest} 的符号链接，而该目标不存在；请换一个名字或删除该链接",
)
_KINDS = {
    "device": Msg("a device", "设备文件"),
    "fifo": Msg("a named pipe (FIFO)", "命名管道（FIFO）"),
    "socket": Msg("a socket", "套接字"),
    "other": Msg("a special file", "特殊文件"),
}

DISK_FULL = Msg("no space left on the disk holding {folder}", "{folder} 所在磁盘空间已满")
READ_ONLY = Msg("{folder} is on a read-only disk", "{folder} 位于只读磁盘上")
NO_PERMISSION = Msg("no permission to write in {folder}", "没有在 {folder} 中写入的权限")
TOO_BIG = Msg(
    "the file would be larger than the disk holding {folder} (or your account) allows",
    "文件将超过 {folder} 所在磁盘（或当前账户）允许的大小",
)
NAME_TOO_LONG = Msg("the file name is too long for the disk holding {folder}", "文件名对 {folder} 所在磁盘而言过长")
OTHER = Msg("{reason} (in {folder})", "{reason}（位于 {folder}）")


def os_problem(exc: OSError, folder: Path) -> Bound:
    """The cause of a refused write, in words a clerk can act on, naming the folder.

    `folder` is where sheetdesk was writing; when the error names a file
    elsewhere (a library's own scratch file), that file's folder is named.
    """
    if exc.filename and not _inside(Path(os.fsdecode(exc.filename)), folder):
        folder = Path(os.fsdecode(exc.filename)).parent
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DISK_FULL.bind(folder=folder)
    if code == errno.EROFS:
        return READ_ONLY.bind(folder=folder)
    if code in (errno.EACCES, errno.EPERM):
        return NO_PERMISSION.bind(folder=folder)
    if code == errno.EFBIG:
        return TOO_BIG.bind(folder=folder)
    if code == errno.ENAMETOOLONG:
        return NAME_TOO_LONG.bind(folder=folder)
    return OTHER.bind(reason=exc.strerror or type(exc).__name__, folder=folder)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return True


Identity = tuple[int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns


def identity(st: os.stat_result) -> Identity:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def inspect_target(path: Path) -> os.stat_result | None:
    """The regular file at `path` (its `lstat`), or None when nothing is there.

    Anything else is an `OutputError`: a folder, a device, a named pipe, a
    socket, a symbolic link (dangling or not). A path the system cannot
    look at (no permission, a parent that is a file) is one line too.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(CANNOT_WRITE, path=path, problem=os_problem(exc, path.parent)) from exc
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return st
    if stat.S_ISDIR(mode):
        raise OutputError(IS_FOLDER, path=path)
    if stat.S_ISLNK(mode):
        dest = os.readlink(path)
        if not os.path.exists(path):
            raise OutputError(DANGLING_LINK, path=path, dest=dest)
        raise OutputError(LINK, path=path, dest=dest)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "device"
    elif stat.S_ISFIFO(mode):
        kind = "fifo"
    elif stat.S_ISSOCK(mode):
        kind = "socket"
    else:
        kind = "other"
    raise OutputError(NOT_REGULAR, path=path, kind=_KINDS[kind])


@dataclass(frozen=True)
class Expectation:
    """What `check_output` found at a target: the file there (None: nothing) and --force."""

    found: Identity | None
    force: bool


_EXPECTED: dict[str, Expectation] = {}


def key_of(path: Path) -> str:
    """One spelling per target: the real folder and the name (the name itself is never a link)."""
    return os.path.join(os.path.realpath(path.parent), path.name)


def expect(path: Path, found: os.stat_result | None, *, force: bool) -> None:
    """Remember that `path` was checked: the file found there, and whether it may be replaced."""
    _EXPECTED[key_of(path)] = Expectation(None if found is None else identity(found), force)


def expected(path: Path) -> Expectation | None:
    """What was found at `path` when it was checked (and forget it: one write per check)."""
    return _EXPECTED.pop(key_of(path), None)
