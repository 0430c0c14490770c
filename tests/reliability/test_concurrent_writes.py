"""Two runs writing the same output never both say "written" (issue #11, break 7).

A run holds a lock beside its target while it writes; a second run fails
with one line. A run never replaces a file that someone else created or
changed after it checked the target. A lock or a scratch folder left by a
run that was killed outright never blocks the next run, and the scratch
folder (plain text of the data) is removed by it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.reliability.books import AS_OF
from tests.reliability.conftest import Good
from tests.reliability.runner import run

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.Popen[str]:
    """Another sheetdesk process, started from this checkout, reporting on stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def _writer_in_the_middle(target: Path) -> subprocess.Popen[str]:
    """A process inside its write of `target` (lock held, scratch written), waiting for stdin."""
    process = _python(
        "import sys\n"
        "from sheetdesk.io.atomic import atomic_path\n"
        f"with atomic_path({str(target)!r}) as tmp:\n"
        "    tmp.write_text('customer names, in plain text')\n"
        "    print(tmp.parent, flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    assert process.stdout is not None
    scratch = process.stdout.readline().strip()
    assert scratch, "the writer did not start"
    return process


def test_a_second_run_while_one_is_writing_fails_with_one_line(good: Good, tmp_path: Path) -> None:
    out = tmp_path / "checked.xlsx"
    first = _writer_in_the_middle(out)
    try:
        second = run("check", good.master, "--as-of", AS_OF, "-o", out)
    finally:
        first.communicate("\n", timeout=60)
    assert second.code == 2
    assert second.stderr == (
        f"sheetdesk: error: {out}: another sheetdesk run (process {first.pid}) is writing this file; "
        "nothing was written. Run again when it has finished\n"
    )
    assert out.read_text() == "customer names, in plain text"  # the first run's result, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checked.xlsx"]  # its lock and scratch are gone


def test_a_lock_left_by_a_killed_run_does_not_block_and_its_scratch_is_removed(good: Good, tmp_path: Path) -> None:
    out = tmp_path / "checked.xlsx"
    killed = _writer_in_the_middle(out)
    killed.kill()  # SIGKILL: no clean-up can run
    killed.wait(timeout=60)
    left = {p.name for p in tmp_path.iterdir()}
    assert ".checked.xlsx.sheetdesk-lock" in left and len(left) == 2  # the lock file and the scratch folder
    scratch = tmp_path / next(n for n in left if n.endswith(".sheetdesk"))
    assert (scratch / "checked.xlsx").read_text() == "customer names, in plain text"

    result = run("check", good.master, "--as-of", AS_OF, "-o", out)

    assert result.code == 0, result
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checked.xlsx"]  # the data left behind is gone
    openpyxl.load_workbook(out)


def _checked_then_waiting(target: Path, *, force: bool) -> subprocess.Popen[str]:
    """Run A: checks `target` as a command does before its work, then waits for stdin to write it."""
    process = _python(
        "import sys\n"
        "from sheetdesk.errors import OutputError\n"
        "from sheetdesk.io.atomic import atomic_path\n"
        "from sheetdesk.io.outputs import check_output\n"
        f"target = check_output({str(target)!r}, [], force={force})\n"
        "print('checked', flush=True)\n"
        "sys.stdin.readline()\n"
        "try:\n"
        "    with atomic_path(target) as tmp:\n"
        "        tmp.write_text(\"A's result\")\n"
        "    print('written')\n"
        "except OutputError as exc:\n"
        "    print(exc)\n"
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "checked"
    return process


def test_a_file_created_by_someone_else_meanwhile_is_never_replaced(good: Good, tmp_path: Path) -> None:
    """Run A checks its target, run B writes it, then A finishes: A fails, B's file stays."""
    out = tmp_path / "checked.xlsx"
    run_a = _checked_then_waiting(out, force=False)
    assert run("check", good.master, "--as-of", AS_OF, "-o", out).code == 0  # run B, start to end
    written_by_b = out.read_bytes()

    said, _ = run_a.communicate("\n", timeout=60)

    assert said == (
        f"{out}: was created by someone else while sheetdesk was working and is left as it is; "
        "nothing was written. Use --force to replace it\n"
    )
    assert out.read_bytes() == written_by_b
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checked.xlsx"]


def test_with_force_a_file_changed_by_someone_else_meanwhile_is_never_replaced(good: Good, tmp_path: Path) -> None:
    out = tmp_path / "checked.xlsx"
    out.write_bytes(b"yesterday's work")
    run_a = _checked_then_waiting(out, force=True)  # A agrees to replace yesterday's work...
    assert run("check", good.master, "--as-of", AS_OF, "-o", out, "--force").code == 0  # ...B replaces it first
    written_by_b = out.read_bytes()

    said, _ = run_a.communicate("\n", timeout=60)

    assert said == (
        f"{out}: was changed by someone else while sheetdesk was working and is left as it is; "
        "nothing was written. Run again to replace it\n"
    )
    assert out.read_bytes() == written_by_b


def test_with_force_the_file_checked_is_replaced(tmp_path: Path) -> None:
    """The control case: nobody else wrote, so A's --force replaces the file it saw."""
    out = tmp_path / "checked.xlsx"
    out.write_bytes(b"yesterday's work")
    said, _ = _checked_then_waiting(out, force=True).communicate("\n", timeout=60)
    assert said == "written\n"
    assert out.read_text() == "A's result"


def test_two_runs_started_together_write_once(good: Good, tmp_path: Path) -> None:
    """Whatever the timing, exactly one run writes; the other says why it did not, in one line."""
    out = tmp_path / "checked.xlsx"
    command = [sys.executable, "-m", "sheetdesk", "check", str(good.master), "--as-of", AS_OF, "-o", str(out)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    _, _, err = next(r for r in results if r[0] == 2)
    assert len(err.splitlines()) == 1 and err.startswith(f"sheetdesk: error: {out}: ")
    assert any(why in err for why in ("already exists", "another sheetdesk run", "was created by someone else"))
    openpyxl.load_workbook(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checked.xlsx"]
