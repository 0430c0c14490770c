"""One writer per output file: a lock beside the target while it is written.

The lock is an exclusive `flock` (POSIX) or `msvcrt.locking` (Windows) on a
small file `.<name>.sheetdesk-lock` in the target's folder. It is taken
without waiting: a second sheetdesk run writing the same file fails at once
with one line, instead of silently replacing the first one's result.

A lock never outlives its process: the operating system releases it when
the process ends, however it ends (even `kill -9` or a power cut), so a
lock left by a crash never blocks the next run. The lock file itself is
removed on release; one left by a crash is empty, harmless, and reused.

On a file system that cannot lock (some network shares) writing goes on
unlocked, as it did before locks existed.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Bound, Msg
from sheetdesk.io.targets import CANNOT_WRITE, os_problem

__all__ = ["BUSY", "lock_name", "target_lock"]

BUSY = Msg(
    "{path}: another sheetdesk run ({owner}) is writing this file; nothing was written. Run again when it has finished",
    "{path}：另一个 sheetdesk 进程（{owner}）正在写这个文件；本次未写出任何内容。请等它结束后再运行",
)
_OWNER = Msg("process {pid}", "进程 {pid}")
_UNKNOWN_OWNER = Msg("process unknown", "进程未知")

# Errors that mean "this file system cannot lock", not "someone holds the lock".
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}

try:
    import fcntl

    def _try_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def safe_stem(name: str) -> str:
    """`name` short enough to carry a prefix and a suffix within a file name's 255 bytes."""
    if len(name.encode("utf-8", "surrogateescape")) <= 120:
        return name
    digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{name[:40]}~{digest}"


def lock_name(target: Path) -> Path:
    return target.with_name(f".{safe_stem(target.name)}.sheetdesk-lock")


def _owner(lock: Path) -> Msg | Bound:
    try:
        pid = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return _OWNER.bind(pid=pid) if pid.isdigit() else _UNKNOWN_OWNER


@contextlib.contextmanager
def target_lock(target: Path) -> Iterator[bool]:
    """Hold the write lock of `target` for the `with` block; yield True when it is
    held, False when the file system cannot lock. `OutputError` when another
    process holds it, or when the lock file cannot be made (read-only folder...).
    """
    path = lock_name(target)
    fd = -1
    for _ in range(5):  # a lock file removed by its releasing holder: open the new one
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        except OSError as exc:
            raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(exc, target.parent)) from exc
        try:
            _try_lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in _NO_LOCKING:
                yield False
                return
            if exc.errno in _HELD:
                raise OutputError(BUSY, path=target, owner=_owner(path)) from exc
            raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(exc, target.parent)) from exc
        try:  # the file locked must still be the one named: its holder removes it on release
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except OSError:
            same = False
        if same:
            break
        os.close(fd)
        fd = -1
    else:
        raise OutputError(BUSY, path=target, owner=_UNKNOWN_OWNER)
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode("ascii"))
        yield True
    finally:
        # Removed while still held, so that a run waiting on the old file sees it is gone.
        with contextlib.suppress(OSError):
            os.unlink(path)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
