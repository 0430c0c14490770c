"""Atomic, private, exclusive writes: every output file goes through `atomic_path`.

    with atomic_path(target) as tmp:
        wb = new_workbook(tmp)          # or tmp.write_text(...)
        ...
        wb.close()

1. The target's lock is taken (`sheetdesk.io.locks`): a second sheetdesk run
   writing the same file fails with one line.
2. A private folder (mode 0700) is made beside the target,
   `.<name>.XXXXXXXX.sheetdesk`. The new file and every scratch file of the
   writer (xlsxwriter's parts, sharedStrings with customers' names) live
   there, never in $TMPDIR: they are on the target's disk, readable by
   nobody else, and removed on every exit - normal, error, Ctrl+C, SIGTERM,
   disk full. A folder left by a run that was killed outright (kill -9,
   power cut) is removed by the next run that writes the same target.
3. On success the new file is published in one step: created if nothing is
   there (a hard link, which fails if a file appeared meanwhile), or, with
   --force, renamed over the old file with the old file's permission bits
   (and owner, where the system allows). A file created or changed by
   someone else since `check_output` looked is never replaced.

A crash leaves either the old file or the new one, never half a file. A
file system that refuses (disk full, read-only, no permission, the target
open in another program on Windows) is an `OutputError`: one line naming
the cause and the folder, exit code 2, the old file left as it was.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sheetdesk.errors import OutputError
from sheetdesk.i18n import Msg
from sheetdesk.io.locks import safe_stem, target_lock
from sheetdesk.io.targets import CANNOT_WRITE, EXISTS, Expectation, expected, identity, inspect_target, os_problem

__all__ = ["atomic_path", "on_failure", "scratch_name_pattern"]

APPEARED = Msg(
    "{path}: was created by someone else while sheetdesk was working and is left as it is; "
    "nothing was written. Use --force to replace it",
    "{path}：在 sheetdesk 运行期间被其他程序或进程创建，已保留原样；本次未写出。如要替换，请加 --force",
)
CHANGED = Msg(
    "{path}: was changed by someone else while sheetdesk was working and is left as it is; "
    "nothing was written. Run again to replace it",
    "{path}：在 sheetdesk 运行期间被其他程序或进程修改，已保留原样；本次未写出。请重新运行以替换它",
)
NOT_REPLACED = Msg(
    "{path}: cannot be replaced ({reason}); is it open in another program?",
    "{path}：无法替换（{reason}）；是否正在被其他程序打开？",
)

_SUFFIX = ".sheetdesk"
_DEFERRED = tuple(getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n))
# Writers opened inside a scratch folder register how to close their files
# quietly if the write fails (see `on_failure`), keyed by the temporary path.
_ACTIVE: dict[str, list[Callable[[], None]]] = {}


def scratch_name_pattern(target: Path) -> re.Pattern[str]:
    """The names of `target`'s scratch folders (`tempfile.mkdtemp`'s 8 random characters)."""
    return re.compile(re.escape(f".{safe_stem(target.name)}.") + r"[a-z0-9_]{8}" + re.escape(_SUFFIX))


def on_failure(path: str | Path, close: Callable[[], None]) -> None:
    """Have `close` called if the write of `path` (a path `atomic_path` gave) fails.

    For writers that keep files open in the scratch folder (xlsxwriter's
    constant-memory rows): they are closed before the folder is removed, so
    that nothing is flushed later, to a full disk, from the garbage collector.
    Does nothing for a path outside a scratch folder.
    """
    closers = _ACTIVE.get(str(path))
    if closers is not None:
        closers.append(close)


@contextlib.contextmanager
def atomic_path(target: str | Path, *, force: bool | None = None) -> Iterator[Path]:
    """Yield a temporary path for the new `target`; publish it when the block succeeds.

    `force`: may an existing file be replaced? By default, what `check_output`
    decided for this target, or True when it was not called (a library caller
    that names its own output).
    """
    target = Path(target)
    plan = expected(target)
    if force is None:
        force = plan.force if plan is not None else True
    stack = contextlib.ExitStack()
    try:
        if stack.enter_context(target_lock(target)):
            _sweep(target)
        scratch = _make_scratch(target)
        stack.callback(shutil.rmtree, scratch, ignore_errors=True)
        tmp = scratch / target.name
        _ACTIVE[str(tmp)] = []
        stack.callback(_ACTIVE.pop, str(tmp), None)
        try:
            yield tmp
            _sync(tmp)
        except BaseException as exc:
            _release(exc, _ACTIVE.get(str(tmp), []))
            cause = _os_error(exc)
            if cause is None:
                raise
            raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(cause, target.parent)) from exc
        _publish(tmp, target, plan, force)
    finally:
        with _signals_deferred():  # a second Ctrl+C must not stop the clean-up half-way
            stack.close()


def _make_scratch(target: Path) -> Path:
    folder = target.parent
    try:
        return Path(tempfile.mkdtemp(prefix=f".{safe_stem(target.name)}.", suffix=_SUFFIX, dir=folder))
    except OSError as exc:
        raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(exc, folder)) from exc


def _sweep(target: Path) -> None:
    """Remove scratch folders of `target` left by runs that were killed (we hold its lock)."""
    pattern = scratch_name_pattern(target)
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
                if uid is None or entry.stat(follow_symlinks=False).st_uid == uid:
                    shutil.rmtree(entry.path, ignore_errors=True)


def _sync(path: Path) -> None:
    """Put the new file's bytes on the disk before it replaces anything (a power cut
    after the rename must not leave an empty file)."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):  # a disk that cannot sync
            raise
    finally:
        os.close(fd)


