"""No plain-text copy of the data is left behind, however a write ends (issue #11, breaks 6 and 11).

A real `python -m sheetdesk check` is stopped in the middle of writing (Ctrl+C,
SIGTERM), or runs out of disk, with $TMPDIR pointed at a private folder: the
folder stays empty, nothing is left beside the target, the target is absent
or the old file, and the command says what happened in one line.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.helpers.disks import fill, tmpfs
from tests.reliability.books import (
    AS_OF,
    CALLBACKS_HEADER,
    REPAIRS_HEADER,
    SALES_HEADER,
    callback,
    repair,
    sale,
    write_book,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and resource limits")


def _desk(path: Path, rows: int) -> Path:
    """A valid desk of `rows` repairs with distinct customer text (a big sharedStrings part)."""
    sales = [SALES_HEADER] + [sale(f"SN{i:05d}", customer=f"Customer {i} Hospital") for i in range(rows)]
    repairs = [REPAIRS_HEADER] + [
        repair(f"T{i:05d}", f"SN{i:05d}", notes=f"note {i}", description=f"fault {i}", day=1 + i % 27)
        for i in range(rows)
    ]
    calls = [CALLBACKS_HEADER] + [callback(f"T{i:05d}", comments=f"said {i}", day=2 + i % 27) for i in range(rows)]
    return write_book(path, {"Sales": sales, "Repairs": repairs, "Callbacks": calls})


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _desk(tmp_path_factory.mktemp("desk") / "desk.xlsx", 3000)


def _start(args: list[str], tmpdir: Path, *, preexec_fn: Callable[[], None] | None = None) -> subprocess.Popen[str]:
    """sheetdesk as a clerk runs it in a terminal: Ctrl+C is not ignored, even when the suite
    itself runs as a background job (which starts its children with SIGINT ignored)."""
    env = {**os.environ, "TMPDIR": str(tmpdir), "TEMP": str(tmpdir), "TMP": str(tmpdir), "LANG": "C"}

    def as_in_a_terminal() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if preexec_fn is not None:
            preexec_fn()

    return subprocess.Popen(
        [sys.executable, "-m", "sheetdesk", *args],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=as_in_a_terminal,
    )


def _scratch_with_data(folder: Path) -> Path | None:
    """sheetdesk's scratch folder beside the target, once something is written in it."""
    for entry in folder.iterdir():
        if entry.name.endswith(".sheetdesk") and entry.is_dir() and any(entry.iterdir()):
            return entry
    return None


@pytest.mark.parametrize(("signum", "code", "line"), [
    (signal.SIGINT, 130, "sheetdesk: interrupted\n"),
    (signal.SIGTERM, 143, "sheetdesk: stopped by SIGTERM\n"),
])
@pytest.mark.parametrize("old", [None, b"yesterday's work"], ids=["new output", "--force over an old one"])
def test_a_signal_mid_write_leaves_no_scratch_and_the_old_output(
    signum: int, code: int, line: str, old: bytes | None, desk: Path, tmp_path: Path
) -> None:
    tmpdir, out_dir = tmp_path / "tmp", tmp_path / "out"
    tmpdir.mkdir()
    out_dir.mkdir()
    out = out_dir / "checked.xlsx"
    if old is not None:
        out.write_bytes(old)
    for _attempt in range(5):  # the signal must land while the workbook is being written
        process = _start(["check", str(desk), "--as-of", AS_OF, "-o", str(out), "--force"], tmpdir)
        while process.poll() is None and _scratch_with_data(out_dir) is None:
            time.sleep(0.002)
        if process.poll() is None:
            process.send_signal(signum)
        _, err = process.communicate(timeout=300)
        if process.returncode not in (0, 1):
            break
        out.unlink()  # it finished first: try again
        if old is not None:
            out.write_bytes(old)
    assert (process.returncode, err) == (code, line)
    assert list(tmpdir.iterdir()) == []  # nothing in $TMPDIR, ever
    assert [p.name for p in out_dir.iterdir()] == ([] if old is None else ["checked.xlsx"])
    if old is not None:
        assert out.read_bytes() == old


