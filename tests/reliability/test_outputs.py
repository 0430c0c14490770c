"""No output overwrites an input; an existing output needs --force; writes are atomic."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter.workbook

from sheetdesk.branches import collect, split_master
from sheetdesk.checking import check_files
from sheetdesk.checking.workbook import write_checked
from sheetdesk.io.annotate import write_annotated
from sheetdesk.legacy import import_legacy, write_import
from sheetdesk.templates import write_templates
from sheetdesk.validation import validate_files
from tests.reliability.books import HOSTILE_TEXT, write_legacy_repairs, write_master
from tests.reliability.runner import run

REFUSED = "refusing to overwrite an input file; choose another -o"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    master = write_master(tmp_path / "master.xlsx", HOSTILE_TEXT)
    split = split_master(master, tmp_path / "branches")
    legacy = write_legacy_repairs(tmp_path / "legacy.xlsx", HOSTILE_TEXT)
    policy = tmp_path / "policy.xlsx"
    write_templates("policy", tmp_path / "tpl")
    (tmp_path / "tpl" / "policy.xlsx").rename(policy)
    mapping = tmp_path / "legacy.yaml"
    assert run("import", legacy, "--kind", "repairs", "--dry-run", "--save-mapping", mapping).code == 0
    return {"master": master, "branch": split.files[0].path, "legacy": legacy, "policy": policy,
            "mapping": mapping}


# -o naming an input, for every command that writes: refused even with --force.
SAME_AS_INPUT: dict[str, Callable[[dict[str, Path]], tuple[list[Any], Path]]] = {
    "validate -o IN": lambda f: (["validate", f["master"], "-o", f["master"], "--force"], f["master"]),
    "validate -o POLICY": lambda f: (["validate", f["master"], "--policy", f["policy"], "-o", f["policy"]],
                                     f["policy"]),
    "check -o IN": lambda f: (["check", f["master"], "-o", f["master"], "--force"], f["master"]),
    "check -o POLICY": lambda f: (["check", f["master"], "--policy", f["policy"], "-o", f["policy"], "--force"],
                                  f["policy"]),
    "check -o IN (another spelling)": lambda f: (
        ["check", f["master"], "-o", f["master"].parent / "branches" / ".." / f["master"].name, "--force"],
        f["master"]),
    "import -o LEGACY": lambda f: (["import", f["legacy"], "--kind", "repairs", "-o", f["legacy"], "--force"],
                                   f["legacy"]),
    "import -o MAPPING": lambda f: (["import", f["legacy"], "--kind", "repairs", "--mapping", f["mapping"],
                                     "-o", f["mapping"], "--force"], f["mapping"]),
    "import --save-mapping LEGACY": lambda f: (["import", f["legacy"], "--kind", "repairs", "--dry-run",
                                                "--save-mapping", f["legacy"], "--force"], f["legacy"]),
    "collect -o MASTER": lambda f: (["collect", f["master"], f["branch"], "-o", f["master"], "--force"],
                                    f["master"]),
    "collect -o BRANCH_FILE": lambda f: (["collect", f["master"], f["branch"], "-o", f["branch"], "--force"],
                                         f["branch"]),
}


@pytest.mark.parametrize("case", SAME_AS_INPUT)
def test_output_naming_an_input_is_refused_even_with_force(case: str, files: dict[str, Path]) -> None:
    args, victim = SAME_AS_INPUT[case](files)
    before = {k: digest(p) for k, p in files.items()}
    result = run(*args)
    assert result.code == 2
    assert result.stderr.startswith("sheetdesk: error: ") and result.stderr.endswith(f"{REFUSED}\n")
    assert len(result.stderr.splitlines()) == 1
    assert {k: digest(p) for k, p in files.items()} == before
    assert victim.exists()


@pytest.mark.parametrize("link", [os.link, os.symlink])
def test_a_link_to_the_input_is_the_input(link: Callable[[Path, Path], None], files: dict[str, Path],
                                          tmp_path: Path) -> None:
    alias = tmp_path / "looks-new.xlsx"
    link(files["master"], alias)
    before = digest(files["master"])
    result = run("check", files["master"], "-o", alias, "--force")
    assert result.code == 2 and result.stderr == f"sheetdesk: error: {alias}: {REFUSED}\n"
    assert digest(files["master"]) == before


def test_the_saved_mapping_never_replaces_the_imported_workbook(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "imported.xlsx"
    result = run("import", files["legacy"], "--kind", "repairs", "-o", out, "--save-mapping", out, "--force")
    assert result.code == 2 and result.stderr == f"sheetdesk: error: {out}: {REFUSED}\n"
    assert not out.exists()


def test_split_never_writes_a_branch_file_over_its_master(tmp_path: Path) -> None:
    """The master sits in the output folder under the name of one branch's file."""
    out = tmp_path / "out"
    out.mkdir()
    master = write_master(out / "Beijing.xlsx", HOSTILE_TEXT)
    before = digest(master)
    result = run("split", master, "-o", out, "--force")
    assert result.code == 2
    assert result.stderr == f"sheetdesk: error: {master}: {REFUSED}\n"
    assert digest(master) == before
    assert listing(out) == ["Beijing.xlsx"]  # no other branch file either: every target is checked first


