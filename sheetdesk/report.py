"""Findings as data: `Issue` records collected in a `Report`.

An issue names where it was found the way a clerk looks for it: the sheet,
the Excel row number, the column key and the cell reference ("D7"). Its code
is declared in `sheetdesk.findings` with a severity and a message in English
and Chinese; the issue keeps the message's parameters, so that the terminal,
the JSON and the workbook each render it in their reader's language
(`Issue.text(lang)`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.findings import Severity, kind_of
from sheetdesk.i18n import Bound, Msg

ROW = Msg("row {row}", "第 {row} 行")
PLACE = Msg("{sheet}{sep}{where}", "{sheet}{sep}{where}")
NOWHERE = Msg("-", "-")

# Where a finding is: the keyword arguments `Table.where()` gives.
WHERE_KEYS = frozenset({"sheet", "row", "column", "col_index", "value", "file"})


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def parse_cell(ref: str) -> tuple[int, int]:
    """`"D7"` -> (7, 3): the Excel row number and the 0-based column index."""
    m = _CELL_REF.match(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col - 1


def cell_ref(col_index: int | None, row: int | None) -> str | None:
    """0-based column index and 1-based Excel row -> "D7" (None if unknown)."""
    if col_index is None or row is None:
        return None
    return f"{column_letter(col_index)}{row}"


def json_value(value: Any) -> Any:
    """A cell value as JSON can carry it: dates as ISO text."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, float) and value != value:  # NaN
        return None
    return value


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: Any = None
    file: str | None = None
    # The message's parameters (a `Msg` parameter renders in the reader's language).
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self, lang: str = "en") -> str:
        """The message in `lang` ("en" or "zh")."""
        return self.sentence().render(lang)

    def sentence(self) -> Bound:
        """The message with its parameters, to render in the reader's language later."""
        return kind_of(self.code).message.bind(**self.params)

    @property
    def message(self) -> str:
        """The English message (logs, tests); readers get `text(lang)`."""
        return self.text("en")

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON form of SPEC §5; only `message` follows the language."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.text(lang),
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": json_value(self.value),
            "file": self.file,
        }

    def location(self) -> Bound:
        """Where a clerk finds it: `Sheet!D7`, `Sheet!row 7` / `Sheet!第 7 行`, or `-`."""
        where = self.cell or (ROW.bind(row=self.row) if self.row else None)
        if not self.sheet and where is None:
            return NOWHERE.bind()
        return PLACE.bind(sheet=self.sheet or "", where=where or "", sep="!" if self.sheet and where else "")


@dataclass
class Report:
    """All findings of one run, in the order they were found."""

    issues: list[Issue] = field(default_factory=list)

    def add(self, code: str, at: Mapping[str, Any] | None = None, /, **params: Any) -> Issue:
        """Record a finding of a declared `code` at `at` (`Table.where(i, key)` or
        a dict of sheet/row/column/col_index/value/file); `params` fill its message.
        """
        kind = kind_of(code)
        issue = _issue(kind.severity, code, at or {}, params=dict(params))
        self.issues.append(issue)
        return issue

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def counts(self) -> dict[str, int]:
        c = Counter(i.severity for i in self.issues)
        return {"errors": c.get("error", 0), "warnings": c.get("warning", 0)}

    def by_code(self) -> dict[str, int]:
        return dict(Counter(i.code for i in self.issues))

    def flatten(self, lang: str = "en") -> list[dict[str, Any]]:
        return [i.to_dict(lang) for i in self.issues]


def _issue(
    severity: Severity,
    code: str,
    at: Mapping[str, Any],
    *,
    params: dict[str, Any] | None = None,
) -> Issue:
    unknown = set(at) - WHERE_KEYS
    if unknown:
        raise TypeError(f"unknown location keys for a finding: {sorted(unknown)}")
    row = at.get("row")
    return Issue(
        severity=severity,
        code=code,
        sheet=at.get("sheet"),
        row=row,
        column=at.get("column"),
        cell=cell_ref(at.get("col_index"), row),
        value=at.get("value"),
        file=at.get("file"),
        params=params or {},
    )


__all__ = ["Issue", "Msg", "Report", "Severity", "cell_ref", "column_letter", "json_value"]