def test_a_full_disk_is_one_line_naming_it_and_leaves_nothing(desk: Path, tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    with tmpfs(tmp_path / "small", "128k") as disk:
        out = disk / "checked.xlsx"
        process = _start(["check", str(desk), "--as-of", AS_OF, "-o", str(out)], tmpdir)
        _, err = process.communicate(timeout=300)
        assert (process.returncode, err) == (
            2, f"sheetdesk: error: {out}: cannot be written: no space left on the disk holding {disk}\n")
        assert list(disk.iterdir()) == [] and list(tmpdir.iterdir()) == []


@pytest.mark.parametrize("command", ["validate", "import", "split", "collect", "template"])
def test_every_command_reports_a_full_disk_in_one_line(command: str, desk: Path, tmp_path: Path) -> None:
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    branch = tmp_path / "branches"
    if command == "collect":
        subprocess.run([sys.executable, "-m", "sheetdesk", "split", str(desk), "-o", str(branch)], cwd=ROOT,
                       check=True, capture_output=True)
    with tmpfs(tmp_path / "small", "64k") as disk:
        args = {
            "validate": ["validate", str(desk), "-o", str(disk / "out.xlsx")],
            "import": ["import", str(desk), "--kind", "repairs", "--sheet", "Repairs", "-o", str(disk / "out.xlsx")],
            "split": ["split", str(desk), "-o", str(disk)],
            "collect": ["collect", str(desk), str(branch / "Beijing.xlsx"), "-o", str(disk / "out.xlsx")],
            "template": ["template", "all", "-o", str(disk)],
        }[command]
        process = _start(args, tmpdir)
        _, err = process.communicate(timeout=300)
        assert process.returncode == 2, err
        assert err.startswith(f"sheetdesk: error: {disk}/") and err.endswith(
            f": cannot be written: no space left on the disk holding {disk}\n")
        assert len(err.splitlines()) == 1
        assert not [p for p in disk.iterdir() if p.name.startswith(".")] and list(tmpdir.iterdir()) == []


def test_a_full_tmpdir_does_not_matter(desk: Path, tmp_path: Path) -> None:
    """Scratch files go beside the target: $TMPDIR full is not sheetdesk's problem any more.

    A little room is left, as on a real full disk: enough for Python's check
    that $TMPDIR is usable, not for a workbook's parts."""
    with tmpfs(tmp_path / "tmp", "64k") as tmpdir:
        fill(tmpdir, leave=8192)
        out = tmp_path / "checked.xlsx"
        process = _start(["check", str(desk), "--as-of", AS_OF, "-o", str(out)], tmpdir)
        _, err = process.communicate(timeout=300)
        assert (process.returncode, err) == (0, "")
        openpyxl.load_workbook(out, read_only=True).close()
        assert [p.name for p in tmpdir.iterdir()] == ["filler"]


def test_a_file_size_limit_is_one_line_and_leaves_nothing(desk: Path, tmp_path: Path) -> None:
    """No root needed: the account's file-size limit (ulimit -f) stops the write like a full disk."""
    tmpdir, out_dir = tmp_path / "tmp", tmp_path / "out"
    tmpdir.mkdir()
    out_dir.mkdir()
    out = out_dir / "checked.xlsx"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    process = _start(["check", str(desk), "--as-of", AS_OF, "-o", str(out)], tmpdir, preexec_fn=small_files)
    _, err = process.communicate(timeout=300)
    assert (process.returncode, err) == (2, f"sheetdesk: error: {out}: cannot be written: the file would be "
                                            f"larger than the disk holding {out_dir} (or your account) allows\n")
    assert list(out_dir.iterdir()) == [] and list(tmpdir.iterdir()) == []


def test_reading_and_checking_use_no_tmpdir_at_all(desk: Path, tmp_path: Path) -> None:
    """python-calamine, pandas and xlsxwriter leave $TMPDIR untouched on a normal run."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    process = _start(["check", str(desk), "--as-of", AS_OF, "-o", str(tmp_path / "c.xlsx")], tmpdir)
    _, err = process.communicate(timeout=300)
    assert (process.returncode, err) == (0, "")
    assert list(tmpdir.iterdir()) == []