def _publish(tmp: Path, target: Path, plan: Expectation | None, force: bool) -> None:
    current = inspect_target(target)  # a device, pipe or link put there meanwhile is refused too
    if plan is not None and current is not None and identity(current) != plan.found:
        raise OutputError(APPEARED if plan.found is None else CHANGED, path=target)
    if current is None:
        _chmod(tmp, 0o666 & ~_umask())
        _create(tmp, target)
        return
    if not force:
        raise OutputError(EXISTS, path=target)
    _chmod(tmp, current.st_mode & 0o777)  # --force keeps the old file's permissions...
    if hasattr(os, "chown") and (current.st_uid, current.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # ...and its owner, where the system lets us
            os.chown(tmp, current.st_uid, current.st_gid)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(NOT_REPLACED, path=target, reason=exc.strerror or type(exc).__name__) from exc
    _sync_folder(target.parent)


def _create(tmp: Path, target: Path) -> None:
    """Create `target` only if nothing is there, in one step (a hard link)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(APPEARED, path=target) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV):
            raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(exc, target.parent)) from exc
        # No hard links here (FAT, some network shares): we hold the lock and
        # just saw nothing there, so a rename is as safe as it can be.
        try:
            os.replace(tmp, target)
        except OSError as exc2:
            raise OutputError(CANNOT_WRITE, path=target, problem=os_problem(exc2, target.parent)) from exc2
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the new name durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, mode)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _os_error(exc: BaseException) -> OSError | None:
    """The file-system error behind a failed write (xlsxwriter wraps it in FileCreateError)."""
    if isinstance(exc, KeyboardInterrupt):
        return None
    if isinstance(exc, OSError):
        return exc
    if exc.args and isinstance(exc.args[0], OSError) and type(exc).__name__ == "FileCreateError":
        return exc.args[0]
    return None


def _release(exc: BaseException, closers: list[Callable[[], None]]) -> None:
    """Close the files the failed writer left open, now and quietly.

    Otherwise they are closed later by the garbage collector, which flushes
    them to a full disk and prints "Exception ignored ..." tracebacks after
    our one line. The frames the error passed through hold them (xlsxwriter's
    zip file and packaged parts); the writer's own open files are closed by
    the closers it registered (`on_failure`).
    """
    hook = sys.unraisablehook
    sys.unraisablehook = _ignore
    try:
        seen: set[int] = set()
        link: BaseException | None = exc
        while link is not None and id(link) not in seen:  # xlsxwriter re-raises: clear the whole chain
            seen.add(id(link))
            traceback.clear_frames(link.__traceback__)
            link = link.__cause__ or link.__context__
        for close in closers:
            with contextlib.suppress(Exception):
                close()
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _ignore(_unraisable: Any) -> None:
    return None


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl+C, SIGTERM and SIGHUP until the block ends (they are delivered then)."""
    if not hasattr(signal, "pthread_sigmask") or not _DEFERRED:
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
