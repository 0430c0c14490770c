"""`-o` names a regular file or nothing yet; anything else is refused (issue #11, break 5).

Every command that writes is attacked the same way: a device, a named pipe,
a socket, a dangling symbolic link and a link to a real file where its
output goes, with and without --force. Each is refused with one line (exit
2) and left exactly as it was. `--force` keeps the old file's permissions
(and owner, as root). A folder that cannot take the file (read-only disk,
no permission) is one line naming the folder, before any work is done.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers.disks import can_mount, tmpfs
from tests.reliability.books import AS_OF, write_legacy_repairs
from tests.reliability.conftest import Good
from tests.reliability.runner import run

# command -> (arguments given the master, its branch file, a legacy log and the target; the target's name)
Args = Callable[[Good, Path, Path], list[Any]]
WRITERS: dict[str, tuple[Args, str]] = {
    "check -o": (lambda g, legacy, t: ["check", g.master, "--as-of", AS_OF, "-o", t], "out.xlsx"),
    "validate -o": (lambda g, legacy, t: ["validate", g.master, "-o", t], "out.xlsx"),
    "import -o": (lambda g, legacy, t: ["import", legacy, "--kind", "repairs", "-o", t], "out.xlsx"),
    "import --save-mapping": (
        lambda g, legacy, t: ["import", legacy, "--kind", "repairs", "--dry-run", "--save-mapping", t],
        "map.yaml",
    ),
    "split -o DIR": (lambda g, legacy, t: ["split", g.master, "-o", t.parent], "Beijing.xlsx"),
    "collect -o": (lambda g, legacy, t: ["collect", g.master, g.branch, "-o", t], "out.xlsx"),
    "template -o DIR": (lambda g, legacy, t: ["template", "repairs", "-o", t.parent], "repairs.xlsx"),
}


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_legacy_repairs(tmp_path_factory.mktemp("legacy") / "legacy.xlsx", ("plain note",))


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private copy of /dev/null


def _dangling(path: Path) -> None:
    os.symlink(path.with_name("nowhere.xlsx"), path)


def _link_to_file(path: Path) -> None:
    real = path.with_name("real.xlsx")
    real.write_bytes(b"the real file")
    os.symlink(real, path)


SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "a device": (_device, "is a device, not a regular file; sheetdesk writes only regular files (choose another -o)"),
    "a named pipe": (
        os.mkfifo,
        "is a named pipe (FIFO), not a regular file; sheetdesk writes only regular files (choose another -o)",
    ),
    "a socket": (
        lambda p: os.mknod(p, stat.S_IFSOCK | 0o600),
        "is a socket, not a regular file; sheetdesk writes only regular files (choose another -o)",
    ),
    "a dangling symbolic link": (_dangling, "is a symbolic link to {dest}, which does not exist; "),
    "a link to a file": (_link_to_file, "is a symbolic link (to {dest}); give the path of the file itself"),
}


def _state(folder: Path) -> dict[str, tuple[int, bytes | str | None]]:
    """Every entry of `folder`: its type and mode, and what it holds or points to."""
    out: dict[str, tuple[int, bytes | str | None]] = {}
    for entry in sorted(folder.iterdir()):
        st = entry.lstat()
        held: bytes | str | None = None
        if stat.S_ISLNK(st.st_mode):
            held = os.readlink(entry)
        elif stat.S_ISREG(st.st_mode):
            held = entry.read_bytes()
        out[entry.name] = (st.st_mode, held)
    return out


@pytest.mark.parametrize("force", [False, True], ids=["", "--force"])
@pytest.mark.parametrize("kind", SPECIAL)
@pytest.mark.parametrize("writer", WRITERS)
def test_a_special_file_at_the_output_is_refused_and_left_alone(
    writer: str, kind: str, force: bool, good: Good, legacy: Path, tmp_path: Path
) -> None:
    args, name = WRITERS[writer]
    make, problem = SPECIAL[kind]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    make(target)
    before = _state(folder)
    dest = os.readlink(target) if target.is_symlink() else ""

    result = run(*args(good, legacy, target), *(["--force"] if force else []))

    assert result.code == 2, result
    assert result.stderr.startswith(f"sheetdesk: error: {target}: {problem.format(dest=dest)}")
    assert len(result.stderr.splitlines()) == 1
    assert _state(folder) == before  # the special file as it was; no lock, scratch or output left


@pytest.mark.parametrize("writer", WRITERS)
def test_force_keeps_the_old_files_permissions_and_owner(
    writer: str, good: Good, legacy: Path, tmp_path: Path
) -> None:
    args, name = WRITERS[writer]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    target.write_bytes(b"yesterday's work")
    target.chmod(0o600)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:  # root replaces a clerk's file: it stays the clerk's
        owner = (4321, 4321)
        os.chown(target, *owner)

    result = run(*args(good, legacy, target), "--force")

    assert result.code in (0, 1), result
    st = target.stat()
    assert (stat.S_IMODE(st.st_mode), st.st_uid, st.st_gid) == (0o600, *owner)
    assert target.read_bytes() != b"yesterday's work"
    if name.endswith(".xlsx"):
        openpyxl.load_workbook(target)  # a whole workbook


def test_a_new_output_gets_the_usual_mode_and_the_folder_keeps_nothing_else(good: Good, tmp_path: Path) -> None:
    out = tmp_path / "out" / "c.xlsx"
    out.parent.mkdir()
    assert run("check", good.master, "--as-of", AS_OF, "-o", out).code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in out.parent.iterdir()) == ["c.xlsx"]  # no lock file, no scratch folder


def _read_only_folder(tmp_path: Path) -> tuple[Path, str]:
    """A folder sheetdesk may not write in, and the cause its line names."""
    if can_mount():
        return tmp_path / "ro", "{folder} is on a read-only disk"
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    return folder, "no permission to write in {folder}"


@pytest.mark.parametrize("writer", WRITERS)
def test_a_folder_that_cannot_be_written_is_one_line_naming_it(
    writer: str, good: Good, legacy: Path, tmp_path: Path
) -> None:
    args, name = WRITERS[writer]
    folder, cause = _read_only_folder(tmp_path)

    def attempt() -> None:
        target = folder / name
        result = run(*args(good, legacy, target))
        assert result.code == 2, result
        assert result.stderr == f"sheetdesk: error: {target}: cannot be written: {cause.format(folder=folder)}\n"
        assert list(folder.iterdir()) == []

    if can_mount():
        with tmpfs(folder, "1m", read_only=True):
            attempt()
    else:
        attempt()


@pytest.mark.parametrize("command", ["split", "template"])
def test_an_output_folder_that_cannot_be_made_is_one_line(command: str, good: Good, tmp_path: Path) -> None:
    parent, cause = _read_only_folder(tmp_path)
    folder = parent / "branches"
    args = ["split", good.master, "-o", folder] if command == "split" else ["template", "all", "-o", folder]

    def attempt() -> None:
        result = run(*args)
        assert result.code == 2, result
        assert result.stderr == (
            f"sheetdesk: error: {folder}: folder cannot be made: {cause.format(folder=parent)}\n"
        )
        assert not folder.exists()

    if can_mount():
        with tmpfs(parent, "1m", read_only=True):
            attempt()
    else:
        attempt()


def test_an_output_folder_named_by_a_file_is_one_line(good: Good, tmp_path: Path) -> None:
    taken = tmp_path / "branches"
    taken.write_bytes(b"a file")
    result = run("split", good.master, "-o", taken)
    assert (result.code, result.stderr) == (2, f"sheetdesk: error: {taken}: is a file; -o takes a folder\n")
    result = run("template", "all", "-o", taken)  # Click's own check of the option
    assert result.code == 2 and len(result.stderr.splitlines()) == 1 and "is a file" in result.stderr
    assert taken.read_bytes() == b"a file"
