from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.branches import SplitResult, split_master
from tests.branches.master import write_master


@pytest.fixture
def master(tmp_path: Path) -> Path:
    # The master's own name mentions two branches: it must not travel into branch files.
    return write_master(tmp_path / "总部_北京分公司_East Office.xlsx")


@pytest.fixture
def split(master: Path, tmp_path: Path) -> SplitResult:
    return split_master(master, tmp_path / "out")


@pytest.fixture
def files(split: SplitResult) -> dict[str, Path]:
    """Branch name -> its branch file."""
    return {f.branch: f.path for f in split.files}


@pytest.fixture
def key(master: Path, split: SplitResult) -> Path:
    """The master's key file, written beside it by the split (give it to collect into a renamed master)."""
    assert split.key_file is not None
    return split.key_file
