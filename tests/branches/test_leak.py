"""No other branch's data anywhere in a branch file: every part of the zip, read as text."""

from __future__ import annotations

import zipfile
from pathlib import Path

from sheetdesk.branches import SplitResult
from tests.branches.master import BRANCHES, referenced_serials, tokens_of, unassigned_tokens


def all_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(name).decode("utf-8", errors="replace") for name in zf.namelist())


def test_no_branch_file_contains_another_branchs_data(split: SplitResult) -> None:
    assert len(split.files) == len(BRANCHES)
    for f in split.files:
        text = all_text(f.path)
        # The file's own data is there (so the search below looks at the right text).
        own = tokens_of(f.branch)
        assert own and all(token in text for token in own), f.branch
        foreign: set[str] = set(unassigned_tokens())
        for other in BRANCHES:
            if other != f.branch:
                foreign |= tokens_of(other)
        foreign -= referenced_serials(f.branch)  # a serial the branch itself repaired is its data too
        leaked = sorted(token for token in foreign if token in text)
        assert leaked == [], f"{f.path.name} leaks {leaked}"


def test_document_properties_name_only_the_branch(split: SplitResult, master: Path) -> None:
    for f in split.files:
        with zipfile.ZipFile(f.path) as zf:
            core = zf.read("docProps/core.xml").decode("utf-8")
            names = zf.namelist()
        assert f.branch.replace("/", "/") in core
        assert master.stem not in core and "总部" not in all_text(f.path)
        assert not any("externalLink" in n or "definedName" in n for n in names)
        assert "<definedName" not in all_text(f.path)