# An existing output: refused without --force (left as it was), replaced with it.
EXISTING: dict[str, Callable[[dict[str, Path], Path], tuple[list[Any], Path]]] = {
    "validate -o": lambda f, d: (["validate", f["master"], "-o", d / "v.xlsx"], d / "v.xlsx"),
    "check -o": lambda f, d: (["check", f["master"], "--as-of", "2025-06-01", "-o", d / "c.xlsx"], d / "c.xlsx"),
    "check (default output)": lambda f, d: (["check", f["master"], "--as-of", "2025-06-01"],
                                            f["master"].with_name("master.checked.xlsx")),
    "import -o": lambda f, d: (["import", f["legacy"], "--kind", "repairs", "-o", d / "i.xlsx"], d / "i.xlsx"),
    "import (default output)": lambda f, d: (["import", f["legacy"], "--kind", "repairs"],
                                             f["legacy"].with_name("legacy.imported.xlsx")),
    "import --save-mapping": lambda f, d: (["import", f["legacy"], "--kind", "repairs", "--dry-run",
                                            "--save-mapping", d / "m.yaml"], d / "m.yaml"),
    "split": lambda f, d: (["split", f["master"], "-o", d], d / "Beijing.xlsx"),
    "collect -o": lambda f, d: (["collect", f["master"], f["branch"], "-o", d / "merged.xlsx"], d / "merged.xlsx"),
    "template": lambda f, d: (["template", "repairs", "-o", d], d / "repairs.xlsx"),
}


