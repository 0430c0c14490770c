"""Real small or read-only disks for the output tests: a tmpfs mounted inside tmp_path.

Mounting needs root (CAP_SYS_ADMIN) on Linux; elsewhere the tests that need
a real disk are skipped with the reason, and the tests that do not (a
read-only folder for a normal user, a file-size limit) still run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def tmpfs(where: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of `size` (e.g. "64k") mounted at `where`, unmounted afterwards."""
    if not can_mount():
        pytest.skip("mounting a small disk needs root on Linux")
    where.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path, leave: int = 0) -> None:
    """Use up the free space of `disk`, all but `leave` bytes (enough for a small probe file)."""
    with open(disk / "filler", "wb", buffering=0) as f:
        block = b"\0" * 4096
        try:
            while True:
                f.write(block)
        except OSError:
            pass
        if leave:
            f.truncate(max(0, f.tell() - leave))
