"""The collector pause: off inside, restored after, even on errors; paused by the
commands around their library call, never by the library itself."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import sheetdesk
from sheetdesk.bulk import collector_paused
from tests.helpers.cli import run

EXAMPLE = Path(__file__).resolve().parents[2] / "workbook_templates" / "examples" / "service_desk_example.en.xlsx"


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
    with pytest.raises(Exception, match="missing.xlsx"), collector_paused():
        sheetdesk.check([missing])
    assert gc.isenabled()


def paused_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    calls: list[bool] = []
    disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (calls.append(True), disable())[0])
    return calls


def test_the_library_leaves_the_collector_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = paused_calls(monkeypatch)
    sheetdesk.check([EXAMPLE], output=tmp_path / "out.xlsx")
    sheetdesk.validate([EXAMPLE], output=tmp_path / "out2.xlsx")
    assert calls == []


def test_the_commands_pause_it_around_the_library_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = paused_calls(monkeypatch)
    assert run("check", EXAMPLE, "-o", tmp_path / "out.xlsx").code == 1
    assert run("validate", EXAMPLE, "--json").code == 1
    assert len(calls) == 2 and gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_validate_hides_its_result_from_the_collector_only_while_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[int] = []
    unfreeze = gc.unfreeze
    monkeypatch.setattr(gc, "unfreeze", lambda: (frozen.append(gc.get_freeze_count()), unfreeze())[1])
    assert run("validate", EXAMPLE, "--json").code == 1
    assert frozen and frozen[0] > 0  # the result was out of the collector's sight while it was printed
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # and everything is collected as usual again