@pytest.mark.parametrize("case", EXISTING)
def test_existing_output_needs_force(case: str, files: dict[str, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    args, target = EXISTING[case](files, out_dir)
    target.write_bytes(b"yesterday's work")
    inputs = {k: digest(p) for k, p in files.items()}

    refused = run(*args)
    assert refused.code == 2, refused
    assert refused.stderr == f"sheetdesk: error: {target}: already exists; use --force to replace it\n"
    assert refused.stdout == ""
    assert target.read_bytes() == b"yesterday's work"

    replaced = run(*args, "--force")
    assert replaced.code in (0, 1), replaced
    assert target.read_bytes() != b"yesterday's work"
    assert {k: digest(p) for k, p in files.items()} == inputs


# Atomic writes: a crash in the middle of writing leaves the old output and no temp file.


class SimulatedCrash(RuntimeError):
    pass


@pytest.fixture(params=[SimulatedCrash, KeyboardInterrupt])
def crash(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
          files: dict[str, Path]) -> Iterator[type[BaseException]]:
    """xlsxwriter dies half-way through saving: part of a zip is on disk, then the exception.

    Depends on `files` so that the inputs are written before xlsxwriter breaks.
    """
    error: type[BaseException] = request.param

    def broken_close(self: xlsxwriter.workbook.Workbook) -> None:
        Path(self.filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise error("simulated crash while saving")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "close", broken_close)
    yield error


def _write_validated(f: dict[str, Path], out: Path) -> None:
    result = validate_files([f["master"]])
    write_annotated(out, result.dataset, result.report)


def _write_checked(f: dict[str, Path], out: Path) -> None:
    write_checked(check_files([f["master"]]), out)


def _write_imported(f: dict[str, Path], out: Path) -> None:
    write_import(import_legacy(f["legacy"], "repairs"), out)


def _write_split(f: dict[str, Path], out: Path) -> None:
    split_master(f["master"], out.parent, force=True)


def _write_collected(f: dict[str, Path], out: Path) -> None:
    collect(f["master"], [f["branch"]], out, force=True)


def _write_template(f: dict[str, Path], out: Path) -> None:
    write_templates("repairs", out.parent, force=True)


WRITERS: dict[str, tuple[Callable[[dict[str, Path], Path], None], str]] = {
    "validate (annotated copy)": (_write_validated, "out.xlsx"),
    "check (annotated workbook)": (_write_checked, "out.xlsx"),
    "import": (_write_imported, "out.xlsx"),
    "split (a branch file)": (_write_split, "Beijing.xlsx"),
    "collect": (_write_collected, "out.xlsx"),
    "template": (_write_template, "repairs.xlsx"),
}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_crash_mid_write_leaves_the_old_output_and_no_temp_file(
        writer: str, crash: type[BaseException], files: dict[str, Path], tmp_path: Path) -> None:
    write, name = WRITERS[writer]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    old = out_dir / name
    old.write_bytes(b"the old output")
    with pytest.raises(crash, match="simulated crash"):
        write(files, old)
    assert old.read_bytes() == b"the old output"
    assert listing(out_dir) == [name]


def test_a_crash_mid_write_with_no_old_output_leaves_nothing(
        crash: type[BaseException], files: dict[str, Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(crash):
        _write_checked(files, out_dir / "new.xlsx")
    assert listing(out_dir) == []


def test_the_cli_reports_a_crash_in_one_line_and_keeps_the_old_output(
        files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_close(self: xlsxwriter.workbook.Workbook) -> None:
        Path(self.filename).write_bytes(b"PK")
        raise SimulatedCrash("disk full")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "close", broken_close)
    old = tmp_path / "checked.xlsx"
    old.write_bytes(b"the old output")
    result = run("check", files["master"], "-o", old, "--force", "--as-of", "2025-06-01")
    assert result.code == 2
    assert result.stderr == ("sheetdesk: error: internal error: SimulatedCrash: disk full "
                             "(run with --debug for details)\n")
    assert old.read_bytes() == b"the old output"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_outputs_get_the_usual_file_mode(files: dict[str, Path], tmp_path: Path) -> None:
    """The temp file is private (0600) while written; the output is not."""
    out = tmp_path / "c.xlsx"
    assert run("check", files["master"], "-o", out, "--as-of", "2025-06-01").code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_output_the_file_system_refuses_is_one_line(files: dict[str, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows refuses to replace a workbook open in Excel: the old file stays, the message says why."""
    import sheetdesk.io.atomic as atomic

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    for args, target in ((["check", files["master"], "--as-of", "2025-06-01"], tmp_path / "c.xlsx"),
                         (["import", files["legacy"], "--kind", "repairs"], tmp_path / "i.xlsx"),
                         (["collect", files["master"], files["branch"]], tmp_path / "m.xlsx")):
        target.write_bytes(b"open in Excel")
        result = run(*args, "-o", target, "--force")
        assert result.code == 2
        assert result.stderr == (f"sheetdesk: error: {target}: cannot be replaced (Permission denied); "
                                 "is it open in another program?\n")
        assert target.read_bytes() == b"open in Excel"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_is_one_line(files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(self: xlsxwriter.workbook.Workbook) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "close", no_space)
    for args, folder in ((["split", files["master"], "-o", tmp_path / "elsewhere"], tmp_path / "elsewhere"),
                         (["import", files["legacy"], "--kind", "repairs", "-o", tmp_path / "i.xlsx"], tmp_path),
                         (["template", "sales", "-o", tmp_path / "templates"], tmp_path / "templates")):
        result = run(*args)
        assert result.code == 2, result
        assert result.stderr.endswith(f": cannot be written: no space left on the disk holding {folder}\n")
        assert len(result.stderr.splitlines()) == 1
    assert not [p for p in tmp_path.rglob(".*") if p.name != ".hypothesis"]  # no scratch folder or lock left


def test_ctrl_c_mid_write_exits_130_and_keeps_the_old_output(files: dict[str, Path], tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: xlsxwriter.workbook.Workbook) -> None:
        Path(self.filename).write_bytes(b"PK")
        raise KeyboardInterrupt

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "close", interrupted)
    old = tmp_path / "merged.xlsx"
    old.write_bytes(b"the old output")
    result = run("collect", files["master"], files["branch"], "-o", old, "--force")
    assert (result.code, result.stderr) == (130, "sheetdesk: interrupted\n")
    assert old.read_bytes() == b"the old output"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
