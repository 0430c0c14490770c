"""The finding registry: every declared code reads right in both languages."""

from __future__ import annotations

import string

import pytest

from sheetdesk.findings import FINDINGS


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(FINDINGS))
def test_a_declared_code_has_both_languages_and_one_set_of_parameters(code: str) -> None:
    kind = FINDINGS[code]
    assert kind.severity in ("error", "warning")
    assert kind.message.en.strip() and kind.message.zh.strip()
    assert kind.explanation.en.strip() and kind.explanation.zh.strip()
    assert _fields(kind.message.en) == _fields(kind.message.zh), "both languages take the same parameters"
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in kind.message.en), "no Chinese in the English message"
