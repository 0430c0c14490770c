"""The collector pause around bulk steps: off inside, restored after, even on errors."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from sheetdesk.bulk import collector_paused
from sheetdesk.io.load import load_dataset


def test_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on early
    assert gc.isenabled()


def test_collector_comes_back_when_the_step_fails(tmp_path: Path) -> None:
    missing = tmp_path / "missing.xlsx"
    with pytest.raises(Exception, match="missing.xlsx"):
        load_dataset([missing])
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
