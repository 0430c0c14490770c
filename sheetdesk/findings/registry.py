"""The finding registry: every finding code declared once, with its severity,
its message in English and Chinese, and a one-line explanation for the docs.

A finding is raised by code (`Report.add("required", at, field=...)`); the
registry gives its severity and renders its message in the reader's
language. Codes never change with the language: scripts and the JSON rely
on them. The area modules of this package (data, policy, rules, workbook,
legacy, branches) each declare the codes of one part of sheetdesk.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

from sheetdesk.i18n import Msg

__all__ = ["FINDINGS", "FindingKind", "Severity", "declare", "docs_page", "kind_of"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class FindingKind:
    """One declared finding code."""

    code: str
    severity: Severity
    message: Msg  # placeholders are the parameters the raising code passes
    explanation: Msg  # one line for the docs' table of codes
    area: str = ""  # the declaring module of sheetdesk.findings (data, policy, rules...)


FINDINGS: dict[str, FindingKind] = {}


def declare(code: str, severity: Severity, en: str, zh: str, *, explain_en: str, explain_zh: str) -> FindingKind:
    """Declare a finding code (once: a second declaration is a programming error)."""
    if code in FINDINGS:
        raise ValueError(f"finding code {code!r} is declared twice")
    module = sys._getframe(1).f_globals.get("__name__", "")  # the area module calling declare()
    kind = FindingKind(code, severity, Msg(en, zh), Msg(explain_en, explain_zh), module.rpartition(".")[2])
    FINDINGS[code] = kind
    return kind


def kind_of(code: str) -> FindingKind:
    """The declaration of `code`; KeyError names an undeclared code (a bug, caught by the tests)."""
    try:
        return FINDINGS[code]
    except KeyError:
        raise KeyError(f"finding code {code!r} is not declared in sheetdesk.findings") from None


# -- the docs' table of codes (docs/findings.md) ---------------------------------

_PAGE_HEAD = """# Finding codes

Every finding sheetdesk reports, by area: its code (stable: scripts and the
JSON rely on it, in every language), its severity, what it means, and its
message in English and Chinese (`{name}` is filled in from the data). A cell
with an error or a warning is filled and commented in the annotated
workbook and listed on its Issues / 问题清单 sheet.

Generated from the declarations in `sheetdesk/findings/` by
`python -m sheetdesk.findings > docs/findings.md`; a test fails when this
page is not current.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def docs_page() -> str:
    """docs/findings.md: one table per area, codes in the order they are declared."""
    lines = [_PAGE_HEAD]
    areas: dict[str, list[FindingKind]] = {}
    for kind in FINDINGS.values():
        areas.setdefault(kind.area, []).append(kind)
    for area, kinds in areas.items():
        module = sys.modules.get(f"sheetdesk.findings.{area}")
        doc = ((module.__doc__ if module else None) or "").strip().split("\n\n")[0]
        lines += [f"## {area}", "", " ".join(doc.split()), ""]
        lines += ["| code | severity | meaning | message | 说明 |", "|---|---|---|---|---|"]
        for k in kinds:
            cells = (f"`{k.code}`", k.severity, k.explanation.en, k.message.en, k.message.zh)
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
