"""Atomic writes: write beside the target, then rename over it.

A crash leaves either the old file or the new one, never half a file. A
file system that refuses (disk full, no permission, the target open in
another program on Windows) is an `OutputError`: one line, exit code 2,
the old file left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sheetdesk.errors import OutputError


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success rename it."""
    target = Path(target)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent or Path(".")
        )
    except OSError as exc:
        raise OutputError(f"{target}: cannot be written ({_reason(exc)})") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
        except OSError as exc:  # while the new file was written: disk full, ...
            raise OutputError(f"{target}: cannot be written ({_reason(exc)})") from exc
        # mkstemp creates 0600; give the file the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"{target}: cannot be replaced ({_reason(exc)}); is it open in another program?") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
