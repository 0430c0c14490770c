"""The finding registry: every finding code declared once, with its severity,
its message in English and Chinese, and a one-line explanation for the docs.

A finding is raised by code (`Report.add("required", at, field=...)`); the
registry gives its severity and renders its message in the reader's
language. Codes never change with the language: scripts and the JSON rely
on them. The area modules of this package (data, policy, rules, workbook,
legacy, branches) each declare the codes of one part of sheetdesk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sheetdesk.i18n import Msg

__all__ = ["FINDINGS", "FindingKind", "Severity", "declare", "kind_of"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class FindingKind:
    """One declared finding code."""

    code: str
    severity: Severity
    message: Msg  # placeholders are the parameters the raising code passes
    explanation: Msg  # one line for the docs' table of codes


FINDINGS: dict[str, FindingKind] = {}


def declare(code: str, severity: Severity, en: str, zh: str, *, explain_en: str, explain_zh: str) -> FindingKind:
    """Declare a finding code (once: a second declaration is a programming error)."""
    if code in FINDINGS:
        raise ValueError(f"finding code {code!r} is declared twice")
    kind = FindingKind(code, severity, Msg(en, zh), Msg(explain_en, explain_zh))
    FINDINGS[code] = kind
    return kind


def kind_of(code: str) -> FindingKind:
    """The declaration of `code`; KeyError names an undeclared code (a bug, caught by the tests)."""
    try:
        return FINDINGS[code]
    except KeyError:
        raise KeyError(f"finding code {code!r} is not declared in sheetdesk.findings") from None
