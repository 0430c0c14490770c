"""Every command that reads files gives the same answer for a file it cannot read.

Exit code 2, nothing on stdout, exactly one line on stderr naming the file
and the problem, no traceback (`--debug` shows one), and nothing written.
"""

from __future__ import annotations

import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from sheetdesk.errors import InputError
from sheetdesk.io.reader import MAX_UNPACKED_BYTES, read_workbook
from tests.reliability.books import write_book, write_master
from tests.reliability.conftest import Good
from tests.reliability.hostile import BAD_INPUTS, ENCRYPTED, MiB, _zero_stream, write_raw_zip, zip_bomb
from tests.reliability.runner import run

Args = Callable[[Path, Good, Path], list[str | Path]]

# Every way a command reads a file the clerk names.
READERS: dict[str, Args] = {
    "validate": lambda bad, good, out: ["validate", bad],
    "validate -o": lambda bad, good, out: ["validate", bad, "-o", out / "v.xlsx"],
    "validate --policy": lambda bad, good, out: ["validate", good.master, "--policy", bad],
    "check": lambda bad, good, out: ["check", bad, "--as-of", "2025-06-01"],
    "check --policy": lambda bad, good, out: ["check", good.master, "--policy", bad, "-o", out / "c.xlsx"],
    "import": lambda bad, good, out: ["import", bad, "--kind", "repairs", "-o", out / "i.xlsx"],
    "import --dry-run": lambda bad, good, out: ["import", bad, "--kind", "sales", "--dry-run"],
    "split": lambda bad, good, out: ["split", bad, "-o", out / "branches"],
    "collect MASTER": lambda bad, good, out: ["collect", bad, good.branch, "-o", out / "merged.xlsx"],
    "collect BRANCH_FILE": lambda bad, good, out: ["collect", good.master, bad, "-o", out / "merged.xlsx"],
}


@pytest.mark.parametrize("command", READERS)
@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_unreadable_input_is_one_line_and_exit_2(kind: str, command: str, good: Good, tmp_path: Path) -> None:
    build, words = BAD_INPUTS[kind]
    bad = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    started = time.perf_counter()
    result = run(*READERS[command](bad, good, out))
    assert time.perf_counter() - started < 5
    assert result.code == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"sheetdesk: error: {bad}: ")
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    # Nothing written: not the output, not a default output beside the input, no temp file.
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", READERS)
def test_debug_shows_the_traceback(command: str, good: Good, tmp_path: Path) -> None:
    build, _ = BAD_INPUTS["encrypted"]
    bad = build(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    args = READERS[command](bad, good, out)
    result = run(args[0], "--debug", *args[1:])
    assert result.code == 2
    assert "Traceback (most recent call last)" in result.stderr
    assert "InputError" in result.stderr
    assert result.stderr.splitlines()[-1] == f"sheetdesk: error: {bad}: is password-protected (encrypted); " \
                                              "remove the password in Excel and try again"


def test_debug_also_works_before_the_command(good: Good, tmp_path: Path) -> None:
    result = run("--debug", "validate", tmp_path / "missing.xlsx")
    assert result.code == 2 and "Traceback" in result.stderr


def test_the_encrypted_fixture_is_a_real_encrypted_workbook() -> None:
    """An OLE compound file holding EncryptionInfo and EncryptedPackage streams (what Excel writes)."""
    data = ENCRYPTED.read_bytes()
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert "EncryptedPackage".encode("utf-16-le") in data
    assert "EncryptionInfo".encode("utf-16-le") in data


def test_zip_bomb_is_refused_from_its_directory_without_unpacking(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path)
    assert bomb.stat().st_size < 5 * MiB
    with zipfile.ZipFile(bomb) as zf:
        assert sum(i.file_size for i in zf.infolist()) > MAX_UNPACKED_BYTES
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"unpacks to 4,095 MiB from 4\.\d MiB; refused as a possible zip bomb"):
        read_workbook(bomb)
    assert time.perf_counter() - started < 2  # unpacking 4 GiB takes ten seconds or more


def test_a_bomb_under_the_size_limit_is_refused_by_its_compression_ratio(tmp_path: Path) -> None:
    """1,000 MiB of zeros at ~1,000:1: under the 3 GiB limit, over the ratio limit."""
    whole = write_master(tmp_path / "whole.xlsx")
    members = []
    with zipfile.ZipFile(whole) as zf:
        for info in zf.infolist():
            raw = zf.read(info)
            comp = zlib.compressobj(9, zlib.DEFLATED, -15)
            members.append((info.filename, comp.compress(raw) + comp.flush(), zlib.crc32(raw), len(raw)))
    # An extra part (a bogus shared-strings cache) that no reader should unpack.
    members.append(("xl/pivotCache/pivotCacheRecords1.xml", _zero_stream(1000), 0, 1000 * MiB))
    bomb = write_raw_zip(tmp_path / "ratio.xlsx", members)
    with pytest.raises(InputError, match="unpacks to 1,000 MiB from 1.0 MiB; refused as a possible zip bomb"):
        read_workbook(bomb)


def test_a_part_larger_than_its_declared_size_is_refused_quickly(tmp_path: Path) -> None:
    """A zip that lies in its directory (small sizes, a 1 GiB stream) passes the size check;
    the unzip under calamine stops at the declared size instead of inflating the rest."""
    whole = write_master(tmp_path / "whole.xlsx")
    members = []
    with zipfile.ZipFile(whole) as zf:
        for info in zf.infolist():
            raw = zf.read(info)
            data = _zero_stream(1024) if info.filename == "xl/worksheets/sheet1.xml" else None
            if data is None:
                comp = zlib.compressobj(6, zlib.DEFLATED, -15)
                data = comp.compress(raw) + comp.flush()
            members.append((info.filename, data, zlib.crc32(raw), len(raw)))
    liar = write_raw_zip(tmp_path / "liar.xlsx", members)
    started = time.perf_counter()
    with pytest.raises(InputError, match="cannot be read"):
        read_workbook(liar)
    assert time.perf_counter() - started < 1
    result = run("validate", liar)
    assert result.code == 2 and len(result.stderr.splitlines()) == 1


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photo.jpg", b"\xff\xd8\xff")
    result = run("check", path)
    assert result.code == 2
    assert result.stderr == f"sheetdesk: error: {path}: is a zip file but not a workbook " \
                            "(no xl/workbook.xml or content.xml)\n"


def test_a_workbook_with_no_register_is_bad_input_for_split_and_collect(good: Good, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    write_book(path, {"Anything": [["a", "b"], [1, 2]]})
    for args in (["split", path, "-o", tmp_path / "b"], ["collect", path, good.branch, "-o", tmp_path / "m.xlsx"],
                 ["collect", good.master, path, "-o", tmp_path / "m.xlsx"]):
        result = run(*args)
        assert result.code == 2
        assert result.stderr == f"sheetdesk: error: {path}: no Sales, Repairs or Callbacks sheet found\n"
