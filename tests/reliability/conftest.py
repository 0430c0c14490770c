from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sheetdesk.branches import split_master
from tests.reliability.books import write_master


@dataclass
class Good:
    """A valid master and one of its branch files."""

    master: Path
    branch: Path


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    folder = tmp_path_factory.mktemp("good")
    master = write_master(folder / "master.xlsx")
    split = split_master(master, folder / "branches")
    return Good(master, split.files[0].path)
