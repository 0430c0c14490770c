"""Findings declared for one test: where a test needs an issue at a place no
rule of sheetdesk reports, it declares a code for the test's duration only, so
the registry (and its test) never sees it."""

from __future__ import annotations

import pytest

from sheetdesk.findings import FINDINGS, FindingKind, Severity
from sheetdesk.i18n import Msg


def declare_for_test(monkeypatch: pytest.MonkeyPatch, code: str, severity: Severity, text: str) -> None:
    """Declare `code` with `text` as its message in both languages (it is a test's own words)."""
    kind = FindingKind(code, severity, Msg(text, text), Msg("test only", "仅用于测试"))
    monkeypatch.setitem(FINDINGS, code, kind)
