"""Findings of the rules, for the caller to place at a cell.

The rules never touch a workbook: a finding names its declared code (see
`sheetdesk.findings.rules`), the column it is about and the parameters of
its message; `Located` adds which record of which register. The caller puts
it at `table.where(index, finding.column)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.findings import Severity, kind_of
from sheetdesk.findings.rules import BEYOND_WHAT

__all__ = ["Finding", "Located", "beyond_calendar"]


@dataclass(frozen=True)
class Finding:
    code: str
    column: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return kind_of(self.code).severity

    def text(self, lang: str = "en") -> str:
        return kind_of(self.code).message.render(lang, **self.params)


@dataclass(frozen=True)
class Located:
    """A finding on one record: `register` is sales/repairs/callbacks/holds, `index` the record's position.

    `at`, when given, is where the finding already is (a policy sheet's cell,
    which only the policy knows): the caller uses it as it is.
    """

    register: str
    index: int | None  # None: the sheet as a whole
    finding: Finding
    at: Mapping[str, Any] | None = None


def beyond_calendar(column: str, what: str) -> Finding:
    """`date.beyond_calendar` at `column`: the date of `what` (a `BEYOND_WHAT` key) is after 9999-12-31."""
    return Finding("date.beyond_calendar", column, {"what": BEYOND_WHAT[what]})
